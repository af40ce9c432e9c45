import { CustomValuesColumn } from '@core/custom-fields/custom-values.decorators';
import { Column, Entity } from 'typeorm';
import { BaseRecord } from '@core/database/base.entity';
import { LEAD_SOURCES, LEAD_STATUSES, type LeadSource, type LeadStatus } from '@keyuan/shared';

/** Shared with the web client (libs/shared). */
export { LEAD_SOURCES, LEAD_STATUSES, type LeadSource, type LeadStatus };

/** A 线索: a possible customer not yet qualified. Converted leads are read-only and link to what they became. */
@Entity('leads')
export class Lead extends BaseRecord {
  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  company: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  title: string | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  phone: string | null;

  @Column({ type: 'varchar', length: 254, nullable: true })
  email: string | null;

  @Column({ type: 'varchar', length: 30, default: 'other' })
  source: LeadSource;

  @Column({ type: 'varchar', length: 20, default: 'new' })
  status: LeadStatus;

  @Column({ type: 'int', default: 0 })
  score: number;

  @Column({ type: 'varchar', length: 50, nullable: true })
  province: string | null;

  @Column({ type: 'varchar', length: 50, nullable: true })
  city: string | null;

  @Column({ type: 'text', nullable: true })
  notes: string | null;

  @Column({ type: 'uuid', nullable: true })
  campaignId: string | null;

  @Column({ type: 'uuid', nullable: true })
  formId: string | null;

  @Column({ type: 'uuid', nullable: true })
  ownerId: string | null;

  @Column({ type: 'uuid', nullable: true })
  departmentId: string | null;

  @Column({ type: 'uuid', nullable: true })
  poolId: string | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  claimedAt: Date | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  nextFollowUpAt: Date | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  lastActivityAt: Date | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  convertedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  convertedAccountId: string | null;

  @Column({ type: 'uuid', nullable: true })
  convertedContactId: string | null;

  @Column({ type: 'uuid', nullable: true })
  convertedOpportunityId: string | null;

  /** Free labels (bulk "add tag"); GIN-indexed for the `tags` filter. */
  @Column({ type: 'text', array: true, default: () => `'{}'` })
  tags: string[];

  /** Id of the record in another system, for upserts by import. */
  @Column({ type: 'varchar', length: 100, nullable: true })
  externalId: string | null;

  /** Custom field values by key (core/custom-fields). */
  @CustomValuesColumn()
  custom: Record<string, unknown>;
}
