import { ApiProperty, IntersectionType, OmitType } from '@nestjs/swagger';
import { ExportOptionsDto } from '@core/http/export-query.dto';
import { BusinessDate } from '../finance-dates';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { IsDecimalString, ToDecimalString } from '@core/http/decimal.validators';
import { ListQueryDto } from '@core/http/list-query.dto';
import { IsDateOnly, Trim } from '@core/http/validators';
import { IsCurrencyCode } from '@modules/currencies/dto/currency-code';

export const INSTALLMENT_STATUSES = ['pending', 'partially_paid', 'paid', 'overdue'] as const;
export type InstallmentStatus = (typeof INSTALLMENT_STATUSES)[number];
export const PAYMENT_METHODS = ['bank_transfer', 'cash', 'alipay', 'wechat_pay', 'cheque', 'other'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];
export const PAYMENT_KINDS = ['payment', 'reversal'] as const;

/** One installment of a plan: an amount or a percentage of the contract amount (all installments alike). */
export class InstallmentInputDto {
  /** @example 2026-12-31 */
  @IsDateOnly()
  dueDate: string;

  /** Amount in the contract's currency (at most its minor unit's decimals). @example "30000.00" */
  @IsOptional()
  @ToDecimalString()
  @IsDecimalString(16, 3)
  amount?: string;

  /** Share of the contract amount, % (up to 4 decimals). @example "30" */
  @IsOptional()
  @ToDecimalString()
  @IsDecimalString(3, 4)
  percent?: string;
}

export class CreatePaymentPlanDto {
  /**
   * The installments, oldest due first is not required (they are ordered by due date). They must add up to
   * the contract amount exactly (422 PAYMENT_PLAN_SUM_MISMATCH with the difference); with percentages the
   * rounding cents go to the last installment.
   */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(60)
  @ValidateNested({ each: true })
  @Type(() => InstallmentInputDto)
  installments: InstallmentInputDto[];
}

export class InstallmentResponse {
  id: string;
  contractId: string;
  /** @example HT202612-0001 */
  contractNumber: string;
  contractTitle: string;
  accountId: string;
  /** 1-based position in the plan, by due date. @example 1 */
  position: number;
  /** @example 2026-12-31 */
  dueDate: string;
  /** @example "30000.00" */
  amount: string;
  /** The percentage it was given as, if any. @example "30" */
  percent: string | null;
  /** @example "10000.00" */
  received: string;
  /** amount − received. @example "20000.00" */
  outstanding: string;
  /** @example CNY */
  currency: string;
  @ApiProperty({ enum: INSTALLMENT_STATUSES })
  status: InstallmentStatus;
  ownerId: string | null;
  ownerName: string | null;
  /** The overdue reminder task the daily job made (once). */
  reminderTaskId: string | null;
  version: number;
}

export class InstallmentPage {
  @ApiProperty({ type: [InstallmentResponse] })
  data: InstallmentResponse[];
  nextCursor: string | null;
  total: number;
}

export class QueryInstallmentsDto extends ListQueryDto {
  /** Only installments of this contract. */
  @IsOptional()
  @IsUUID()
  contractId?: string;

  /** Only installments of this account's contracts. */
  @IsOptional()
  @IsUUID()
  accountId?: string;

  @ApiProperty({ enum: INSTALLMENT_STATUSES, required: false })
  @IsOptional()
  @IsIn(INSTALLMENT_STATUSES)
  status?: InstallmentStatus;

  /** Only installments owned by this user. */
  @IsOptional()
  @IsUUID()
  ownerId?: string;

  /** Due on or after. @example 2026-01-01 */
  @IsOptional()
  @IsDateOnly()
  dueDateFrom?: string;

  /** Due on or before. @example 2026-12-31 */
  @IsOptional()
  @IsDateOnly()
  dueDateTo?: string;
}

export class CreatePaymentDto {
  /** The contract paid (signed, in your scope). */
  @IsUUID()
  contractId: string;

  /** Amount received, in the contract's currency, with at most its minor unit's decimals (JPY 0, CNY 2, KWD 3: 400 AMOUNT_TOO_PRECISE beyond). @example "30000.00" */
  @ToDecimalString()
  @IsDecimalString(16, 3)
  amount: string;

  /** ISO 4217, enabled; must be the contract's (default). @example CNY */
  @IsOptional()
  @IsCurrencyCode()
  currency?: string;

  /** @example 2026-12-01 */
  @IsDateOnly()
  receivedDate: string;

  @ApiProperty({ enum: PAYMENT_METHODS })
  @IsIn(PAYMENT_METHODS)
  method: PaymentMethod;

  /** Bank or channel reference (流水号). @example "20261201000123" */
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(100)
  referenceNumber?: string;

  /** Who paid (the remitter's name). @example 上海云启科技有限公司 */
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(200)
  payer?: string;

  /** @example 首付款 */
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  notes?: string;

  /** Installments to settle first, in this order (each once); the rest is applied oldest-first. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(60)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  installmentIds?: string[];
}

export class ReversePaymentDto {
  /** Why (a refund, a wrong entry). @example 客户退款 */
  @IsOptional()
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  reason?: string;

  /** Date of the reversal (default today). @example 2026-12-05 */
  @IsOptional()
  @IsDateOnly()
  receivedDate?: string;
}

export class AllocationResponse {
  installmentId: string;
  /** @example 1 */
  position: number;
  /** @example 2026-12-31 */
  dueDate: string;
  /** Negative on a reversal. @example "30000.00" */
  amount: string;
}

export class PaymentResponse {
  id: string;
  @ApiProperty({ enum: PAYMENT_KINDS })
  kind: 'payment' | 'reversal';
  contractId: string;
  contractNumber: string;
  contractTitle: string;
  accountId: string;
  accountName: string | null;
  /** Negative for a reversal. @example "30000.00" */
  amount: string;
  /** @example CNY */
  currency: string;
  /** The base currency the figures below are in. @example CNY */
  baseCurrency: string;
  /** `amount` in the base currency at the rate of the received date (null only if that rate was deleted since). @example "213000.00" */
  baseAmount: string | null;
  /** The rate used (1 for the base currency). @example "7.1" */
  rate: string | null;
  /** The date the rate took effect (on or before the received date). @example 2026-11-01 */
  rateDate: string | null;
  /** @example 2026-12-01 */
  receivedDate: string;
  @ApiProperty({ enum: PAYMENT_METHODS })
  method: PaymentMethod;
  referenceNumber: string | null;
  payer: string | null;
  notes: string | null;
  /** The payment this one reverses. */
  reversesId: string | null;
  /** The reversal of this payment, if reversed. */
  reversedById: string | null;
  @ApiProperty({ type: [AllocationResponse] })
  allocations: AllocationResponse[];
  createdById: string | null;
  createdByName: string | null;
  createdAt: Date;
  version: number;
}

export class PaymentPage {
  @ApiProperty({ type: [PaymentResponse] })
  data: PaymentResponse[];
  nextCursor: string | null;
  total: number;
}

export class QueryPaymentsDto extends ListQueryDto {
  /** Searches the reference number and the payer. @example "20261201" */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  override q?: string = undefined;

  @IsOptional()
  @IsUUID()
  contractId?: string;

  @IsOptional()
  @IsUUID()
  accountId?: string;

  @ApiProperty({ enum: PAYMENT_METHODS, required: false })
  @IsOptional()
  @IsIn(PAYMENT_METHODS)
  method?: PaymentMethod;

  @ApiProperty({ enum: PAYMENT_KINDS, required: false })
  @IsOptional()
  @IsIn(PAYMENT_KINDS)
  kind?: 'payment' | 'reversal';

  /** @example 2026-01-01 */
  @IsOptional()
  @IsDateOnly()
  receivedDateFrom?: string;

  /** @example 2026-12-31 */
  @IsOptional()
  @IsDateOnly()
  receivedDateTo?: string;
}

/** The list's filters as a file (`format`, `lang`); a date range may come as instants (the list pages' export). */
export class ExportPaymentsDto extends IntersectionType(OmitType(QueryPaymentsDto, ['limit', 'cursor'] as const), ExportOptionsDto) {
  /** A date, or the instant a browser sends for the start / end of its day (read in TZ_BUSINESS). @example 2026-11-01 */
  @BusinessDate()
  override receivedDateFrom?: string;

  /** A date, or the instant a browser sends for the start / end of its day (read in TZ_BUSINESS). @example 2026-11-01 */
  @BusinessDate()
  override receivedDateTo?: string;
}
