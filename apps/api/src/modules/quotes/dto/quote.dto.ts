import { CustomValuesInput, CustomValuesOutput } from '@core/custom-fields/custom-values.decorators';
import { IsCurrencyCode } from '@modules/currencies/dto/currency-code';
import { ApiProperty, IntersectionType, OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength, Min, ValidateNested } from 'class-validator';
import { QUOTE_ACTIONS, QUOTE_STATUSES, type QuoteAction, type QuoteStatus } from '@keyuan/shared';
import { IsDecimalString, IsPercentString, ToDecimalString } from '@core/http/decimal.validators';
import { ExportOptionsDto } from '@core/http/export-query.dto';
import { IsDateOnly, IsDateTime, Trim } from '@core/http/validators';
import { RECORD_ACTIONS, type RecordAction } from '@core/records/record-kind';
import { RecordListQueryDto } from '@core/records/record-list-query.dto';

/**
 * A line as the client sends it. With `productId`, what is left out (name, unit, unit price, tax rate)
 * comes from the product (the unit price from its volume tiers for the quantity); without, `name` and
 * `unitPrice` are required (free text). Totals sent by clients are ignored: the server computes them.
 */
export class QuoteLineInputDto {
  /** A catalogue product (active); its values fill what the line leaves out. */
  @IsOptional()
  @IsUUID()
  productId?: string | null;

  /** @example 客源CRM 标准版（年） */
  @IsOptional()
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  /** @example 含 20 个用户席位 */
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  description?: string | null;

  /** Lines sharing a group name are shown together with a subtotal. @example 软件 */
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(100)
  group?: string | null;

  /** @example "3" */
  @ToDecimalString()
  @IsDecimalString(14, 4)
  quantity: string;

  /** @example 套 */
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(20)
  unit?: string | null;

  /** Unit price in the quote's convention (with tax when `taxIncluded`). @example "19800.00" */
  @IsOptional()
  @ToDecimalString()
  @IsDecimalString(14, 4)
  unitPrice?: string;

  /** Line discount, % (0..100). @example "5" */
  @IsOptional()
  @ToDecimalString()
  @IsPercentString()
  discountPercent?: string;

  /** VAT rate, % (default: the product's, else 13). @example "13" */
  @IsOptional()
  @ToDecimalString()
  @IsPercentString()
  taxRate?: string;
}

export class CreateQuoteDto {
  /** The customer; an account you can read. */
  @IsUUID()
  accountId: string;

  /** A contact of that account you can read. */
  @IsOptional()
  @IsUUID()
  contactId?: string | null;

  /** An opportunity of that account you can read (400 QUOTE_UNKNOWN_OPPORTUNITY otherwise). */
  @IsOptional()
  @IsUUID()
  opportunityId?: string | null;

  /** Title; defaults to the account's name + 报价. @example 云启科技 CRM 升级报价 */
  @IsOptional()
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  @ApiProperty({ required: false, example: 'CNY', description: 'ISO 4217 currency, enabled under Currencies (422 CURRENCY_NOT_ENABLED otherwise), of every price on the quote (default CNY).' })
  @IsOptional()
  @IsCurrencyCode()
  currency?: string;

  /** Last day the offer holds (business time zone); the daily job expires sent quotes after it. @example 2026-12-31 */
  @IsOptional()
  @IsDateOnly()
  validUntil?: string | null;

  /** @example 合同签订后 7 个工作日内支付 50%，验收后支付余款 */
  @IsOptional()
  @IsString()
  @MaxLength(500)
  paymentTerms?: string | null;

  /** @example 报价含税（增值税专用发票） */
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  notes?: string | null;

  /** Unit prices include VAT (default true: Chinese quotes usually include 13 % VAT). @example true */
  @IsOptional()
  @IsBoolean()
  taxIncluded?: boolean;

  /** Discount on the whole quote, % (0..100). @example "2" */
  @IsOptional()
  @ToDecimalString()
  @IsPercentString()
  discountPercent?: string;

  /** The lines, in order (at most 200). */
  @ApiProperty({ type: [QuoteLineInputDto] })
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => QuoteLineInputDto)
  lines: QuoteLineInputDto[];

  /** Owner; defaults to you. Must be a user inside your data scope. */
  @IsOptional()
  @IsUUID()
  ownerId?: string;

  @CustomValuesInput('quotes')
  custom?: Record<string, unknown>;
}

export class UpdateQuoteDto extends PartialType(OmitType(CreateQuoteDto, ['accountId'] as const)) {
  /** Another account you can read. */
  @IsOptional()
  @IsUUID()
  accountId?: string;

  /** The version you read; a stale one answers 412. `If-Match` works too. */
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class QueryQuotesDto extends RecordListQueryDto {
  /**
   * Searches the number and the title.
   * @example Q202611
   */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  override q?: string = undefined;

  @ApiProperty({ enum: QUOTE_STATUSES, required: false, description: 'Only quotes in this status.' })
  @IsOptional()
  @IsIn(QUOTE_STATUSES)
  status?: QuoteStatus;

  /** Only quotes of this account. */
  @IsOptional()
  @IsUUID()
  accountId?: string;

  /** Only quotes of this opportunity. */
  @IsOptional()
  @IsUUID()
  opportunityId?: string;

  /** Only quotes of this owner. */
  @IsOptional()
  @IsUUID()
  ownerId?: string;

  /** Only this department (exact). */
  @IsOptional()
  @IsUUID()
  departmentId?: string;

  /** Created at or after (ISO 8601). */
  @IsOptional()
  @IsDateTime()
  createdAtFrom?: Date;

  /** Created at or before (ISO 8601). */
  @IsOptional()
  @IsDateTime()
  createdAtTo?: Date;
}

export class ExportQuotesDto extends IntersectionType(OmitType(QueryQuotesDto, ['limit', 'cursor'] as const), ExportOptionsDto) {}

export class QuotePdfQueryDto {
  /** Language of the document (default: the request's language). */
  @ApiProperty({ enum: ['zh-CN', 'en-US'], required: false })
  @IsOptional()
  @IsIn(['zh-CN', 'en-US'])
  lang?: 'zh-CN' | 'en-US';
}

export class QuoteLineResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;
  /** 1-based order. @example 1 */
  position: number;
  /** @example 软件 */
  group: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  productId: string | null;
  /** @example 客源CRM 标准版（年） */
  name: string;
  /** @example 含 20 个用户席位 */
  description: string | null;
  /** @example 套 */
  unit: string | null;
  /** @example "3.0000" */
  quantity: string;
  /** @example "19800.0000" */
  unitPrice: string;
  /** @example "5.00" */
  discountPercent: string;
  /** @example "13.00" */
  taxRate: string;
  /** round(quantity × unitPrice × (1 − discount/100)), in the quote's price convention. @example "56430.00" */
  amount: string;
  /** The line's tax after the quote's overall discount. @example "6491.86" */
  taxAmount: string;
}

export class QuoteGroupResponse {
  /** Null for lines without a group. @example 软件 */
  name: string | null;
  /** Sum of the group's line amounts. @example "56430.00" */
  subtotal: string;
}

export class QuoteSummaryResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;
  /** From the quote sequence (QUOTE_NUMBER_FORMAT, default `Q{yyyyMM}-{seq:4}`); shared by every revision. @example Q202611-0007 */
  number: string;
  /** 1 for the first version; a revision of a sent quote is n+1. @example 1 */
  revision: number;
  /** A newer revision exists: this one is read-only. @example false */
  superseded: boolean;
  /** The revision this one replaced. */
  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  previousId: string | null;
  /** @example 云启科技 CRM 升级报价 */
  name: string;
  @ApiProperty({ enum: QUOTE_STATUSES, example: 'draft' })
  status: QuoteStatus;
  @ApiProperty({ format: 'uuid' })
  accountId: string;
  /** @example 上海云启科技有限公司 */
  accountName: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  contactId: string | null;
  /** @example 王芳 */
  contactName: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  opportunityId: string | null;
  /** @example CNY */
  currency: string;
  /** @example 2026-12-31 */
  validUntil: string | null;
  /** @example true */
  taxIncluded: boolean;
  /** @example "63638.10" */
  grandTotal: string;
  /** What the status allows now (`POST /quotes/{id}/<action>`); empty on a superseded revision. */
  @ApiProperty({ enum: QUOTE_ACTIONS, isArray: true, example: ['submit'] })
  allowedActions: QuoteAction[];
  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  ownerId: string | null;
  /** @example 李雷 Li Lei */
  ownerName: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  departmentId: string | null;
  sentAt: Date | null;
  decidedAt: Date | null;
  /** What you may do with the record (edit, delete...), computed from your grants, scope and its state. */
  @ApiProperty({ enum: RECORD_ACTIONS, isArray: true, example: ['edit', 'delete'] })
  actions: RecordAction[];
  /** @example 1 */
  version: number;
  createdAt: Date;
  updatedAt: Date;

  @CustomValuesOutput('quotes')
  custom?: Record<string, unknown>;
}

export class QuoteResponse extends QuoteSummaryResponse {
  /** @example 合同签订后 7 个工作日内支付 50% */
  paymentTerms: string | null;
  /** @example 报价含税 */
  notes: string | null;
  /** Discount on the whole quote, %. @example "2.00" */
  discountPercent: string;
  /** Σ line amounts. @example "64936.84" */
  subtotal: string;
  /** round(subtotal × discountPercent/100). @example "1298.74" */
  discountAmount: string;
  /** Σ line taxes. @example "7321.20" */
  taxTotal: string;
  /** Without tax. @example "56316.90" */
  netTotal: string;
  /** The grand total in Chinese capital numerals (大写金额), for CNY quotes only. @example 陆万叁仟陆佰叁拾捌元壹角 */
  grandTotalInWords: string | null;
  /** The largest line discount, % (approval flows read it). @example "5.00" */
  maxLineDiscount: string;
  /** Line and quote discounts together against list value, % (approval flows read it). @example "6.90" */
  totalDiscount: string;
  @ApiProperty({ type: [QuoteLineResponse] })
  lines: QuoteLineResponse[];
  /** Group subtotals in order of first appearance. */
  @ApiProperty({ type: [QuoteGroupResponse] })
  groups: QuoteGroupResponse[];
  /** The pending approval while the status is `pending_approval`. */
  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  approvalId: string | null;
}

export class QuotePage {
  @ApiProperty({ type: [QuoteSummaryResponse] })
  data: QuoteSummaryResponse[];
  /** Cursor of the next page, null on the last page. */
  nextCursor: string | null;
  /** @example 42 */
  total: number;
  /** True when `total` is PostgreSQL's estimate. @example false */
  totalIsEstimate: boolean;
}

export class QuoteVersionsResponse {
  /** Every revision of the quote's number you may read, newest first. */
  @ApiProperty({ type: [QuoteSummaryResponse] })
  data: QuoteSummaryResponse[];
}

