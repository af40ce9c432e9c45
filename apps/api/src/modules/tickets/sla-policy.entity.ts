import { Column, Entity } from 'typeorm';
import type { AccountLevel, TicketPriority, TicketStatus } from '@keyuan/shared';
import { BaseRecord } from '@core/database/base.entity';

/** Service-level targets for tickets of a priority (and optionally an account level), in working minutes. */
@Entity('sla_policies')
export class SlaPolicy extends BaseRecord {
  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'varchar', length: 10 })
  priority: TicketPriority;

  /** Only for accounts of this level; null: any level (a level's own policy wins). */
  @Column({ type: 'varchar', length: 20, nullable: true })
  accountLevel: AccountLevel | null;

  /** Business calendar of the working minutes; null: the default calendar. */
  @Column({ type: 'uuid', nullable: true })
  calendarId: string | null;

  @Column({ type: 'int' })
  firstResponseMinutes: number;

  @Column({ type: 'int', nullable: true })
  nextResponseMinutes: number | null;

  @Column({ type: 'int' })
  resolutionMinutes: number;

  /** Statuses in which the clock stops. */
  @Column({ type: 'text', array: true, default: () => "'{pending}'" })
  pauseStatuses: TicketStatus[];

  /** Escalation raises the ticket's priority one step when a target is about to breach. */
  @Column({ type: 'boolean', default: false })
  raisePriority: boolean;

  @Column({ type: 'boolean', default: true })
  active: boolean;
}
