import { Column, Entity } from 'typeorm';
import { BaseRecord } from '@core/database/base.entity';

/** One entry of a unit's service history (repairs, replacements, inspections). */
export interface ServiceHistoryEntry {
  date: string;
  note: string;
}

/** A warranty record (保修): a unit sold to an account, by serial number, with its warranty end. `name` is the serial number. */
@Entity('service_records')
export class ServiceRecord extends BaseRecord {
  @Column({ name: 'serial_number', type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'uuid' })
  accountId: string;

  @Column({ type: 'uuid', nullable: true })
  productId: string | null;

  /** The product's name when recorded (or free text for a unit outside the catalogue). */
  @Column({ type: 'varchar', length: 200, nullable: true })
  productName: string | null;

  @Column({ type: 'date', nullable: true })
  purchaseDate: string | null;

  /** Last day covered (inclusive). */
  @Column({ type: 'date', nullable: true })
  warrantyEnd: string | null;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  history: ServiceHistoryEntry[];

  @Column({ type: 'text', nullable: true })
  notes: string | null;

  @Column({ type: 'uuid', nullable: true })
  ownerId: string | null;

  @Column({ type: 'uuid', nullable: true })
  departmentId: string | null;
}
