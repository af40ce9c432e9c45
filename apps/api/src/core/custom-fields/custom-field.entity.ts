import type { CustomFieldOption, CustomFieldType } from '@keyuan/shared';
import { Column, Entity } from 'typeorm';
import { BaseRecord } from '../database/base.entity';

/** One admin-defined field of a record kind; its values live in the kind's `custom` JSONB column. */
@Entity('custom_fields')
export class CustomField extends BaseRecord {
  /** Permission module of the record kind, e.g. `leads`. */
  @Column({ type: 'varchar', length: 30 })
  kind: string;

  @Column({ type: 'varchar', length: 40 })
  key: string;

  @Column({ type: 'varchar', length: 100 })
  labelZh: string;

  @Column({ type: 'varchar', length: 100 })
  labelEn: string;

  @Column({ type: 'varchar', length: 20 })
  type: CustomFieldType;

  @Column({ type: 'boolean', default: false })
  required: boolean;

  @Column({ type: 'boolean', default: false })
  isUnique: boolean;

  @Column({ type: 'jsonb', nullable: true })
  defaultValue: unknown;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  options: CustomFieldOption[];

  /** A `reference` field's record type, e.g. `account`. */
  @Column({ type: 'varchar', length: 30, nullable: true })
  refKind: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  helpZh: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  helpEn: string | null;

  @Column({ type: 'int', default: 0 })
  position: number;

  @Column({ type: 'boolean', default: false })
  filterable: boolean;
}
