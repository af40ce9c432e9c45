import { CustomValuesColumn } from '@core/custom-fields/custom-values.decorators';
import { Column, Entity } from 'typeorm';
import { BaseRecord } from '@core/database/base.entity';
import type { QuoteStatus } from '@keyuan/shared';

/**
 * A quote (报价单). `number` + `revision` name one version: revising a sent quote makes a new row with the
 * same number and revision n+1, and the old row becomes `superseded` (read-only). Money columns are
 * numeric (exact strings), always computed by the server (core/money/line-totals.ts).
 */
@Entity('quotes')
export class Quote extends BaseRecord {
  @Column({ type: 'varchar', length: 40 })
  number: string;

  @Column({ type: 'int', default: 1 })
  revision: number;

  @Column({ type: 'boolean', default: false })
  superseded: boolean;

  @Column({ type: 'uuid', nullable: true })
  previousId: string | null;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 20, default: 'draft' })
  status: QuoteStatus;

  @Column({ type: 'uuid' })
  accountId: string;

  @Column({ type: 'uuid', nullable: true })
  contactId: string | null;

  /** The opportunity (another module's record; linked without a foreign key for now). */
  @Column({ type: 'uuid', nullable: true })
  opportunityId: string | null;

  @Column({ type: 'char', length: 3, default: 'CNY' })
  currency: string;

  /** A calendar date (`YYYY-MM-DD`, business time zone): the quote expires the day after. */
  @Column({ type: 'date', nullable: true })
  validUntil: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  paymentTerms: string | null;

  @Column({ type: 'text', nullable: true })
  notes: string | null;

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

  @Column({ type: 'numeric', precision: 18, scale: 2, default: 0 })
  grandTotal: string;

  @Column({ type: 'numeric', precision: 5, scale: 2, default: 0 })
  maxLineDiscount: string;

  @Column({ type: 'numeric', precision: 5, scale: 2, default: 0 })
  totalDiscount: string;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  sentAt: Date | null;

  /** When the customer accepted or declined, or the quote expired. */
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  decidedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  ownerId: string | null;

  @Column({ type: 'uuid', nullable: true })
  departmentId: string | null;

  /** Custom field values by key (core/custom-fields). */
  @CustomValuesColumn()
  custom: Record<string, unknown>;
}
