import { ApiProperty, PartialType } from '@nestjs/swagger';
import {
  WORKFLOW_ACTION_TYPES,
  WORKFLOW_ASSIGNEES,
  WORKFLOW_RUN_OUTCOMES,
  WORKFLOW_TRIGGER_TYPES,
  type WorkflowActionType,
  type WorkflowAssignee,
  type WorkflowRunOutcome,
  type WorkflowTriggerType,
} from '@keyuan/shared';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { ListQueryDto } from '@core/http/list-query.dto';
import { Trim } from '@core/http/validators';
import { FilterGroupDto } from '@core/http/filter-group.dto';

/** A scalar value a trigger or action compares with or sets. */
const SCALAR = [{ type: 'string' }, { type: 'number', format: 'double' }, { type: 'boolean' }];

export class WorkflowTriggerDto {
  @ApiProperty({ enum: WORKFLOW_TRIGGER_TYPES, example: 'fieldChanged' })
  @IsIn(WORKFLOW_TRIGGER_TYPES)
  type: WorkflowTriggerType;

  /** fieldChanged / dateReached: the record's field. @example status */
  @IsOptional()
  @IsString()
  @MaxLength(60)
  field?: string;

  @ApiProperty({ description: 'fieldChanged: the value it changed to (absent: any change)', oneOf: SCALAR, nullable: true, required: false, example: 'qualified' })
  @IsOptional()
  to?: string | number | boolean | null;

  /** dateReached: how many days before or after the date. @example 7 */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(3650)
  days?: number;

  @ApiProperty({ enum: ['before', 'after'], required: false, example: 'after' })
  @IsOptional()
  @IsIn(['before', 'after'])
  direction?: 'before' | 'after';
}

export class WorkflowActionDto {
  @ApiProperty({ enum: WORKFLOW_ACTION_TYPES, example: 'createTask' })
  @IsIn(WORKFLOW_ACTION_TYPES)
  type: WorkflowActionType;

  /** createTask: the title. @example 回访新联系的线索 */
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(200)
  title?: string;

  /** createTask: due this many days after the run. @example 1 */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(365)
  dueInDays?: number;

  @ApiProperty({ enum: WORKFLOW_ASSIGNEES, required: false, example: 'owner', description: "createTask: the record's owner or a named user (userId)" })
  @IsOptional()
  @IsIn(WORKFLOW_ASSIGNEES)
  assignee?: WorkflowAssignee;

  /** createTask with assignee `user`: the user. */
  @IsOptional()
  @IsUUID()
  userId?: string;

  /** notify: the message shown with the record's name. @example 高分线索，请尽快跟进 */
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(200)
  message?: string;

  /** notify: users told besides the owner; assignRoundRobin: the group receiving records in turn. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  userIds?: string[];

  /** updateField: the field to set. @example status */
  @IsOptional()
  @IsString()
  @MaxLength(60)
  field?: string;

  @ApiProperty({ description: 'updateField: the new value', oneOf: SCALAR, nullable: true, required: false, example: 'contacted' })
  @IsOptional()
  value?: string | number | boolean | null;

  /** updateField on a date field: this many days after the run. @example 3 */
  @IsOptional()
  @IsInt()
  @Min(-3650)
  @Max(3650)
  daysFromNow?: number;

  /** moveToPool: the pool. */
  @IsOptional()
  @IsUUID()
  poolId?: string;

  /** moveToPool: the reason kept in the audit log. @example 7 天未跟进，自动退回 */
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(200)
  reason?: string;
}

export class CreateWorkflowRuleDto {
  /** @example 线索联系后创建回访任务 */
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name: string;

  /** @example 状态变为"已联系"时，给负责人创建一个回访任务 */
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string | null;

  /** The record kind (see GET /workflow-rules/kinds). @example lead */
  @IsString()
  @MaxLength(50)
  entityType: string;

  /** Disabled rules never run. Default true. */
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;

  @ValidateNested()
  @Type(() => WorkflowTriggerDto)
  trigger: WorkflowTriggerDto;

  /** Conditions on the record (the list filter model); default: always. */
  @IsOptional()
  @ValidateNested()
  @Type(() => FilterGroupDto)
  conditions?: FilterGroupDto;

  @ApiProperty({ type: [WorkflowActionDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => WorkflowActionDto)
  actions: WorkflowActionDto[];
}

export class UpdateWorkflowRuleDto extends PartialType(CreateWorkflowRuleDto) {
  /** The version you read; a stale one answers 412. */
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class QueryWorkflowRulesDto extends ListQueryDto {
  /** Only rules of this record kind. @example lead */
  @IsOptional()
  @IsString()
  @MaxLength(50)
  entityType?: string;
}

export class WorkflowRuleResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;
  name: string;
  description: string | null;
  /** @example lead */
  entityType: string;
  enabled: boolean;
  trigger: WorkflowTriggerDto;
  conditions: FilterGroupDto;
  @ApiProperty({ type: [WorkflowActionDto] })
  actions: WorkflowActionDto[];
  @ApiProperty({ format: 'uuid', nullable: true })
  createdById: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export class WorkflowRulePage {
  @ApiProperty({ type: [WorkflowRuleResponse] })
  data: WorkflowRuleResponse[];
  @ApiProperty({ nullable: true, type: String })
  nextCursor: string | null;
  total: number;
  totalIsEstimate?: boolean;
}

export class QueryWorkflowRunsDto extends ListQueryDto {
  @ApiProperty({ enum: WORKFLOW_RUN_OUTCOMES, required: false })
  @IsOptional()
  @IsIn(WORKFLOW_RUN_OUTCOMES)
  outcome?: WorkflowRunOutcome;
}

export class WorkflowRunResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ format: 'uuid' })
  ruleId: string;
  @ApiProperty({ format: 'uuid', nullable: true })
  eventId: string | null;
  /** @example lead */
  entityType: string;
  @ApiProperty({ format: 'uuid' })
  entityId: string;
  /** 0 for a person's change; n + 1 for a change a rule made at depth n. */
  depth: number;
  @ApiProperty({ enum: WORKFLOW_RUN_OUTCOMES })
  outcome: WorkflowRunOutcome;
  /** Why it failed or was skipped (`WORKFLOW_LOOP_DEPTH`, an error code or message). */
  @ApiProperty({ nullable: true, type: String })
  error: string | null;
  /** What each action did, e.g. `{ "type": "createTask", "taskId": "…" }`. */
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true } })
  actions: Record<string, unknown>[];
  startedAt: Date;
  @ApiProperty({ nullable: true, type: Date })
  finishedAt: Date | null;
  @ApiProperty({ nullable: true, type: Number })
  durationMs: number | null;
}

export class WorkflowRunPage {
  @ApiProperty({ type: [WorkflowRunResponse] })
  data: WorkflowRunResponse[];
  @ApiProperty({ nullable: true, type: String })
  nextCursor: string | null;
  total: number;
  totalIsEstimate?: boolean;
}

export class TestWorkflowRuleDto {
  /** The record to evaluate the rule against. */
  @IsUUID()
  recordId: string;

  /** Pretend these fields just changed (field names), for update triggers; default: none. @example ["status"] */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  changedFields?: string[];
}

export class PlannedActionDto {
  @ApiProperty({ enum: WORKFLOW_ACTION_TYPES })
  type: WorkflowActionType;
  /** What the action would do, e.g. `{ "title": "…", "assigneeId": "…", "dueAt": "…" }`. */
  @ApiProperty({ type: 'object', additionalProperties: true })
  details: Record<string, unknown>;
}

export class WorkflowDryRunResponse {
  /** Whether the trigger fires for the record (for event triggers: on the pretended change). */
  triggerMatches: boolean;
  conditionsMatch: boolean;
  /** Whether the rule would run (enabled, trigger and conditions). */
  wouldRun: boolean;
  @ApiProperty({ type: [PlannedActionDto] })
  actions: PlannedActionDto[];
}

export class AutomationFieldDto {
  /** @example status */
  name: string;
  @ApiProperty({ enum: ['string', 'number', 'enum', 'date', 'user', 'boolean'] })
  type: string;
  @ApiProperty({ type: [String], required: false })
  options?: string[];
  updatable: boolean;
}

export class AutomationKindDto {
  /** @example lead */
  type: string;
  pooled: boolean;
  @ApiProperty({ type: [AutomationFieldDto] })
  fields: AutomationFieldDto[];
}
