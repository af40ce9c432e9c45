import { CustomValuesColumn } from '@core/custom-fields/custom-values.decorators';
import { Column, Entity } from 'typeorm';
import { BaseRecord } from '@core/database/base.entity';
import type { ContractStatus } from '@keyuan/shared';

/**
 * A contract (合同). `name` is the title (column `title`). Money columns are numeric (exact strings);
 * with lines, `amount` is their grand total computed by the server (core/money/line-totals.ts), as on quotes.
 */
@Entity('contracts')
export class Contract extends BaseRecord {
  @Column({ type: 'varchar', length: 40 })
  number: string;

  @Column({ name: 'title', type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 20, default: 'draft' })
  status: ContractStatus;

  @Column({ type: 'uuid' })
  accountId: string;

  @Column({ type: 'uuid', nullable: true })
  opportunityId: string | null;

  /** The accepted quote it was made from (at most one live contract per quote). */
  @Column({ type: 'uuid', nullable: true })
  quoteId: string | null;

  @Column({ type: 'char', length: 3, default: 'CNY' })
  currency: string;

  @Column({ type: 'numeric', precision: 18, scale: 2, default: 0 })
  amount: string;

  @Column({ type: 'boolean', default: true })
  taxIncluded: boolean;

  @Column({ type: 'numeric', precision: 5, scale: 2, default: 0 })
  discountPercent: string;

  @Column({ type: 'numeric', precision: 18, scale: 2, default: 0 })
  subtotal: string;

  @Column({ type: 'numeric', precision: 18, scale: 2, default: 0 })
  discountAmount: string;

  @Column({ type: 'numeric', precision: 18, scale: 2, default: 0 })
  taxTotal: string;

  @Column({ type: 'numeric', precision: 18, scale: 2, default: 0 })
  netTotal: string;

  @Column({ type: 'date', nullable: true })
  signDate: string | null;

  @Column({ type: 'date', nullable: true })
  startDate: string | null;

  /** Last day in force (business time zone); the daily job expires the contract the day after. */
  @Column({ type: 'date', nullable: true })
  endDate: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  paymentTerms: string | null;

  /** Who signed for the customer (a name). */
  @Column({ type: 'varchar', length: 100, nullable: true })
  customerSigner: string | null;

  /** Who signed for us (a user). */
  @Column({ type: 'uuid', nullable: true })
  ourSignerId: string | null;

  @Column({ type: 'text', nullable: true })
  notes: string | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  activatedAt: Date | null;

  /** When it expired or was terminated. */
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  endedAt: Date | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  terminationReason: string | null;

  /** The renewal task the daily job made (at most one per contract). */
  @Column({ type: 'uuid', nullable: true })
  renewalTaskId: string | null;

  @Column({ type: 'uuid', nullable: true })
  ownerId: string | null;

  @Column({ type: 'uuid', nullable: true })
  departmentId: string | null;

  /** Custom field values by key (core/custom-fields). */
  @CustomValuesColumn()
  custom: Record<string, unknown>;
}
