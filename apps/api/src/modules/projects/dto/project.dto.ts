import { CustomValuesInput, CustomValuesOutput } from '@core/custom-fields/custom-values.decorators';
import { ApiProperty, IntersectionType, OmitType, PartialType } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength, Min } from 'class-validator';
import { PROJECT_STATUSES, type ProjectStatus } from '@keyuan/shared';
import { ExportOptionsDto } from '@core/http/export-query.dto';
import { IsDateOnly, IsDateTime, Trim } from '@core/http/validators';
import { RECORD_ACTIONS, type RecordAction } from '@core/records/record-kind';
import { RecordListQueryDto } from '@core/records/record-list-query.dto';

export class CreateProjectDto {
  /**
   * What the project is called.
   * @example 云启科技 CRM 实施项目
   */
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  /** @example 部署、数据迁移与培训，分三期交付。 */
  @IsOptional()
  @IsString()
  @MaxLength(10000)
  description?: string | null;

  @ApiProperty({ enum: PROJECT_STATUSES, required: false, example: 'planning' })
  @IsOptional()
  @IsIn(PROJECT_STATUSES)
  status?: ProjectStatus;

  /** An account you can read (422 `PROJECT_UNKNOWN_ACCOUNT` otherwise); filled from the contract when only `contractId` is given. */
  @IsOptional()
  @IsUUID()
  accountId?: string | null;

  /** A contract you can read (422 `PROJECT_UNKNOWN_CONTRACT` otherwise), of the project's account. */
  @IsOptional()
  @IsUUID()
  contractId?: string | null;

  /** @example 2026-12-01 */
  @IsOptional()
  @IsDateOnly()
  startDate?: string | null;

  /** On or after the start date. @example 2027-03-31 */
  @IsOptional()
  @IsDateOnly()
  endDate?: string | null;

  /** Who runs it; defaults to you. Must be inside your data scope on projects. */
  @IsOptional()
  @IsUUID()
  ownerId?: string;

  /** Active users working on it (they see the project whatever their data scope). */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  memberIds?: string[];

  @CustomValuesInput('projects')
  custom?: Record<string, unknown>;
}

export class UpdateProjectDto extends PartialType(CreateProjectDto) {
  /** The version you read; a stale one answers 412. */
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class QueryProjectsDto extends RecordListQueryDto {
  @ApiProperty({ enum: PROJECT_STATUSES, required: false, description: 'Only projects in this status.' })
  @IsOptional()
  @IsIn(PROJECT_STATUSES)
  status?: ProjectStatus;

  /** Only projects of this account. */
  @IsOptional()
  @IsUUID()
  accountId?: string;

  /** Only projects of this contract. */
  @IsOptional()
  @IsUUID()
  contractId?: string;

  /** Only projects of this owner. */
  @IsOptional()
  @IsUUID()
  ownerId?: string;

  /** Only projects with this member. */
  @IsOptional()
  @IsUUID()
  memberId?: string;

  /** Ending on or after this day. @example 2027-01-01 */
  @IsOptional()
  @IsDateOnly()
  endDateFrom?: string;

  /** Ending on or before this day. @example 2027-03-31 */
  @IsOptional()
  @IsDateOnly()
  endDateTo?: string;

  /** Created at or after (ISO 8601). */
  @IsOptional()
  @IsDateTime()
  createdAtFrom?: Date;

  /** Created at or before (ISO 8601). */
  @IsOptional()
  @IsDateTime()
  createdAtTo?: Date;
}

export class ExportProjectsDto extends IntersectionType(OmitType(QueryProjectsDto, ['limit', 'cursor'] as const), ExportOptionsDto) {}

export class CreateMilestoneDto {
  /** @example 数据迁移完成 */
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  /** @example 2027-01-15 */
  @IsOptional()
  @IsDateOnly()
  dueDate?: string | null;

  /** Reached. */
  @IsOptional()
  @IsBoolean()
  done?: boolean;

  /** 1-based place in the list; the end when left out. @example 1 */
  @IsOptional()
  @IsInt()
  @Min(1)
  position?: number;

  /** The project's version you read; a stale one answers 412. */
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class UpdateMilestoneDto extends PartialType(CreateMilestoneDto) {}

export class ProjectProgressResponse {
  /** Tasks done. @example 3 */
  tasksDone: number;
  /** Tasks that count (not cancelled). @example 5 */
  tasksTotal: number;
  /** @example 1 */
  milestonesDone: number;
  /** @example 3 */
  milestonesTotal: number;
  /** 0..100 from the tasks (done / total); from the milestones when there is no task. @example 60 */
  percent: number;
}

export class MilestoneResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;
  /** @example 数据迁移完成 */
  name: string;
  /** @example 2027-01-15 */
  dueDate: string | null;
  done: boolean;
  doneAt: Date | null;
  /** 1-based. @example 1 */
  position: number;
}

export class ProjectMemberResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;
  /** @example 李雷 Li Lei */
  name: string | null;
}

export class ProjectSummaryResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;
  /** @example PRJ202612-0001 */
  number: string;
  /** @example 云启科技 CRM 实施项目 */
  name: string;
  description: string | null;
  @ApiProperty({ enum: PROJECT_STATUSES })
  status: ProjectStatus;
  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  accountId: string | null;
  /** @example 上海云启科技有限公司 */
  accountName: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  contractId: string | null;
  /** @example HT202612-0003 云启 CRM 年度合同 */
  contractName: string | null;
  /** @example 2026-12-01 */
  startDate: string | null;
  /** @example 2027-03-31 */
  endDate: string | null;
  @ApiProperty({ type: [ProjectMemberResponse] })
  members: ProjectMemberResponse[];
  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  ownerId: string | null;
  ownerName: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  departmentId: string | null;
  progress: ProjectProgressResponse;
  /** What you may do with the record (edit, delete), computed from your grants, scope and membership. */
  @ApiProperty({ enum: RECORD_ACTIONS, isArray: true, example: ['edit', 'delete'] })
  actions: RecordAction[];
  /** @example 1 */
  version: number;
  createdAt: Date;
  updatedAt: Date;

  @CustomValuesOutput('projects')
  custom?: Record<string, unknown>;
}

export class ProjectResponse extends ProjectSummaryResponse {
  /** In their order. */
  @ApiProperty({ type: [MilestoneResponse] })
  milestones: MilestoneResponse[];
}

export class ProjectPage {
  @ApiProperty({ type: [ProjectSummaryResponse] })
  data: ProjectSummaryResponse[];
  /** Cursor of the next page, null on the last page. */
  nextCursor: string | null;
  /** @example 4 */
  total: number;
  /** True when `total` is PostgreSQL's estimate. @example false */
  totalIsEstimate: boolean;
}
