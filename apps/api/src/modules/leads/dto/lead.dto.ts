import { CustomValuesInput, CustomValuesOutput } from '@core/custom-fields/custom-values.decorators';
import { RECORD_ACTIONS, type RecordAction } from '@core/records/record-kind';
import { ApiProperty, IntersectionType, OmitType, PartialType } from '@nestjs/swagger';
import { ExportOptionsDto } from '@core/http/export-query.dto';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { ToBoolean } from '@core/http/list-query.dto';
import { RecordListQueryDto } from '@core/records/record-list-query.dto';
import { IsPhone, LowerCaseEmail, NormalizePhone, Trim, IsDateTime } from '@core/http/validators';
import { LEAD_SOURCES, LEAD_STATUSES, type LeadSource, type LeadStatus } from '../lead.entity';

const OPEN_STATUSES = LEAD_STATUSES.filter((s) => s !== 'converted');

export class CreateLeadDto {
  /**
   * The person's name.
   * @example 王小明
   */
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name: string;

  /**
   * Company the person works for.
   * @example 杭州数联网络科技有限公司
   */
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(200)
  company?: string | null;

  /** @example 采购经理 */
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(100)
  title?: string | null;

  /**
   * Phone, normalized to E.164 (default region CN).
   * @example 139 1234 5678
   */
  @IsOptional()
  @NormalizePhone()
  @IsPhone()
  phone?: string | null;

  /** @example wang.xm@example.com */
  @IsOptional()
  @LowerCaseEmail()
  @IsEmail({}, { message: 'email must be a valid email address' })
  @MaxLength(254)
  email?: string | null;

  @ApiProperty({ enum: LEAD_SOURCES, required: false, example: 'web' })
  @IsOptional()
  @IsIn(LEAD_SOURCES)
  source?: LeadSource;

  /** Any status except `converted` (use the convert action). */
  @ApiProperty({ enum: OPEN_STATUSES, required: false, example: 'new' })
  @IsOptional()
  @IsIn(OPEN_STATUSES, { message: 'status must be one of new, contacted, qualified, unqualified (convert with POST /leads/{id}/convert)' })
  status?: LeadStatus;

  /** @example 浙江省 */
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(50)
  province?: string | null;

  /** @example 杭州市 */
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(50)
  city?: string | null;

  @IsOptional()
  @IsString()
  @MaxLength(5000)
  notes?: string | null;

  /** The campaign that brought the lead. */
  @IsOptional()
  @IsUUID()
  campaignId?: string | null;

  /** Owner; defaults to you. Must be inside your data scope. */
  @IsOptional()
  @IsUUID()
  ownerId?: string;

  @IsOptional()
  @IsDateTime()
  nextFollowUpAt?: Date | null;

  /**
   * Id of the record in another system (unique); imports can upsert by it.
   * @example ERP-000123
   */
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(100)
  externalId?: string | null;

  @CustomValuesInput('leads')
  custom?: Record<string, unknown>;
}

export class UpdateLeadDto extends PartialType(OmitType(CreateLeadDto, ['ownerId'] as const)) {
  /** The version you read; a stale one answers 412. */
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class CreateLeadQueryDto {
  /** Create even when the phone or email matches an existing lead, contact or account. */
  @IsOptional()
  @ToBoolean()
  @IsBoolean()
  allowDuplicate?: boolean;

  /** Route the new lead through the assignment rules instead of keeping it yourself. */
  @IsOptional()
  @ToBoolean()
  @IsBoolean()
  autoAssign?: boolean;
}

export class QueryLeadsDto extends RecordListQueryDto {
  @ApiProperty({ enum: LEAD_STATUSES, required: false })
  @IsOptional()
  @IsIn(LEAD_STATUSES)
  status?: LeadStatus;

  @ApiProperty({ enum: LEAD_SOURCES, required: false })
  @IsOptional()
  @IsIn(LEAD_SOURCES)
  source?: LeadSource;

  @IsOptional()
  @IsUUID()
  ownerId?: string;

  @IsOptional()
  @IsUUID()
  departmentId?: string;

  @IsOptional()
  @IsUUID()
  campaignId?: string;

  /** Exact external id. */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  externalId?: string;

  /** @example 浙江省 */
  @IsOptional()
  @IsString()
  @MaxLength(50)
  province?: string;

  @IsOptional()
  @IsString()
  @MaxLength(50)
  city?: string;

  /** Score at least. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(100)
  scoreFrom?: number;

  /** Score at most. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(100)
  scoreTo?: number;

  @IsOptional()
  @IsDateTime()
  createdAtFrom?: Date;

  @IsOptional()
  @IsDateTime()
  createdAtTo?: Date;
}

export class ExportLeadsDto extends IntersectionType(OmitType(QueryLeadsDto, ['limit', 'cursor'] as const), ExportOptionsDto) {}

export class MergeDto {
  /** Records merged into this one and then deleted. */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  duplicateIds: string[];
}

export class LeadResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;
  /** @example 王小明 */
  name: string;
  company: string | null;
  title: string | null;
  /** E.164, masked (`139****5678`) without the viewSensitive permission. */
  phone: string | null;
  /** Masked (`w***@example.com`) without the viewSensitive permission. */
  email: string | null;
  @ApiProperty({ enum: LEAD_SOURCES })
  source: string;
  @ApiProperty({ enum: LEAD_STATUSES })
  status: string;
  /** 0–100, see the scoring rule in the README. @example 55 */
  score: number;
  province: string | null;
  city: string | null;
  notes: string | null;
  /** @example ["展会"] */
  tags: string[];
  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  campaignId: string | null;
  /** The campaign's name (null when it was deleted). @example 2026 秋季新品发布会 */
  campaignName: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  ownerId: string | null;
  /** @example 李雷 Li Lei */
  ownerName: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  departmentId: string | null;
  /** The pool governing the lead; with no owner the lead sits in it. */
  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  poolId: string | null;
  nextFollowUpAt: Date | null;
  lastActivityAt: Date | null;
  convertedAt: Date | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  convertedAccountId: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  convertedContactId: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  convertedOpportunityId: string | null;
  /** Id in another system. @example ERP-000123 */
  externalId: string | null;
  /** Whether phone and email are masked for you. */
  masked: boolean;
  /** What you may do with the record now (computed by the server from your grants, scope, pools and the record's state). */
  @ApiProperty({ enum: RECORD_ACTIONS, isArray: true, example: ['edit', 'assign', 'release'] })
  actions: RecordAction[];
  /** @example 1 */
  version: number;
  createdAt: Date;
  updatedAt: Date;

  @CustomValuesOutput('leads')
  custom?: Record<string, unknown>;
}

export class LeadPage {
  @ApiProperty({ type: [LeadResponse] })
  data: LeadResponse[];
  nextCursor: string | null;
  /** @example 120 */
  total: number;
  /** True when `total` is PostgreSQL's estimate (more than 1,000 matches; counting them would cost more than the page), false when exact. @example false */
  totalIsEstimate: boolean;
}

export class RevealedLeadResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;
  /** Full E.164 phone. @example +8613912345678 */
  phone: string | null;
  /** @example wang.xm@example.com */
  email: string | null;
}
