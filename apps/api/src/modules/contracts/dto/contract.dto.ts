import { CustomValuesInput, CustomValuesOutput } from '@core/custom-fields/custom-values.decorators';
import { IsCurrencyCode } from '@modules/currencies/dto/currency-code';
import { ApiProperty, IntersectionType, OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength, Min, ValidateNested } from 'class-validator';
import { CONTRACT_ACTIONS, CONTRACT_STATUSES, type ContractAction, type ContractStatus } from '@keyuan/shared';
import { IsDecimalString, IsPercentString, ToDecimalString } from '@core/http/decimal.validators';
import { ExportOptionsDto } from '@core/http/export-query.dto';
import { IsDateOnly, IsDateTime, Trim } from '@core/http/validators';
import { RECORD_ACTIONS, type RecordAction } from '@core/records/record-kind';
import { RecordListQueryDto } from '@core/records/record-list-query.dto';

/**
 * A contract line as the client sends it: a catalogue product (its name, unit, price and tax rate fill
 * what is left out) or free text (`name` and `unitPrice` required). Totals are the server's.
 */
export class ContractLineInputDto {
  /** A catalogue product; its values fill what the line leaves out. */
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

  /** Unit price in the contract's convention (with tax when `taxIncluded`). @example "19800.00" */
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

export class CreateContractDto {
  /** The customer; an account you can read. */
  @IsUUID()
  accountId: string;

  /** An opportunity of that account you can read (400 CONTRACT_UNKNOWN_OPPORTUNITY otherwise). */
  @IsOptional()
  @IsUUID()
  opportunityId?: string | null;

  /** Title; defaults to the account's name + 合同. @example 云启科技 CRM 年度服务合同 */
  @IsOptional()
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  title?: string;

  @ApiProperty({ required: false, example: 'CNY', description: 'ISO 4217 currency, enabled under Currencies (422 CURRENCY_NOT_ENABLED otherwise), of the amount and every price (default CNY).' })
  @IsOptional()
  @IsCurrencyCode()
  currency?: string;

  /** The contract value; required without lines, ignored with lines (their grand total is the amount). @example "560000.00" */
  @IsOptional()
  @ToDecimalString()
  @IsDecimalString(16, 2)
  amount?: string;

  /** Unit prices include VAT (default true). @example true */
  @IsOptional()
  @IsBoolean()
  taxIncluded?: boolean;

  /** Discount on the whole contract, % (0..100). @example "0" */
  @IsOptional()
  @ToDecimalString()
  @IsPercentString()
  discountPercent?: string;

  /** @example 2026-12-01 */
  @IsOptional()
  @IsDateOnly()
  signDate?: string | null;

  /** First day in force. @example 2027-01-01 */
  @IsOptional()
  @IsDateOnly()
  startDate?: string | null;

  /** Last day in force; the daily job expires the contract after it and reminds the owner CONTRACT_RENEWAL_DAYS before. @example 2027-12-31 */
  @IsOptional()
  @IsDateOnly()
  endDate?: string | null;

  /** @example 合同签订后 7 个工作日内支付 50%，验收后支付余款 */
  @IsOptional()
  @IsString()
  @MaxLength(500)
  paymentTerms?: string | null;

  /** Who signs for the customer. @example 王芳 */
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(100)
  customerSigner?: string | null;

  /** Who signs for us: an active user. */
  @IsOptional()
  @IsUUID()
  ourSignerId?: string | null;

  /** @example 含一年免费运维 */
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  notes?: string | null;

  /** The lines, in order (at most 200); none: enter `amount`. */
  @ApiProperty({ type: [ContractLineInputDto], required: false })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => ContractLineInputDto)
  lines?: ContractLineInputDto[];

  /** Owner; defaults to you. Must be a user inside your data scope. */
  @IsOptional()
  @IsUUID()
  ownerId?: string;

  @CustomValuesInput('contracts')
  custom?: Record<string, unknown>;
}

/** Hands a contract to another owner in any status (a signed one too: its finance follows at once). */
export class TransferContractDto {
  /** The new owner, an active user inside your contracts scope (403 OWNER_OUT_OF_SCOPE otherwise). */
  @IsUUID()
  ownerId: string;

  /** Why (a rep left, territories changed). @example 销售离职交接 */
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;

  /** The version you read; a stale one answers 412 (`If-Match` works too). @example 3 */
  @IsOptional()
  @IsInt()
  version?: number;
}

export class UpdateContractDto extends PartialType(OmitType(CreateContractDto, ['accountId'] as const)) {
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

/** What `POST /quotes/{id}/contract` may add to what it copies from the quote. */
export class ContractFromQuoteDto extends OmitType(CreateContractDto, ['accountId', 'opportunityId', 'currency', 'amount', 'lines', 'taxIncluded', 'discountPercent'] as const) {}

export class TerminateContractDto {
  /** Why the contract ends early. @example 客户业务调整，双方协商解除 */
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

export class QueryContractsDto extends RecordListQueryDto {
  /**
   * Searches the number, the title and the customer's signer.
   * @example HT202612
   */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  override q?: string = undefined;

  @ApiProperty({ enum: CONTRACT_STATUSES, required: false, description: 'Only contracts in this status.' })
  @IsOptional()
  @IsIn(CONTRACT_STATUSES)
  status?: ContractStatus;

  /** Only contracts of this account. */
  @IsOptional()
  @IsUUID()
  accountId?: string;

  /** Only contracts of this opportunity. */
  @IsOptional()
  @IsUUID()
  opportunityId?: string;

  /** Only contracts made from this quote. */
  @IsOptional()
  @IsUUID()
  quoteId?: string;

  /** Only contracts of this owner. */
  @IsOptional()
  @IsUUID()
  ownerId?: string;

  /** Only this department (exact). */
  @IsOptional()
  @IsUUID()
  departmentId?: string;

  /** Ending on or after this day. @example 2027-01-01 */
  @IsOptional()
  @IsDateOnly()
  endDateFrom?: string;

  /** Ending on or before this day. @example 2027-03-31 */
  @IsOptional()
  @IsDateOnly()
  endDateTo?: string;

  /** Signed on or after this day. @example 2026-01-01 */
  @IsOptional()
  @IsDateOnly()
  signDateFrom?: string;

  /** Signed on or before this day. @example 2026-12-31 */
  @IsOptional()
  @IsDateOnly()
  signDateTo?: string;

  /** Created at or after (ISO 8601). */
  @IsOptional()
  @IsDateTime()
  createdAtFrom?: Date;

  /** Created at or before (ISO 8601). */
  @IsOptional()
  @IsDateTime()
  createdAtTo?: Date;
}

export class ExportContractsDto extends IntersectionType(OmitType(QueryContractsDto, ['limit', 'cursor'] as const), ExportOptionsDto) {}

export class ContractLineResponse {
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
  /** round(quantity × unitPrice × (1 − discount/100)). @example "56430.00" */
  amount: string;
  /** @example "6491.86" */
  taxAmount: string;
}

export class ContractGroupResponse {
  /** Null for lines without a group. @example 软件 */
  name: string | null;
  /** @example "56430.00" */
  subtotal: string;
}

export class ContractSummaryResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;
  /** From the contract sequence (CONTRACT_NUMBER_FORMAT, default `HT{yyyyMM}-{seq:4}`). @example HT202612-0003 */
  number: string;
  /** @example 云启科技 CRM 年度服务合同 */
  title: string;
  @ApiProperty({ enum: CONTRACT_STATUSES, example: 'draft' })
  status: ContractStatus;
  @ApiProperty({ format: 'uuid' })
  accountId: string;
  /** @example 上海云启科技有限公司 */
  accountName: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  opportunityId: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  quoteId: string | null;
  /** @example Q202611-0007 */
  quoteNumber: string | null;
  /** @example CNY */
  currency: string;
  /** @example "560000.00" */
  amount: string;
  /** @example 2026-12-01 */
  signDate: string | null;
  /** @example 2027-01-01 */
  startDate: string | null;
  /** @example 2027-12-31 */
  endDate: string | null;
  /** @example 王芳 */
  customerSigner: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  ourSignerId: string | null;
  /** @example 李雷 Li Lei */
  ourSignerName: string | null;
  /** What the status allows now (`POST /contracts/{id}/<action>`). */
  @ApiProperty({ enum: CONTRACT_ACTIONS, isArray: true, example: ['submit'] })
  allowedActions: ContractAction[];
  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  ownerId: string | null;
  /** @example 李雷 Li Lei */
  ownerName: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  departmentId: string | null;
  activatedAt: Date | null;
  endedAt: Date | null;
  /** What you may do with the record (edit, delete...), computed from your grants, scope and its state. */
  @ApiProperty({ enum: RECORD_ACTIONS, isArray: true, example: ['edit', 'delete'] })
  actions: RecordAction[];
  /** @example 1 */
  version: number;
  createdAt: Date;
  updatedAt: Date;

  @CustomValuesOutput('contracts')
  custom?: Record<string, unknown>;
}

export class ContractResponse extends ContractSummaryResponse {
  /** @example 合同签订后 7 个工作日内支付 50% */
  paymentTerms: string | null;
  notes: string | null;
  /** @example true */
  taxIncluded: boolean;
  /** @example "0.00" */
  discountPercent: string;
  /** Σ line amounts (0 without lines). @example "560000.00" */
  subtotal: string;
  /** @example "0.00" */
  discountAmount: string;
  /** @example "64424.78" */
  taxTotal: string;
  /** Without tax. @example "495575.22" */
  netTotal: string;
  /** The amount in Chinese capital numerals (大写金额), for CNY contracts only. @example 伍拾陆万元整 */
  amountInWords: string | null;
  /** Why it was terminated. */
  terminationReason: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  renewalTaskId: string | null;
  @ApiProperty({ type: [ContractLineResponse] })
  lines: ContractLineResponse[];
  @ApiProperty({ type: [ContractGroupResponse] })
  groups: ContractGroupResponse[];
  /** The pending approval while the status is `pending_approval`. */
  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  approvalId: string | null;
}

export class ContractPage {
  @ApiProperty({ type: [ContractSummaryResponse] })
  data: ContractSummaryResponse[];
  /** Cursor of the next page, null on the last page. */
  nextCursor: string | null;
  /** @example 42 */
  total: number;
  /** True when `total` is PostgreSQL's estimate. @example false */
  totalIsEstimate: boolean;
}

