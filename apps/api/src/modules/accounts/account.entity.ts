import { CustomValuesColumn } from '@core/custom-fields/custom-values.decorators';
import { Column, Entity } from 'typeorm';
import { BaseRecord } from '@core/database/base.entity';
import { ACCOUNT_TYPES, ACCOUNT_LEVELS, LIFECYCLE_STAGES, ACCOUNT_SIZES, ACCOUNT_SOURCES, type AccountType, type AccountLevel, type LifecycleStage, type AccountSize, type AccountSource } from '@keyuan/shared';

/** Shared with the web client (libs/shared). */
export { ACCOUNT_TYPES, ACCOUNT_LEVELS, LIFECYCLE_STAGES, ACCOUNT_SIZES, ACCOUNT_SOURCES, type AccountType, type AccountLevel, type LifecycleStage, type AccountSize, type AccountSource };

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

  /** Custom field values by key (core/custom-fields). */
  @CustomValuesColumn()
  custom: Record<string, unknown>;
}
