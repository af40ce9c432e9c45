import { CustomValuesInput, CustomValuesOutput } from '@core/custom-fields/custom-values.decorators';
import { RECORD_ACTIONS, type RecordAction } from '@core/records/record-kind';
import { IsCurrencyCode } from '@modules/currencies/dto/currency-code';
import { ApiProperty, IntersectionType, OmitType, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { FORECAST_CATEGORIES, OPPORTUNITY_SOURCES, STAGE_KINDS, type CustomerSource, type ForecastCategory, type StageKind } from '@keyuan/shared';
import { RecordListQueryDto } from '@core/records/record-list-query.dto';
import { ExportOptionsDto } from '@core/http/export-query.dto';
import { IsDateOnly, Trim } from '@core/http/validators';

/** A non-negative decimal with at most 2 decimals and 16 integer digits. */
export const DECIMAL = /^\d{1,16}(\.\d{1,2})?$/;

const CleanList = () =>
  Transform(({ value }) =>
    Array.isArray(value) ? [...new Set(value.map((t) => (typeof t === 'string' ? t.trim() : t)).filter((t) => t !== ''))] : value,
  );

/** A number in the body is taken as its decimal text (`12500` → `"12500"`); clients should send strings. */
const DecimalText = () => Transform(({ value }) => (typeof value === 'number' && Number.isFinite(value) ? String(value) : value));

/** Fields of a new opportunity that lead conversion may give too. */
export class OpportunityBaseDto {
  @ApiProperty({ required: false, type: String, example: '128000.00', description: 'Amount as a decimal string (at most 2 decimals); default 0.' })
  @IsOptional()
  @DecimalText()
  @IsString()
  @Matches(DECIMAL, { message: 'amount must be a decimal such as 12500.00 (at most 2 decimals, not negative)' })
  amount?: string;

  /** ISO 4217 currency; default CNY. @example CNY */
  @ApiProperty({ required: false, example: 'CNY', description: 'ISO 4217 currency; default CNY.' })
  @IsOptional()
  @IsCurrencyCode()
  currency?: string;

  /** Pipeline; default the default pipeline (or the stage's pipeline when only `stageId` is given). */
  @IsOptional()
  @IsUUID()
  pipelineId?: string;

  /** Stage of the pipeline; default its first stage. */
  @IsOptional()
  @IsUUID()
  stageId?: string;

  /** Expected close date (`YYYY-MM-DD`); default 30 days from today. @example 2026-12-31 */
  @IsOptional()
  @IsDateOnly()
  expectedCloseDate?: string;
}

export class CreateOpportunityDto extends OpportunityBaseDto {
  /** @example 云启集团 CRM 二期 */
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  /** The customer; an account you can read. */
  @IsUUID()
  accountId: string;

  /** A contact of that account you can read. */
  @IsOptional()
  @IsUUID()
  contactId?: string | null;

  /** Win probability override in percent; omitted (or null) follows the stage's probability. @example 60 */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100)
  probability?: number | null;

  /** Owner; defaults to you. Must be a user inside your data scope. The department follows the owner. */
  @IsOptional()
  @IsUUID()
  ownerId?: string;

  @ApiProperty({ enum: OPPORTUNITY_SOURCES, required: false, nullable: true, example: 'referral' })
  @IsOptional()
  @IsIn(OPPORTUNITY_SOURCES)
  source?: CustomerSource | null;

  /** Competitors in the deal (at most 20). @example ["销售易", "纷享销客"] */
  @IsOptional()
  @CleanList()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  competitors?: string[];

  /** @example 下周二演示方案 */
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(500)
  nextStep?: string | null;

  /** Why it was lost; required when the stage is a lost one. @example 预算被砍 */
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(500)
  lostReason?: string | null;

  /** The campaign that brought it (a live campaign; unknown: 400 OPPORTUNITY_UNKNOWN_CAMPAIGN); null unlinks. */
  @IsOptional()
  @IsUUID()
  campaignId?: string | null;

  @CustomValuesInput('opportunities')
  custom?: Record<string, unknown>;
}

export class UpdateOpportunityDto extends PartialType(OmitType(CreateOpportunityDto, ['accountId'] as const)) {
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

export class MoveOpportunityDto {
  /** A stage of the opportunity's pipeline (another pipeline's stage: 400). */
  @IsUUID()
  stageId: string;

  /** Required when the stage is a lost one (400 OPPORTUNITY_LOST_REASON_REQUIRED on `lostReason`). @example 价格高于竞品 */
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(500)
  lostReason?: string;

  /** The version you read; a stale one answers 412. `If-Match` works too. @example 3 */
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class QueryOpportunitiesDto extends RecordListQueryDto {
  /** Only this pipeline. */
  @IsOptional()
  @IsUUID()
  pipelineId?: string;

  /** Only this stage (a board column). */
  @IsOptional()
  @IsUUID()
  stageId?: string;

  /** Only opportunities of this owner. */
  @IsOptional()
  @IsUUID()
  ownerId?: string;

  /** Only this department (exact). */
  @IsOptional()
  @IsUUID()
  departmentId?: string;

  /** Only this account's opportunities. */
  @IsOptional()
  @IsUUID()
  accountId?: string;

  /** Only this contact's opportunities. */
  @IsOptional()
  @IsUUID()
  contactId?: string;

  /** Only opportunities brought by this campaign. */
  @IsOptional()
  @IsUUID()
  campaignId?: string;

  /** Only this currency. @example CNY */
  @IsOptional()
  @IsString()
  @Matches(/^[A-Z]{3}$/)
  currency?: string;

  @ApiProperty({ enum: OPPORTUNITY_SOURCES, required: false, description: 'Only this source.' })
  @IsOptional()
  @IsIn(OPPORTUNITY_SOURCES)
  source?: CustomerSource;

  @ApiProperty({ enum: STAGE_KINDS, required: false, description: 'Only open, won or lost opportunities (their stage kind).' })
  @IsOptional()
  @IsIn(STAGE_KINDS)
  stageKind?: StageKind;

  /** Expected to close in this month (`YYYY-MM`). @example 2026-12 */
  @IsOptional()
  @IsString()
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'closeMonth must be a month such as 2026-12' })
  closeMonth?: string;

  /** Won in this month (`YYYY-MM`, in the configured time zone): the opportunities behind a month's won revenue. @example 2026-11 */
  @IsOptional()
  @IsString()
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'wonMonth must be a month such as 2026-12' })
  wonMonth?: string;

  /** Expected close date on or after (`YYYY-MM-DD`). */
  @IsOptional()
  @IsDateOnly()
  expectedCloseDateFrom?: string;

  /** Expected close date on or before (`YYYY-MM-DD`). */
  @IsOptional()
  @IsDateOnly()
  expectedCloseDateTo?: string;

  @ApiProperty({ required: false, type: String, example: '10000', description: 'Amount at least (decimal string, any currency).' })
  @IsOptional()
  @Matches(DECIMAL)
  amountFrom?: string;

  @ApiProperty({ required: false, type: String, example: '500000', description: 'Amount at most (decimal string, any currency).' })
  @IsOptional()
  @Matches(DECIMAL)
  amountTo?: string;
}

export class ExportOpportunitiesDto extends IntersectionType(OmitType(QueryOpportunitiesDto, ['limit', 'cursor'] as const), ExportOptionsDto) {}

export class SummaryQueryDto extends OmitType(QueryOpportunitiesDto, ['limit', 'cursor', 'sort'] as const) {}

export class OpportunityResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;
  /** @example 云启集团 CRM 二期 */
  name: string;
  @ApiProperty({ format: 'uuid' })
  accountId: string;
  /** @example 上海云启科技有限公司 */
  accountName: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  contactId: string | null;
  /** @example 王芳 */
  contactName: string | null;
  @ApiProperty({ format: 'uuid' })
  pipelineId: string;
  @ApiProperty({ format: 'uuid' })
  stageId: string;
  /** @example 方案报价 */
  stageNameZh: string | null;
  /** @example Proposal */
  stageNameEn: string | null;
  @ApiProperty({ enum: STAGE_KINDS })
  stageKind: StageKind;
  @ApiProperty({ enum: FORECAST_CATEGORIES })
  forecastCategory: ForecastCategory;
  /** Decimal string. @example 128000.00 */
  amount: string;
  /** ISO 4217. @example CNY */
  currency: string;
  /** True when the opportunity has line items: `amount` is their total and read-only (`PUT /opportunities/{id}/lines`). @example false */
  hasLines: boolean;
  /** The effective win probability in percent. @example 60 */
  probability: number;
  /** The stage's probability. @example 50 */
  stageProbability: number;
  /** True when `probability` is an override rather than the stage's. @example true */
  probabilityOverridden: boolean;
  /** amount × probability / 100, rounded to cents. @example 76800.00 */
  weightedAmount: string;
  /** @example 2026-12-31 */
  expectedCloseDate: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  ownerId: string | null;
  /** @example 李雷 Li Lei */
  ownerName: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  departmentId: string | null;
  @ApiProperty({ enum: OPPORTUNITY_SOURCES, nullable: true, type: String })
  source: string | null;
  /** @example ["销售易"] */
  competitors: string[];
  /** @example 下周二演示方案 */
  nextStep: string | null;
  /** @example 预算被砍 */
  lostReason: string | null;
  /** When it entered a won stage (null otherwise). */
  wonAt: Date | null;
  /** When it entered a lost stage (null otherwise). */
  lostAt: Date | null;
  /** When it entered its current stage. */
  stageEnteredAt: Date;
  /** The lead it was converted from. */
  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  leadId: string | null;
  /** The campaign that brought it. */
  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  campaignId: string | null;
  /** @example 2026 秋季新品发布会 */
  campaignName: string | null;
  /** What you may do with the record now. */
  @ApiProperty({ enum: RECORD_ACTIONS, isArray: true, example: ['edit', 'delete'] })
  actions: RecordAction[];
  /** @example 1 */
  version: number;
  createdAt: Date;
  updatedAt: Date;

  @CustomValuesOutput('opportunities')
  custom?: Record<string, unknown>;
}

export class OpportunityPage {
  @ApiProperty({ type: [OpportunityResponse] })
  data: OpportunityResponse[];
  /** Cursor of the next page, null on the last page. */
  nextCursor: string | null;
  /** @example 42 */
  total: number;
  /** True when `total` is PostgreSQL's estimate (more than 1,000 matches). @example false */
  totalIsEstimate: boolean;
}

export class StageMoveResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;
  /** Null on the first row (the opportunity's creation). */
  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  fromStageId: string | null;
  /** @example 需求确认 */
  fromStageNameZh: string | null;
  /** @example Needs confirmed */
  fromStageNameEn: string | null;
  @ApiProperty({ format: 'uuid' })
  toStageId: string;
  /** @example 方案报价 */
  toStageNameZh: string | null;
  /** @example Proposal */
  toStageNameEn: string | null;
  movedAt: Date;
  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  movedBy: string | null;
  /** @example 李雷 Li Lei */
  movedByName: string | null;
  /** Seconds spent in the stage it left (null on the first row). @example 86400 */
  secondsInFrom: number | null;
}

export class StageHistoryResponse {
  /** Newest first. */
  @ApiProperty({ type: [StageMoveResponse] })
  data: StageMoveResponse[];
}

export class CurrencyTotal {
  /** @example CNY */
  currency: string;
  /** @example 3 */
  count: number;
  /** Sum of amounts, decimal string. @example 256000.00 */
  amount: string;
  /** Sum of amount × probability / 100, decimal string rounded to cents. @example 128000.00 */
  weighted: string;
}

/** Totals converted to the base currency, each opportunity at the rate of its expected close date. */
export class BaseCurrencyTotal {
  /** The base currency. @example CNY */
  currency: string;
  /** Opportunities converted (those with a rate). @example 5 */
  count: number;
  /** Σ converted amounts (each (currency, date) group half-up to the base's minor unit). @example 391234.50 */
  amount: string;
  /** Σ converted weighted amounts. @example 180000.25 */
  weighted: string;
  /** Opportunities left out of these figures because their currency has no rate on their date (see `missingRates`). @example 0 */
  unconverted: number;
}

export class MissingRate {
  /** @example USD */
  currency: string;
  /** The date no rate covers. @example 2026-12-31 */
  date: string;
}

export class StageSummary {
  @ApiProperty({ format: 'uuid' })
  stageId: string;
  /** Opportunities in the stage (all currencies). @example 5 */
  count: number;
  /** One entry per currency; amounts of different currencies are never added together. */
  @ApiProperty({ type: [CurrencyTotal] })
  totals: CurrencyTotal[];
  /** The stage's total in the base currency. */
  base: BaseCurrencyTotal;
}

export class OpportunitySummaryResponse {
  /** Per stage with at least one opportunity matching, in pipeline order when `pipelineId` is given. */
  @ApiProperty({ type: [StageSummary] })
  stages: StageSummary[];
  /** All matching opportunities, per currency. */
  @ApiProperty({ type: [CurrencyTotal] })
  totals: CurrencyTotal[];
  /** All matching opportunities in the base currency. */
  base: BaseCurrencyTotal;
  /** (currency, date) pairs without an exchange rate: their opportunities are left out of the base totals (the board still answers). */
  @ApiProperty({ type: [MissingRate] })
  missingRates: MissingRate[];
}

/** What lead conversion may say about the opportunity it creates; the rest comes from the lead. */
export class ConvertOpportunityDto extends OpportunityBaseDto {
  /** Default: the lead's company (or name). @example 云启集团 CRM 二期 */
  @IsOptional()
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  /** Required when the stage is a lost one. */
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(500)
  lostReason?: string;
}

