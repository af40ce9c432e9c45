import { IsCurrencyCode } from '@modules/currencies/dto/currency-code';
import { ApiProperty, IntersectionType, OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { CAMPAIGN_SEGMENT_TARGETS, CAMPAIGN_STATUSES, CAMPAIGN_TYPES, type CampaignSegmentTarget, type CampaignStatus, type CampaignType } from '@keyuan/shared';
import { RECORD_ACTIONS, type RecordAction } from '@core/records/record-kind';
import { RecordListQueryDto } from '@core/records/record-list-query.dto';
import { ExportOptionsDto } from '@core/http/export-query.dto';
import { FilterGroupDto } from '@core/http/filter-group.dto';
import { IsDecimalString, ToDecimalString } from '@core/http/decimal.validators';
import { IsDateOnly, Trim } from '@core/http/validators';

/** ISO 4217 codes Node knows (Intl), e.g. CNY, USD, EUR, HKD. */

/** Who the campaign aims at: the contacts or accounts a list filter matches (counted live, in the reader's data scope). */
export class CampaignSegmentDto {
  @ApiProperty({ enum: CAMPAIGN_SEGMENT_TARGETS, example: 'contacts' })
  @IsIn(CAMPAIGN_SEGMENT_TARGETS)
  target: CampaignSegmentTarget;

  /** A filter of the target's list (its fields and operators; a bad one is a 400 naming the condition). */
  @ApiProperty({ type: FilterGroupDto })
  @ValidateNested()
  @Type(() => FilterGroupDto)
  filter: FilterGroupDto;
}

export class CreateCampaignDto {
  /** @example 2026 秋季新品发布会 */
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiProperty({ enum: CAMPAIGN_TYPES, example: 'event' })
  @IsIn(CAMPAIGN_TYPES)
  type: CampaignType;

  @ApiProperty({ enum: CAMPAIGN_STATUSES, required: false, example: 'planned', description: 'Default planned.' })
  @IsOptional()
  @IsIn(CAMPAIGN_STATUSES)
  status?: CampaignStatus;

  /** First day (`YYYY-MM-DD`). @example 2026-09-01 */
  @IsDateOnly()
  startDate: string;

  /** Last day (`YYYY-MM-DD`), not before `startDate` (400 CAMPAIGN_END_BEFORE_START). @example 2026-09-30 */
  @IsOptional()
  @IsDateOnly()
  endDate?: string | null;

  @ApiProperty({ required: false, nullable: true, type: String, example: '60000.00', description: 'Planned spend, decimal string in `currency`.' })
  @IsOptional()
  @ToDecimalString()
  @IsString()
  @IsDecimalString(16, 2)
  budget?: string | null;

  @ApiProperty({ required: false, nullable: true, type: String, example: '52000.00', description: 'What it cost so far, decimal string in `currency`; the ROI needs it.' })
  @IsOptional()
  @ToDecimalString()
  @IsString()
  @IsDecimalString(16, 2)
  actualCost?: string | null;

  @ApiProperty({ required: false, nullable: true, type: String, example: '300000.00', description: 'Revenue it should bring, decimal string in `currency`.' })
  @IsOptional()
  @ToDecimalString()
  @IsString()
  @IsDecimalString(16, 2)
  expectedRevenue?: string | null;

  /** ISO 4217 currency of the money fields; default CNY (the base currency). @example CNY */
  @IsOptional()
  @IsCurrencyCode()
  currency?: string;

  /** @example 面向华东制造业客户的新品发布与现场演示 */
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  description?: string | null;

  /** Owner; defaults to you. Must be a user inside your data scope. The department follows the owner. */
  @IsOptional()
  @IsUUID()
  ownerId?: string;

  /** Who it aims at; null for nobody in particular. */
  @ApiProperty({ type: CampaignSegmentDto, required: false, nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => CampaignSegmentDto)
  targetSegment?: CampaignSegmentDto | null;
}

export class UpdateCampaignDto extends PartialType(CreateCampaignDto) {
  /** The version you read; a stale one answers 412. `If-Match` works too. */
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class QueryCampaignsDto extends RecordListQueryDto {
  @ApiProperty({ enum: CAMPAIGN_TYPES, required: false, description: 'Only this type.' })
  @IsOptional()
  @IsIn(CAMPAIGN_TYPES)
  type?: CampaignType;

  @ApiProperty({ enum: CAMPAIGN_STATUSES, required: false, description: 'Only this status.' })
  @IsOptional()
  @IsIn(CAMPAIGN_STATUSES)
  status?: CampaignStatus;

  /** Only campaigns of this owner. */
  @IsOptional()
  @IsUUID()
  ownerId?: string;

  /** Only this department (exact). */
  @IsOptional()
  @IsUUID()
  departmentId?: string;

  /** Starting on or after (`YYYY-MM-DD`). */
  @IsOptional()
  @IsDateOnly()
  startDateFrom?: string;

  /** Starting on or before (`YYYY-MM-DD`). */
  @IsOptional()
  @IsDateOnly()
  startDateTo?: string;
}

export class ExportCampaignsDto extends IntersectionType(OmitType(QueryCampaignsDto, ['limit', 'cursor'] as const), ExportOptionsDto) {}

export class CampaignResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;
  /** @example 2026 秋季新品发布会 */
  name: string;
  @ApiProperty({ enum: CAMPAIGN_TYPES })
  type: CampaignType;
  @ApiProperty({ enum: CAMPAIGN_STATUSES })
  status: CampaignStatus;
  /** @example 2026-09-01 */
  startDate: string;
  /** @example 2026-09-30 */
  endDate: string | null;
  @ApiProperty({ nullable: true, type: String, example: '60000.00', description: 'Decimal string in `currency`.' })
  budget: string | null;
  @ApiProperty({ nullable: true, type: String, example: '52000.00', description: 'Decimal string in `currency`.' })
  actualCost: string | null;
  @ApiProperty({ nullable: true, type: String, example: '300000.00', description: 'Decimal string in `currency`.' })
  expectedRevenue: string | null;
  /** ISO 4217. @example CNY */
  currency: string;
  /** @example 面向华东制造业客户的新品发布与现场演示 */
  description: string | null;
  @ApiProperty({ type: CampaignSegmentDto, nullable: true })
  targetSegment: CampaignSegmentDto | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  ownerId: string | null;
  /** @example 韩梅梅 Han Meimei */
  ownerName: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  departmentId: string | null;
  /** What you may do with the record now. */
  @ApiProperty({ enum: RECORD_ACTIONS, isArray: true, example: ['edit', 'delete'] })
  actions: RecordAction[];
  /** @example 1 */
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export class CampaignPage {
  @ApiProperty({ type: [CampaignResponse] })
  data: CampaignResponse[];
  /** Cursor of the next page, null on the last page. */
  nextCursor: string | null;
  /** @example 12 */
  total: number;
  /** True when `total` is PostgreSQL's estimate (more than 1,000 matches). @example false */
  totalIsEstimate: boolean;
}

export class CampaignCurrencyAmount {
  /** @example CNY */
  currency: string;
  /** Decimal string. @example 180000.00 */
  amount: string;
}

/**
 * A campaign's results over every live lead and opportunity linked to it (not limited to the reader's
 * data scope: see the README). ROI = (won amount − actual cost) / actual cost.
 */
export class CampaignStatsResponse {
  /** Live leads linked to the campaign. @example 12 */
  leads: number;
  /** Those of them converted. @example 4 */
  convertedLeads: number;
  /** Live opportunities linked to the campaign (directly or through their lead). @example 5 */
  opportunities: number;
  /** Those of them in a won stage. @example 2 */
  wonOpportunities: number;
  /** Won amounts per currency (never added across currencies). */
  @ApiProperty({ type: [CampaignCurrencyAmount] })
  wonAmounts: CampaignCurrencyAmount[];
  /** The won amount in the campaign's currency; null when some won amounts are in another currency. @example 180000.00 */
  @ApiProperty({ nullable: true, type: String, example: '180000.00' })
  wonAmount: string | null;
  /** The campaign's currency. @example CNY */
  currency: string;
  /** Decimal string. @example 50000.00 */
  @ApiProperty({ nullable: true, type: String, example: '50000.00' })
  actualCost: string | null;
  /** (wonAmount − actualCost) / actualCost, rounded to 4 decimals; null when the cost is 0 or missing, or wonAmount is null. @example 2.6000 */
  @ApiProperty({ nullable: true, type: String, example: '2.6000' })
  roi: string | null;
  /** actualCost / leads, rounded to 2 decimals; null without leads or without a cost. @example 4166.67 */
  @ApiProperty({ nullable: true, type: String, example: '4166.67' })
  costPerLead: string | null;
}

export class CampaignDetailResponse extends CampaignResponse {
  @ApiProperty({ type: CampaignStatsResponse })
  stats: CampaignStatsResponse;
}

export class SegmentQueryDto {
  /** Page size of the members (1..200, default 20). @example 20 */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  /** Cursor of the next page of members, from `nextCursor`. */
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  cursor?: string;
}

export class SegmentMember {
  @ApiProperty({ format: 'uuid' })
  id: string;
  /** @example 王芳 */
  name: string;
  /** The account of a contact (null for accounts). @example 上海云启科技有限公司 */
  accountName: string | null;
  /** @example 李雷 Li Lei */
  ownerName: string | null;
}

export class CampaignSegmentResponse {
  @ApiProperty({ enum: CAMPAIGN_SEGMENT_TARGETS, nullable: true, type: String })
  target: CampaignSegmentTarget | null;
  /** Members in your data scope now (0 without a segment). @example 128 */
  count: number;
  /** True when `count` is PostgreSQL's estimate (more than 1,000 members). @example false */
  countIsEstimate: boolean;
  /** The first page of members, newest first. */
  @ApiProperty({ type: [SegmentMember] })
  data: SegmentMember[];
  /** Cursor of the next page of members, null on the last page. */
  nextCursor: string | null;
}
