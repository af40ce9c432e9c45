import { ApiProperty, OmitType, PartialType } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { ListQueryDto } from '@core/http/list-query.dto';
import { IsPhone, NormalizePhone, Trim, IsDateTime } from '@core/http/validators';
import {
  ACTIVITY_TYPES,
  CALL_DIRECTIONS,
  CALL_OUTCOMES,
  VISIT_STATUSES,
  type ActivityType,
  type CallDirection,
  type CallOutcome,
  type VisitStatus,
} from '../activity.entity';

export class CreateActivityDto {
  @ApiProperty({ enum: ACTIVITY_TYPES, example: 'call' })
  @IsIn(ACTIVITY_TYPES)
  type: ActivityType;

  /** @example 电话沟通年度套餐 */
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(200)
  subject?: string | null;

  /** @example 客户对价格比较敏感，下周二再约一次演示。 */
  @IsOptional()
  @IsString()
  @MaxLength(10000)
  content?: string | null;

  /** When it happened (ISO 8601); defaults to now, or to `plannedAt` for a visit or meeting. */
  @IsOptional()
  @IsDateTime()
  occurredAt?: Date;

  /** Calls only; defaults to `outbound`. */
  @ApiProperty({ enum: CALL_DIRECTIONS, required: false, example: 'inbound' })
  @IsOptional()
  @IsIn(CALL_DIRECTIONS)
  direction?: CallDirection | null;

  /**
   * Calls only: talk time in seconds.
   * @example 185
   */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(86400)
  durationSec?: number | null;

  /** Calls only. */
  @ApiProperty({ enum: CALL_OUTCOMES, required: false, example: 'connected' })
  @IsOptional()
  @IsIn(CALL_OUTCOMES)
  outcome?: CallOutcome | null;

  /**
   * Calls only: the other party's number, normalized to E.164 (default region CN). An inbound call
   * without a lead, account or contact is matched to the contact (else account, else lead) you can
   * read that has this number (来电匹配).
   * @example 138 1234 5678
   */
  @IsOptional()
  @NormalizePhone()
  @IsPhone()
  callerPhone?: string | null;

  /** Visits and meetings: when it is planned (ISO 8601). */
  @IsOptional()
  @IsDateTime()
  plannedAt?: Date | null;

  /**
   * Visits and meetings.
   * @example 上海市浦东新区张江路 88 号
   */
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(200)
  location?: string | null;

  /** Visits and meetings; defaults to `planned` when `plannedAt` lies ahead, else `done`. Only done ones count as follow-up. */
  @ApiProperty({ enum: VISIT_STATUSES, required: false, example: 'planned' })
  @IsOptional()
  @IsIn(VISIT_STATUSES)
  status?: VisitStatus | null;

  /** A lead you can read. */
  @IsOptional()
  @IsUUID()
  leadId?: string;

  /** An account you can read; filled from the contact when only `contactId` is given. */
  @IsOptional()
  @IsUUID()
  accountId?: string;

  /** A contact you can read. */
  @IsOptional()
  @IsUUID()
  contactId?: string;

  /** An opportunity you can read; its account comes with it (and must agree with `accountId`). */
  @IsOptional()
  @IsUUID()
  opportunityId?: string;
}

/** The type and the related records stay as logged; log a new activity to change them. */
export class UpdateActivityDto extends PartialType(OmitType(CreateActivityDto, ['type', 'leadId', 'accountId', 'contactId', 'opportunityId'] as const)) {
  /** The version you read; a stale one answers 412. */
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class QueryActivitiesDto extends ListQueryDto {
  @ApiProperty({ enum: ACTIVITY_TYPES, required: false })
  @IsOptional()
  @IsIn(ACTIVITY_TYPES)
  type?: ActivityType;

  @ApiProperty({ enum: CALL_DIRECTIONS, required: false })
  @IsOptional()
  @IsIn(CALL_DIRECTIONS)
  direction?: CallDirection;

  @ApiProperty({ enum: VISIT_STATUSES, required: false })
  @IsOptional()
  @IsIn(VISIT_STATUSES)
  status?: VisitStatus;

  @IsOptional()
  @IsUUID()
  ownerId?: string;

  @IsOptional()
  @IsUUID()
  leadId?: string;

  @IsOptional()
  @IsUUID()
  accountId?: string;

  @IsOptional()
  @IsUUID()
  contactId?: string;

  @IsOptional()
  @IsUUID()
  opportunityId?: string;

  /** Happened at or after (ISO 8601). */
  @IsOptional()
  @IsDateTime()
  occurredAtFrom?: Date;

  /** Happened at or before (ISO 8601). */
  @IsOptional()
  @IsDateTime()
  occurredAtTo?: Date;
}

export class ActivityResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ enum: ACTIVITY_TYPES })
  type: string;
  /** @example 电话沟通年度套餐 */
  subject: string | null;
  content: string | null;
  occurredAt: Date;
  @ApiProperty({ enum: CALL_DIRECTIONS, nullable: true, type: String })
  direction: string | null;
  /** @example 185 */
  durationSec: number | null;
  @ApiProperty({ enum: CALL_OUTCOMES, nullable: true, type: String })
  outcome: string | null;
  /** E.164, masked (`138****5678`) without the viewSensitive permission. */
  callerPhone: string | null;
  plannedAt: Date | null;
  location: string | null;
  @ApiProperty({ enum: VISIT_STATUSES, nullable: true, type: String })
  status: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  leadId: string | null;
  leadName: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  accountId: string | null;
  /** @example 上海云启科技有限公司 */
  accountName: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  contactId: string | null;
  /** @example 陈静 */
  contactName: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  opportunityId: string | null;
  /** @example 云启 CRM 二期 */
  opportunityName: string | null;
  /** Who logged it. */
  @ApiProperty({ format: 'uuid' })
  ownerId: string;
  /** @example 李雷 Li Lei */
  ownerName: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  departmentId: string | null;
  /** @example 1 */
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export class ActivityPage {
  @ApiProperty({ type: [ActivityResponse] })
  data: ActivityResponse[];
  nextCursor: string | null;
  /** @example 42 */
  total: number;
  /** True when `total` is PostgreSQL's estimate (more than 1,000 matches), false when exact. @example false */
  totalIsEstimate: boolean;
}
