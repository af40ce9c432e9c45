import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { ListQueryDto } from '@core/http/list-query.dto';
import { IsDateTime, Trim } from '@core/http/validators';
import { APPROVAL_MODES, type ApprovalMode } from '../approval-flow.entity';
import { APPROVAL_STATUSES, type ApprovalStatus } from '../approval.entity';

export const APPROVAL_BOXES = ['pending', 'done', 'submitted'] as const;
export type ApprovalBox = (typeof APPROVAL_BOXES)[number];
export const APPROVAL_TASK_STATUSES = ['pending', 'approved', 'rejected', 'transferred', 'skipped'] as const;
export const APPROVAL_EVENT_ACTIONS = ['submit', 'approve', 'reject', 'comment', 'transfer', 'complete'] as const;

export class QueryApprovalsDto extends ListQueryDto {
  /** `pending`: waiting for you (or someone you stand in for); `done`: decided by you; `submitted`: yours. */
  @ApiProperty({ enum: APPROVAL_BOXES, example: 'pending' })
  @IsIn(APPROVAL_BOXES)
  box: ApprovalBox;

  @ApiProperty({ enum: APPROVAL_STATUSES, required: false })
  @IsOptional()
  @IsIn(APPROVAL_STATUSES)
  status?: ApprovalStatus;

  /** @example lead */
  @IsOptional()
  @IsString()
  @MaxLength(50)
  kind?: string;
}

export class ApprovalSummary {
  @ApiProperty({ format: 'uuid' })
  id: string;
  /** @example 撞单审批 Duplicate lead */
  flowName: string;
  /** @example lead */
  kind: string;
  /** @example duplicate_override */
  trigger: string;
  @ApiProperty({ format: 'uuid' })
  recordId: string;
  /** @example 华东大客户 */
  recordName: string;
  @ApiProperty({ enum: APPROVAL_STATUSES })
  status: ApprovalStatus;
  /** 0-based index of the step waiting for decisions. @example 0 */
  currentStep: number;
  /** @example 2 */
  stepCount: number;
  @ApiProperty({ format: 'uuid' })
  submitterId: string;
  @ApiProperty({ nullable: true, type: String })
  submitterName: string | null;
  /** Whether you (or someone you stand in for) may decide the current step now. */
  canAct: boolean;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' })
  decidedAt: Date | null;
  createdAt: Date;
}

export class ApprovalPage {
  @ApiProperty({ type: [ApprovalSummary] })
  data: ApprovalSummary[];
  nextCursor: string | null;
  total: number;
  totalIsEstimate: boolean;
}

export class ApprovalTaskResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ format: 'uuid' })
  userId: string;
  @ApiProperty({ nullable: true, type: String })
  userName: string | null;
  @ApiProperty({ enum: APPROVAL_TASK_STATUSES })
  status: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  actedById: string | null;
  @ApiProperty({ nullable: true, type: String })
  actedByName: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' })
  actedAt: Date | null;
}

export class ApprovalStepResponse {
  /** @example 0 */
  index: number;
  @ApiProperty({ nullable: true, type: String })
  name: string | null;
  @ApiProperty({ enum: APPROVAL_MODES })
  mode: ApprovalMode;
  /** `waiting` (not reached), `pending`, `approved`, `rejected`. */
  @ApiProperty({ enum: ['waiting', 'pending', 'approved', 'rejected'] })
  status: string;
  /** The approvers, once the step is reached. */
  @ApiProperty({ type: [ApprovalTaskResponse] })
  tasks: ApprovalTaskResponse[];
}

export class ApprovalEventResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ enum: APPROVAL_EVENT_ACTIONS })
  action: string;
  @ApiProperty({ nullable: true, type: 'integer' })
  step: number | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  actorId: string | null;
  @ApiProperty({ nullable: true, type: String })
  actorName: string | null;
  /** Set when a delegate acted for this approver. */
  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  onBehalfOfId: string | null;
  @ApiProperty({ nullable: true, type: String })
  onBehalfOfName: string | null;
  /** With `transfer`: who got it. */
  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  targetId: string | null;
  @ApiProperty({ nullable: true, type: String })
  targetName: string | null;
  @ApiProperty({ nullable: true, type: String })
  comment: string | null;
  createdAt: Date;
}

export class ApprovalDetailResponse extends ApprovalSummary {
  /** The record's values the flow saw when it was submitted. */
  @ApiProperty({ type: 'object', additionalProperties: true })
  record: Record<string, unknown>;
  @ApiProperty({ type: [ApprovalStepResponse] })
  steps: ApprovalStepResponse[];
  @ApiProperty({ type: [ApprovalEventResponse] })
  history: ApprovalEventResponse[];
}

export class RecordApprovalResponse {
  /** The record's latest approval you may see, or null. */
  @ApiProperty({ type: ApprovalDetailResponse, nullable: true })
  approval: ApprovalDetailResponse | null;
}

export class ApprovalCountsResponse {
  /** Approvals waiting for you (the top bar's badge). @example 3 */
  pending: number;
}

export class DecideApprovalDto {
  /** Required to reject. @example 客户已由李雷跟进，请勿重复录入 */
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(2000)
  comment?: string;
}

export class CommentApprovalDto {
  /** @example 请补充客户的采购预算 */
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  comment: string;
}

export class TransferApprovalDto {
  /** The active user who decides instead of you. */
  @IsUUID()
  toUserId: string;

  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(2000)
  comment?: string;
}

export class CreateDelegationDto {
  /** Who may act on your approvals meanwhile. */
  @IsUUID()
  delegateId: string;

  /** @example 2026-12-01T00:00:00.000Z */
  @IsDateTime()
  startsAt: Date;

  /** @example 2026-12-08T00:00:00.000Z */
  @IsDateTime()
  endsAt: Date;
}

export class DelegationResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ format: 'uuid' })
  userId: string;
  @ApiProperty({ format: 'uuid' })
  delegateId: string;
  @ApiProperty({ nullable: true, type: String })
  delegateName: string | null;
  startsAt: Date;
  endsAt: Date;
  createdAt: Date;
}

export class DelegationList {
  @ApiProperty({ type: [DelegationResponse] })
  data: DelegationResponse[];
}
