import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { ListQueryDto } from '@core/http/list-query.dto';
import { InstallmentResponse, PaymentResponse } from './payments.dto';
import { InvoiceResponse } from './invoices.dto';

export class QueryReceivablesDto extends ListQueryDto {
  @IsOptional()
  @IsUUID()
  accountId?: string;

  @IsOptional()
  @IsUUID()
  ownerId?: string;

  /** `overdue`: only contracts with an overdue installment; `open`: a balance left. */
  @ApiProperty({ enum: ['overdue', 'open'], required: false })
  @IsOptional()
  @IsIn(['overdue', 'open'])
  only?: 'overdue' | 'open';
}

export class ReceivableResponse {
  contractId: string;
  contractNumber: string;
  contractTitle: string;
  accountId: string;
  accountName: string | null;
  ownerId: string | null;
  ownerName: string | null;
  /** The contract's currency. @example USD */
  currency: string;
  /** @example "100000.00" */
  amount: string;
  /** @example "30000.00" */
  received: string;
  /** @example "50000.00" */
  invoiced: string;
  /** amount − received. @example "70000.00" */
  balance: string;
  /** The earliest open installment's due date. */
  nextDueDate: string | null;
  /** Outstanding of installments past due. @example "10000.00" */
  overdueAmount: string;
  /** Days since the oldest unpaid due date (0 when nothing is overdue). @example 12 */
  daysOverdue: number;
  /** The base currency. @example CNY */
  baseCurrency: string;
  /**
   * The rate used (in force on the contract's sign date). On a contract's finance tab it and the base amounts
   * are null when no rate exists; the receivables list answers 422 EXCHANGE_RATE_MISSING instead. @example "7.1"
   */
  rate: string | null;
  rateDate: string | null;
  /** amount, balance and overdue in the base currency (at the rate of the sign date). */
  baseAmount: string | null;
  /** What came in, in the base currency: each payment (and reversal) at the rate of its own received date. @example "1095.00" */
  baseReceived: string | null;
  baseBalance: string | null;
  baseOverdueAmount: string | null;
}

export class AgingBucket {
  /** @example 0-30 */
  @ApiProperty({ enum: ['current', '0-30', '31-60', '61-90', '90+'] })
  bucket: string;
  /** In the base currency. @example "12000.00" */
  amount: string;
  /** Installments in the bucket. @example 3 */
  count: number;
}

export class ReceivablesSummary {
  /** @example CNY */
  baseCurrency: string;
  /** @example "1000000.00" */
  totalAmount: string;
  /** Payments (net of reversals), each at the rate of its received date. @example "250000.00" */
  totalReceived: string;
  /** Invoices counted against the contracts (requested and issued), each at the rate of its issue date (request date until issued). @example "300000.00" */
  totalInvoiced: string;
  /** Open balances at the rate of each contract's sign date (so totalAmount − totalReceived − totalBalance is the exchange difference). @example "750000.00" */
  totalBalance: string;
  totalOverdue: string;
  /** Outstanding by days past due (`current`: not due yet), in the base currency. */
  @ApiProperty({ type: [AgingBucket] })
  aging: AgingBucket[];
  /** Outstanding per original currency, unconverted. */
  @ApiProperty({ type: 'array', items: { type: 'object', properties: { currency: { type: 'string' }, balance: { type: 'string' }, overdue: { type: 'string' } } } })
  byCurrency: { currency: string; balance: string; overdue: string }[];
}

export class ReceivablePage {
  @ApiProperty({ type: [ReceivableResponse] })
  data: ReceivableResponse[];
  nextCursor: string | null;
  total: number;
  summary: ReceivablesSummary;
}

export class ContractFinanceResponse {
  receivable: ReceivableResponse;
  @ApiProperty({ type: [InstallmentResponse] })
  installments: InstallmentResponse[];
  @ApiProperty({ type: [PaymentResponse] })
  payments: PaymentResponse[];
  @ApiProperty({ type: [InvoiceResponse] })
  invoices: InvoiceResponse[];
}

export class InstallmentListResponse {
  @ApiProperty({ type: [InstallmentResponse] })
  data: InstallmentResponse[];
}
