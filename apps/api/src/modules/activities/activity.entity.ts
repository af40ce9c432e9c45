import { Column, Entity } from 'typeorm';
import { BaseRecord } from '@core/database/base.entity';
import { ACTIVITY_TYPES, CALL_DIRECTIONS, CALL_OUTCOMES, VISIT_STATUSES, type ActivityType, type CallDirection, type CallOutcome, type VisitStatus } from '@keyuan/shared';

/** Shared with the web client (libs/shared). */
export { ACTIVITY_TYPES, CALL_DIRECTIONS, CALL_OUTCOMES, VISIT_STATUSES, type ActivityType, type CallDirection, type CallOutcome, type VisitStatus };
/** Types that are planned ahead and appear on the calendar. */
export const SCHEDULED_TYPES: ActivityType[] = ['visit', 'meeting'];

/** A follow-up (跟进记录) on a lead, account or contact: a call, visit, meeting, note or email. */
@Entity('activities')
export class Activity extends BaseRecord {
  @Column({ type: 'varchar', length: 20 })
  type: ActivityType;

  @Column({ type: 'varchar', length: 200, nullable: true })
  subject: string | null;

  @Column({ type: 'text', nullable: true })
  content: string | null;

  @Column({ type: 'timestamptz', precision: 3 })
  occurredAt: Date;

  @Column({ type: 'varchar', length: 10, nullable: true })
  direction: CallDirection | null;

  @Column({ type: 'int', nullable: true })
  durationSec: number | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  outcome: CallOutcome | null;

  /** The other party's number, E.164. */
  @Column({ type: 'varchar', length: 20, nullable: true })
  callerPhone: string | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  plannedAt: Date | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  location: string | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  status: VisitStatus | null;

  @Column({ type: 'uuid', nullable: true })
  leadId: string | null;

  @Column({ type: 'uuid', nullable: true })
  accountId: string | null;

  @Column({ type: 'uuid', nullable: true })
  contactId: string | null;

  /** The opportunity it is about (its account is then set too). */
  @Column({ type: 'uuid', nullable: true })
  opportunityId: string | null;

  /** The user who logged it. */
  @Column({ type: 'uuid' })
  ownerId: string;

  @Column({ type: 'uuid', nullable: true })
  departmentId: string | null;
}
