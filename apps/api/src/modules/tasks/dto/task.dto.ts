import { ApiProperty, OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { ListQueryDto } from '@core/http/list-query.dto';
import { Trim, IsDateTime } from '@core/http/validators';
import { TASK_PRIORITIES, TASK_STATUSES, type TaskPriority, type TaskStatus } from '../task.entity';

export class CreateTaskDto {
  /**
   * What to do.
   * @example 回访王经理，确认报价
   */
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  title: string;

  /** @example 带上新版报价单，重点说明年度套餐折扣。 */
  @IsOptional()
  @IsString()
  @MaxLength(10000)
  description?: string | null;

  /**
   * When it is due (ISO 8601).
   * @example 2025-06-18T02:00:00.000Z
   */
  @IsDateTime()
  dueAt: Date;

  /**
   * When to remind the assignee (a notification, once).
   * @example 2025-06-18T01:30:00.000Z
   */
  @IsOptional()
  @IsDateTime()
  remindAt?: Date | null;

  /** Who does it; defaults to you. Must be inside your data scope on tasks. */
  @IsOptional()
  @IsUUID()
  assigneeId?: string;

  @ApiProperty({ enum: TASK_PRIORITIES, required: false, example: 'normal' })
  @IsOptional()
  @IsIn(TASK_PRIORITIES)
  priority?: TaskPriority;

  /** `done` sets `completedAt`. */
  @ApiProperty({ enum: TASK_STATUSES, required: false, example: 'open' })
  @IsOptional()
  @IsIn(TASK_STATUSES)
  status?: TaskStatus;

  /** A lead you can read. */
  @IsOptional()
  @IsUUID()
  leadId?: string | null;

  /** An account you can read; filled from the contact when only `contactId` is given. */
  @IsOptional()
  @IsUUID()
  accountId?: string | null;

  /** A contact you can read. */
  @IsOptional()
  @IsUUID()
  contactId?: string | null;

  /** An opportunity you can read; its account comes with it (and must agree with `accountId`). */
  @IsOptional()
  @IsUUID()
  opportunityId?: string | null;

  /** A project you can see (400 `TASK_UNKNOWN_PROJECT` otherwise); its progress counts this task. */
  @IsOptional()
  @IsUUID()
  projectId?: string | null;
}

export class UpdateTaskDto extends PartialType(OmitType(CreateTaskDto, ['leadId', 'accountId', 'contactId', 'opportunityId', 'projectId'] as const)) {
  /** The version you read; a stale one answers 412. */
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

/** `open`, `open,in_progress`...: task statuses separated by commas. */
export const STATUS_LIST = new RegExp(`^(${TASK_STATUSES.join('|')})(,(${TASK_STATUSES.join('|')}))*$`);

export class QueryTasksDto extends ListQueryDto {
  /**
   * One status or several separated by commas (`open,in_progress`: the tasks still to do).
   * @example open,in_progress
   */
  @ApiProperty({ required: false, pattern: STATUS_LIST.source })
  @IsOptional()
  @Matches(STATUS_LIST, { message: `status must be one or more of ${TASK_STATUSES.join(', ')}, separated by commas` })
  status?: string;

  @ApiProperty({ enum: TASK_PRIORITIES, required: false })
  @IsOptional()
  @IsIn(TASK_PRIORITIES)
  priority?: TaskPriority;

  @IsOptional()
  @IsUUID()
  assigneeId?: string;

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

  /** Only tasks of this project. */
  @IsOptional()
  @IsUUID()
  projectId?: string;

  /** Due at or after (ISO 8601). */
  @IsOptional()
  @IsDateTime()
  dueAtFrom?: Date;

  /** Due at or before (ISO 8601). */
  @IsOptional()
  @IsDateTime()
  dueAtTo?: Date;
}

export class MyTasksQueryDto {
  /**
   * Most tasks returned per bucket (the counts are always complete).
   * @example 20
   */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}

export class TaskResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;
  /** @example 回访王经理，确认报价 */
  title: string;
  description: string | null;
  dueAt: Date;
  remindAt: Date | null;
  /** When the reminder was sent. */
  remindedAt: Date | null;
  @ApiProperty({ enum: TASK_PRIORITIES })
  priority: string;
  @ApiProperty({ enum: TASK_STATUSES })
  status: string;
  completedAt: Date | null;
  /** Still to do and past its due time. */
  overdue: boolean;
  @ApiProperty({ format: 'uuid' })
  assigneeId: string;
  /** @example 李雷 Li Lei */
  assigneeName: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  departmentId: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  createdById: string | null;
  createdByName: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  leadId: string | null;
  leadName: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  accountId: string | null;
  /** @example 上海云启科技有限公司 */
  accountName: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  contactId: string | null;
  contactName: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  opportunityId: string | null;
  /** @example 云启 CRM 二期 */
  opportunityName: string | null;
  /** The project it belongs to. */
  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  projectId: string | null;
  /** @example 1 */
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export class TaskPage {
  @ApiProperty({ type: [TaskResponse] })
  data: TaskResponse[];
  nextCursor: string | null;
  /** @example 12 */
  total: number;
  /** True when `total` is PostgreSQL's estimate (more than 1,000 matches), false when exact. @example false */
  totalIsEstimate: boolean;
}

export class MyTaskCounts {
  /** @example 2 */
  overdue: number;
  /** @example 3 */
  today: number;
  /** @example 5 */
  upcoming: number;
}

export class MyTasksResponse {
  /** Open or in progress, due before now; oldest first. */
  @ApiProperty({ type: [TaskResponse] })
  overdue: TaskResponse[];
  /** Due from now until midnight in the business time zone. */
  @ApiProperty({ type: [TaskResponse] })
  today: TaskResponse[];
  /** Due in the 7 days after today. */
  @ApiProperty({ type: [TaskResponse] })
  upcoming: TaskResponse[];
  /** Size of each bucket (the lists are capped by `limit`). */
  counts: MyTaskCounts;
  /** Business time zone the buckets were cut in. @example Asia/Shanghai */
  timezone: string;
}
