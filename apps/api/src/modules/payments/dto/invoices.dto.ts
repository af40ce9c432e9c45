import { ApiProperty, IntersectionType, OmitType } from '@nestjs/swagger';
import { ExportOptionsDto } from '@core/http/export-query.dto';
import { BusinessDate } from '../finance-dates';
import { Transform } from 'class-transformer';
import { IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { IsDecimalString, ToDecimalString } from '@core/http/decimal.validators';
import { ListQueryDto } from '@core/http/list-query.dto';
import { IsDateOnly, Trim } from '@core/http/validators';
import { INVOICE_TAX_RATES } from '../invoice-tax';

export const INVOICE_TYPES = ['vat_special', 'vat_general', 'e_invoice', 'receipt'] as const;
export type InvoiceType = (typeof INVOICE_TYPES)[number];
export const INVOICE_STATUSES = ['requested', 'issued', 'void', 'red_letter'] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];

const upper = () => Transform(({ value }) => (typeof value === 'string' ? value.trim().toUpperCase() : value));

/** The buyer's invoice title details (开票信息), kept per account for the next invoice. */
export class InvoiceTitleDto {
  /** 发票抬头. @example 上海云启科技有限公司 */
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  buyerTitle: string;

  /** Unified social credit code / tax number (18 characters, GB 32100 check character). @example 91330100799655058B */
  @IsOptional()
  @upper()
  @IsString()
  @MaxLength(18)
  buyerTaxNo?: string;

  /** @example 上海市浦东新区张江路 100 号 */
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(300)
  buyerAddress?: string;

  /** @example 021-50801234 */
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(40)
  buyerPhone?: string;

  /** @example 招商银行上海张江支行 */
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(200)
  buyerBank?: string;

  /** @example "121908765410001" */
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(60)
  buyerAccount?: string;
}

export class CreateInvoiceDto extends InvoiceTitleDto {
  @IsUUID()
  contractId: string;

  /** A payment of the contract the invoice is for (optional). */
  @IsOptional()
  @IsUUID()
  paymentId?: string;

  @ApiProperty({ enum: INVOICE_TYPES, description: 'vat_special 增值税专用发票, vat_general 增值税普通发票, e_invoice 数电发票, receipt 收据' })
  @IsIn(INVOICE_TYPES)
  type: InvoiceType;

  /** Amount with tax (价税合计), in the contract's currency, at most its minor unit's decimals (400 AMOUNT_TOO_PRECISE). @example "11300.00" */
  @ToDecimalString()
  @IsDecimalString(16, 3)
  amount: string;

  @ApiProperty({ enum: INVOICE_TAX_RATES, description: 'VAT rate, %' })
  @ToDecimalString()
  @IsIn(INVOICE_TAX_RATES)
  taxRate: string;

  @IsOptional()
  @IsString()
  @MaxLength(1000)
  notes?: string;
}

export class IssueInvoiceDto {
  /** Date of issue (default today). @example 2026-12-02 */
  @IsOptional()
  @IsDateOnly()
  issueDate?: string;
}

export class VoidInvoiceDto {
  /** @example 抬头错误 */
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

export class RedLetterInvoiceDto extends VoidInvoiceDto {
  /** Issue date of the red-letter invoice (default today); its base figures use the rate of this date. @example 2026-12-05 */
  @IsOptional()
  @IsDateOnly()
  issueDate?: string;
}

export const INVOICE_KINDS = ['invoice', 'red_letter'] as const;
export type InvoiceKind = (typeof INVOICE_KINDS)[number];

export class InvoiceResponse {
  id: string;
  /** @example FP202612-0001 */
  number: string;
  contractId: string;
  contractNumber: string;
  accountId: string;
  accountName: string | null;
  paymentId: string | null;
  @ApiProperty({ enum: INVOICE_TYPES })
  type: InvoiceType;
  @ApiProperty({ enum: INVOICE_STATUSES })
  status: InvoiceStatus;
  /** `red_letter`: the negative invoice (红字发票) reversing `reversesInvoiceId`. */
  @ApiProperty({ enum: INVOICE_KINDS })
  kind: InvoiceKind;
  /** On a red-letter invoice: the invoice it reverses. */
  reversesInvoiceId: string | null;
  /** On a reversed invoice: its red-letter invoice. */
  reversedByInvoiceId: string | null;
  /** The number of the other invoice of the pair (original or red-letter), if any. @example FP202612-00002 */
  linkedInvoiceNumber: string | null;
  buyerTitle: string;
  buyerTaxNo: string | null;
  buyerAddress: string | null;
  buyerPhone: string | null;
  buyerBank: string | null;
  buyerAccount: string | null;
  /** @example CNY */
  currency: string;
  /** With tax; negative on a red-letter invoice. @example "11300.00" */
  amount: string;
  /** The base currency the base figures are in. @example CNY */
  baseCurrency: string;
  /** `amount` in the base currency at the rate of the issue date (the request date until issued); null only if that rate was deleted since. @example "11300.00" */
  baseAmount: string | null;
  /** The rate used (1 for the base currency). @example "1" */
  rate: string | null;
  /** The date the rate took effect. @example 2026-12-01 */
  rateDate: string | null;
  /** @example "13" */
  taxRate: string;
  /** @example "1300.00" */
  taxAmount: string;
  /** @example "10000.00" */
  netAmount: string;
  issueDate: string | null;
  notes: string | null;
  voidReason: string | null;
  createdAt: Date;
  version: number;
}

export class InvoicePage {
  @ApiProperty({ type: [InvoiceResponse] })
  data: InvoiceResponse[];
  nextCursor: string | null;
  total: number;
}

export class QueryInvoicesDto extends ListQueryDto {
  /** Searches the number and the buyer title. @example FP2026 */
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

  @ApiProperty({ enum: INVOICE_TYPES, required: false })
  @IsOptional()
  @IsIn(INVOICE_TYPES)
  type?: InvoiceType;

  @ApiProperty({ enum: INVOICE_STATUSES, required: false })
  @IsOptional()
  @IsIn(INVOICE_STATUSES)
  status?: InvoiceStatus;

  @ApiProperty({ enum: INVOICE_KINDS, required: false, description: 'Only invoices (invoice) or only red-letter invoices (red_letter).' })
  @IsOptional()
  @IsIn(INVOICE_KINDS)
  kind?: InvoiceKind;

  /** @example 2026-01-01 */
  @IsOptional()
  @IsDateOnly()
  issueDateFrom?: string;

  /** @example 2026-12-31 */
  @IsOptional()
  @IsDateOnly()
  issueDateTo?: string;
}

export class InvoiceTitleResponse {
  accountId: string;
  buyerTitle: string;
  buyerTaxNo: string | null;
  buyerAddress: string | null;
  buyerPhone: string | null;
  buyerBank: string | null;
  buyerAccount: string | null;
  updatedAt: Date;
}

/** The list's filters as a file (`format`, `lang`); a date range may come as instants (the list pages' export). */
export class ExportInvoicesDto extends IntersectionType(OmitType(QueryInvoicesDto, ['limit', 'cursor'] as const), ExportOptionsDto) {
  /** A date, or the instant a browser sends for the start / end of its day (read in TZ_BUSINESS). @example 2026-11-01 */
  @BusinessDate()
  override issueDateFrom?: string;

  /** A date, or the instant a browser sends for the start / end of its day (read in TZ_BUSINESS). @example 2026-11-01 */
  @BusinessDate()
  override issueDateTo?: string;
}
