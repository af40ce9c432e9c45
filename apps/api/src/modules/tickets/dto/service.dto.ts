import { ApiProperty, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { RETURN_VISIT_METHODS, RETURN_VISIT_STATUSES, type ReturnVisitMethod, type ReturnVisitStatus } from '@keyuan/shared';
import { ToBoolean } from '@core/http/list-query.dto';
import { IsDateOnly, Trim } from '@core/http/validators';
import { RECORD_ACTIONS, type RecordAction } from '@core/records/record-kind';
import { RecordListQueryDto } from '@core/records/record-list-query.dto';

export class CreateReturnVisitDto {
  /** @example 工单 T20261109-0003 解决后回访 */
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  subject: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  accountId: string;

  @ApiProperty({ format: 'uuid', required: false })
  @IsOptional()
  @IsUUID()
  ticketId?: string | null;

  @ApiProperty({ format: 'uuid', required: false })
  @IsOptional()
  @IsUUID()
  contractId?: string | null;

  /** @example 2026-11-20 */
  @IsDateOnly()
  plannedDate: string;

  /** Who visits; default you. */
  @ApiProperty({ format: 'uuid', required: false })
  @IsOptional()
  @IsUUID()
  assigneeId?: string;

  @ApiProperty({ enum: RETURN_VISIT_METHODS, required: false })
  @IsOptional()
  @IsIn(RETURN_VISIT_METHODS)
  method?: ReturnVisitMethod;

  @ApiProperty({ enum: RETURN_VISIT_STATUSES, required: false })
  @IsOptional()
  @IsIn(RETURN_VISIT_STATUSES)
  status?: ReturnVisitStatus;

  /** @example 客户对处理结果满意 */
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  outcome?: string | null;

  /** 1–5. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(5)
  satisfaction?: number | null;

  @IsOptional()
  @IsString()
  @MaxLength(10000)
  notes?: string | null;
}

export class UpdateReturnVisitDto extends PartialType(CreateReturnVisitDto) {
  @IsOptional()
  @IsInt()
  version?: number;
}

export class QueryReturnVisitsDto extends RecordListQueryDto {
  @IsOptional()
  @IsUUID()
  accountId?: string;

  @IsOptional()
  @IsUUID()
  ticketId?: string;

  @IsOptional()
  @IsUUID()
  ownerId?: string;

  @ApiProperty({ enum: RETURN_VISIT_STATUSES, required: false })
  @IsOptional()
  @IsIn(RETURN_VISIT_STATUSES)
  status?: ReturnVisitStatus;

  /** @example 2026-11-01 */
  @IsOptional()
  @IsDateOnly()
  plannedDateFrom?: string;

  /** @example 2026-11-30 */
  @IsOptional()
  @IsDateOnly()
  plannedDateTo?: string;

  /** Only your planned visits due today or earlier ("my visits due"). */
  @IsOptional()
  @ToBoolean()
  dueMine?: boolean;
}

export class ReturnVisitResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;
  subject: string;
  accountId: string;
  accountName: string | null;
  ticketId: string | null;
  contractId: string | null;
  plannedDate: string;
  @ApiProperty({ enum: RETURN_VISIT_METHODS })
  method: ReturnVisitMethod;
  @ApiProperty({ enum: RETURN_VISIT_STATUSES })
  status: ReturnVisitStatus;
  outcome: string | null;
  satisfaction: number | null;
  notes: string | null;
  doneAt: Date | null;
  assigneeId: string | null;
  assigneeName: string | null;
  departmentId: string | null;
  @ApiProperty({ enum: RECORD_ACTIONS, isArray: true })
  actions: RecordAction[];
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export class ReturnVisitPage {
  @ApiProperty({ type: [ReturnVisitResponse] })
  data: ReturnVisitResponse[];
  nextCursor: string | null;
  total: number;
  totalIsEstimate: boolean;
}

export class ServiceHistoryEntryDto {
  /** @example 2026-11-09 */
  @IsDateOnly()
  date: string;

  /** @example 更换主板 */
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  note: string;
}

export class CreateServiceRecordDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  accountId: string;

  @ApiProperty({ format: 'uuid', required: false })
  @IsOptional()
  @IsUUID()
  productId?: string | null;

  /** Free text for a unit outside the catalogue (default: the product's name). */
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(200)
  productName?: string | null;

  /** Unique (case-insensitive). @example SN-2026-000123 */
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  serialNumber: string;

  /** @example 2025-11-01 */
  @IsOptional()
  @IsDateOnly()
  purchaseDate?: string | null;

  /** Last day covered. @example 2027-10-31 */
  @IsOptional()
  @IsDateOnly()
  warrantyEnd?: string | null;

  @ApiProperty({ type: [ServiceHistoryEntryDto], required: false })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => ServiceHistoryEntryDto)
  history?: ServiceHistoryEntryDto[];

  @IsOptional()
  @IsString()
  @MaxLength(10000)
  notes?: string | null;
}

export class UpdateServiceRecordDto extends PartialType(CreateServiceRecordDto) {
  @IsOptional()
  @IsInt()
  version?: number;
}

export class QueryServiceRecordsDto extends RecordListQueryDto {
  @IsOptional()
  @IsUUID()
  accountId?: string;

  @IsOptional()
  @IsUUID()
  productId?: string;

  /** true: only units under warranty today; false: only expired ones. */
  @IsOptional()
  @ToBoolean()
  underWarranty?: boolean;
}

export class ServiceRecordResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;
  serialNumber: string;
  accountId: string;
  accountName: string | null;
  productId: string | null;
  productName: string | null;
  purchaseDate: string | null;
  warrantyEnd: string | null;
  /** Covered today (business time zone); null without a warranty end. */
  underWarranty: boolean | null;
  history: ServiceHistoryEntryDto[];
  notes: string | null;
  ownerId: string | null;
  @ApiProperty({ enum: RECORD_ACTIONS, isArray: true })
  actions: RecordAction[];
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export class ServiceRecordPage {
  @ApiProperty({ type: [ServiceRecordResponse] })
  data: ServiceRecordResponse[];
  nextCursor: string | null;
  total: number;
  totalIsEstimate: boolean;
}
