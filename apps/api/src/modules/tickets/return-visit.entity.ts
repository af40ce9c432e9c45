import { Column, Entity } from 'typeorm';
import type { ReturnVisitMethod, ReturnVisitStatus } from '@keyuan/shared';
import { BaseRecord } from '@core/database/base.entity';

/** A return visit (回访): a planned call or visit to an account after a ticket or a contract. Owner = assignee. */
@Entity('return_visits')
export class ReturnVisit extends BaseRecord {
  @Column({ name: 'subject', type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'uuid' })
  accountId: string;

  @Column({ type: 'uuid', nullable: true })
  ticketId: string | null;

  @Column({ type: 'uuid', nullable: true })
  contractId: string | null;

  @Column({ type: 'date' })
  plannedDate: string;

  @Column({ type: 'varchar', length: 20, default: 'phone' })
  method: ReturnVisitMethod;

  @Column({ type: 'varchar', length: 10, default: 'planned' })
  status: ReturnVisitStatus;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  outcome: string | null;

  @Column({ type: 'smallint', nullable: true })
  satisfaction: number | null;

  @Column({ type: 'text', nullable: true })
  notes: string | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  doneAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  ownerId: string | null;

  @Column({ type: 'uuid', nullable: true })
  departmentId: string | null;
}
