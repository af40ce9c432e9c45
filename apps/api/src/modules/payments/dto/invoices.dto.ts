import { ApiProperty } from '@nestjs/swagger';
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

  /** Amount with tax (价税合计), in the contract's currency. @example "11300.00" */
  @ToDecimalString()
  @IsDecimalString(16, 2)
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
  buyerTitle: string;
  buyerTaxNo: string | null;
  buyerAddress: string | null;
  buyerPhone: string | null;
  buyerBank: string | null;
  buyerAccount: string | null;
  /** @example CNY */
  currency: string;
  /** With tax. @example "11300.00" */
  amount: string;
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
