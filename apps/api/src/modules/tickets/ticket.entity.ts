import { CustomValuesColumn } from '@core/custom-fields/custom-values.decorators';
import { Column, Entity } from 'typeorm';
import type { TicketChannel, TicketPriority, TicketStatus, TicketType } from '@keyuan/shared';
import { BaseRecord } from '@core/database/base.entity';

/** A span the SLA clock stood still (pending on the customer, resolved); `to` null: still stopped. ISO strings. */
export interface StoredPause {
  from: string;
  to: string | null;
}

/**
 * A service ticket (工单). `name` is the subject (column `subject`); the owner is the assignee (the data
 * scope follows it). SLA due times are computed by the server from `openedAt`, the pauses and the policy.
 */
@Entity('tickets')
export class Ticket extends BaseRecord {
  @Column({ type: 'varchar', length: 40 })
  number: string;

  @Column({ name: 'subject', type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ type: 'varchar', length: 20, default: 'inquiry' })
  type: TicketType;

  @Column({ type: 'varchar', length: 20, default: 'web' })
  channel: TicketChannel;

  @Column({ type: 'varchar', length: 10, default: 'normal' })
  priority: TicketPriority;

  @Column({ type: 'varchar', length: 10, default: 'new' })
  status: TicketStatus;

  @Column({ type: 'uuid', nullable: true })
  accountId: string | null;

  @Column({ type: 'uuid', nullable: true })
  contactId: string | null;

  @Column({ type: 'uuid', nullable: true })
  productId: string | null;

  @Column({ type: 'uuid', nullable: true })
  contractId: string | null;

  @Column({ type: 'uuid', nullable: true })
  serviceRecordId: string | null;

  @Column({ type: 'uuid', nullable: true })
  teamId: string | null;

  /** The assignee. */
  @Column({ type: 'uuid', nullable: true })
  ownerId: string | null;

  @Column({ type: 'uuid', nullable: true })
  departmentId: string | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  tags: string[];

  @Column({ type: 'varchar', length: 100, nullable: true })
  requesterName: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  requesterEmail: string | null;

  @Column({ type: 'varchar', length: 40, nullable: true })
  requesterPhone: string | null;

  /** The customer's token for public replies (given to the customer in replies' links). */
  @Column({ type: 'varchar', length: 64 })
  publicToken: string;

  /** The earlier ticket a customer's late reply followed up. */
  @Column({ type: 'uuid', nullable: true })
  parentTicketId: string | null;

  @Column({ type: 'uuid', nullable: true })
  formId: string | null;

  /** When the customer's request arrived: the SLA clocks start here. */
  @Column({ type: 'timestamptz', precision: 3 })
  openedAt: Date;

  @Column({ type: 'uuid', nullable: true })
  slaPolicyId: string | null;

  @Column({ type: 'uuid', nullable: true })
  calendarId: string | null;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  pauses: StoredPause[];

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  firstRespondedAt: Date | null;

  /** Since when a customer's message waits for our next public reply (null: nothing waits). */
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  awaitingSince: Date | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  firstResponseDueAt: Date | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  nextResponseDueAt: Date | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  resolutionDueAt: Date | null;

  @Column({ type: 'boolean', default: false })
  firstResponseBreached: boolean;

  @Column({ type: 'boolean', default: false })
  nextResponseBreached: boolean;

  @Column({ type: 'boolean', default: false })
  resolutionBreached: boolean;

  /** Targets whose "about to breach" warning went out (once each). */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  slaWarned: string[];

  /** The earliest due time still running (queues sort and filter on it). */
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  slaNextDueAt: Date | null;

  @Column({ type: 'boolean', default: false })
  slaBreached: boolean;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  resolvedAt: Date | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  closedAt: Date | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  surveyToken: string | null;

  @Column({ type: 'smallint', nullable: true })
  surveyRating: number | null;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  surveyComment: string | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  surveyedAt: Date | null;

  /** Custom field values by key (core/custom-fields). */
  @CustomValuesColumn()
  custom: Record<string, unknown>;
}
