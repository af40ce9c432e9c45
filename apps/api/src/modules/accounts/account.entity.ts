import { Column, Entity } from 'typeorm';
import { BaseRecord } from '@core/database/base.entity';

export const ACCOUNT_TYPES = ['company', 'individual'] as const;
export type AccountType = (typeof ACCOUNT_TYPES)[number];
/** Value grade: A the most valuable. */
export const ACCOUNT_LEVELS = ['A', 'B', 'C', 'D'] as const;
export type AccountLevel = (typeof ACCOUNT_LEVELS)[number];
export const LIFECYCLE_STAGES = ['prospect', 'active', 'at_risk', 'churned'] as const;
export type LifecycleStage = (typeof LIFECYCLE_STAGES)[number];
/** Head-count bands. */
export const ACCOUNT_SIZES = ['1-9', '10-49', '50-199', '200-999', '1000+'] as const;
export type AccountSize = (typeof ACCOUNT_SIZES)[number];
/** Same values as a lead's source, so a converted lead keeps where it came from. */
export const ACCOUNT_SOURCES = ['web', 'campaign', 'referral', 'trade_show', 'phone', 'import', 'other'] as const;
export type AccountSource = (typeof ACCOUNT_SOURCES)[number];

/** A 客户: a customer company or an individual customer. Without an owner it waits in `poolId`. */
@Entity('accounts')
export class Account extends BaseRecord {
  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 20, default: 'company' })
  type: AccountType;

  @Column({ type: 'varchar', length: 50, nullable: true })
  industry: string | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  size: AccountSize | null;

  @Column({ type: 'varchar', length: 30, nullable: true })
  source: AccountSource | null;

  @Column({ type: 'varchar', length: 1, nullable: true })
  level: AccountLevel | null;

  @Column({ type: 'varchar', length: 20, default: 'prospect' })
  lifecycleStage: LifecycleStage;

  @Column({ type: 'varchar', length: 20, nullable: true })
  phone: string | null;

  @Column({ type: 'varchar', length: 254, nullable: true })
  email: string | null;

  @Column({ type: 'varchar', length: 300, nullable: true })
  website: string | null;

  @Column({ type: 'varchar', length: 50, nullable: true })
  province: string | null;

  @Column({ type: 'varchar', length: 50, nullable: true })
  city: string | null;

  @Column({ type: 'varchar', length: 50, nullable: true })
  district: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  street: string | null;

  @Column({ type: 'text', array: true, default: () => `'{}'` })
  tags: string[];

  @Column({ type: 'uuid', nullable: true })
  parentId: string | null;

  @Column({ type: 'uuid', nullable: true })
  ownerId: string | null;

  @Column({ type: 'uuid', nullable: true })
  departmentId: string | null;

  /** The pool it waits in (no owner) or came from and returns to (owned). */
  @Column({ type: 'uuid', nullable: true })
  poolId: string | null;

  /** When the current owner got it (claim or assignment); the return rule counts from here. */
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  claimedAt: Date | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  nextFollowUpAt: Date | null;

  /** Set by the activities module. */
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  lastActivityAt: Date | null;

  /** Id of the record in another system, for upserts by import. */
  @Column({ type: 'varchar', length: 100, nullable: true })
  externalId: string | null;
}
