import { CustomValuesColumn } from '@core/custom-fields/custom-values.decorators';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { BaseRecord } from '@core/database/base.entity';

/** A 商机: a possible sale to an account, moving through the stages of one pipeline. */
@Entity('opportunities')
export class Opportunity extends BaseRecord {
  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'uuid' })
  accountId: string;

  @Column({ type: 'uuid', nullable: true })
  contactId: string | null;

  @Column({ type: 'uuid' })
  pipelineId: string;

  @Column({ type: 'uuid' })
  stageId: string;

  /** Exact decimal, as a string (`pg` answers numeric as text). */
  @Column({ type: 'numeric', precision: 18, scale: 2, default: 0 })
  amount: string;

  @Column({ type: 'char', length: 3, default: 'CNY' })
  currency: string;

  /** The opportunity has line items: `amount` is their total and follows them (a PATCH of amount is refused). */
  @Column({ type: 'boolean', default: false })
  hasLines: boolean;

  /** The effective probability: the stage's, or the override when `probabilityOverridden`. */
  @Column({ type: 'int' })
  probability: number;

  @Column({ type: 'boolean', default: false })
  probabilityOverridden: boolean;

  /** `YYYY-MM-DD`. */
  @Column({ type: 'date' })
  expectedCloseDate: string;

  @Column({ type: 'uuid', nullable: true })
  ownerId: string | null;

  @Column({ type: 'uuid', nullable: true })
  departmentId: string | null;

  @Column({ type: 'varchar', length: 30, nullable: true })
  source: string | null;

  @Column({ type: 'text', array: true, default: () => `'{}'` })
  competitors: string[];

  @Column({ type: 'varchar', length: 500, nullable: true })
  nextStep: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  lostReason: string | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  wonAt: Date | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  lostAt: Date | null;

  /** When it entered its current stage (stage history counts the time spent from here). */
  @Column({ type: 'timestamptz', precision: 3 })
  stageEnteredAt: Date;

  /** The lead it was converted from. */
  @Column({ type: 'uuid', nullable: true })
  leadId: string | null;

  /** The campaign that brought it (from the lead it was converted from, or set by hand). */
  @Column({ type: 'uuid', nullable: true })
  campaignId: string | null;

  /** Custom field values by key (core/custom-fields). */
  @CustomValuesColumn()
  custom: Record<string, unknown>;
}

/** One stage move of an opportunity (the first row, from null, is its creation). */
@Entity('opportunity_stage_history')
export class OpportunityStageMove {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  opportunityId: string;

  @Column({ type: 'uuid', nullable: true })
  fromStageId: string | null;

  @Column({ type: 'uuid' })
  toStageId: string;

  @Column({ type: 'timestamptz', precision: 3 })
  movedAt: Date;

  @Column({ type: 'uuid', nullable: true })
  movedBy: string | null;

  /** Seconds spent in the stage it left (null for the creation row). */
  @Column({ type: 'bigint', nullable: true, transformer: { to: (v: number | null) => v, from: (v: string | null) => (v === null ? null : Number(v)) } })
  secondsInFrom: number | null;
}
