import { ApiProperty, PartialType } from '@nestjs/swagger';
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
import { APPROVAL_MODES, APPROVER_TYPES, type ApprovalMode, type ApproverType } from '../approval-flow.entity';
import { FilterGroupDto } from '@core/http/filter-group.dto';

export class ApproverDto {
  /** `manager`: the department manager (of the submitter, or of the user in field `of`); `role`: a role in the submitter's department or above; `users`: named users. */
  @ApiProperty({ enum: APPROVER_TYPES, example: 'manager' })
  @IsIn(APPROVER_TYPES)
  type: ApproverType;

  /** With `manager`: a `user` field of the record whose manager decides instead of the submitter's. @example duplicateOwnerId */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  of?: string | null;

  /** With `role`: the role's key. @example sales_manager */
  @IsOptional()
  @IsString()
  @MaxLength(50)
  roleKey?: string | null;

  /** With `users`: who. */
  @ApiProperty({ type: [String], format: 'uuid', required: false, nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  userIds?: string[] | null;
}

export class FlowStepDto {
  /** @example 部门经理审批 */
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(100)
  name?: string | null;

  @ApiProperty({ enum: APPROVAL_MODES, example: 'any' })
  @IsIn(APPROVAL_MODES)
  mode: ApprovalMode;

  @ApiProperty({ type: [ApproverDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => ApproverDto)
  approvers: ApproverDto[];
}

export class CreateApprovalFlowDto {
  /** @example 大额线索审批 */
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name: string;

  /** A registered record kind (`GET /approval-flows/kinds`). @example lead */
  @IsString()
  @MaxLength(50)
  kind: string;

  /** One of the kind's triggers. @example duplicate_override */
  @IsString()
  @MaxLength(50)
  trigger: string;

  /** Which records need it; null or no conditions: every record. */
  @ApiProperty({ type: FilterGroupDto, required: false, nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => FilterGroupDto)
  condition?: FilterGroupDto | null;

  @ApiProperty({ type: [FlowStepDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => FlowStepDto)
  steps: FlowStepDto[];

  /** Off: the trigger needs no approval. @example true */
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;

  /** Lower runs first when several flows match. @example 100 */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100000)
  priority?: number;
}

export class UpdateApprovalFlowDto extends PartialType(CreateApprovalFlowDto) {
  /** The version you read; a stale one answers 412. */
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class QueryApprovalFlowsDto extends ListQueryDto {
  /** @example lead */
  @IsOptional()
  @IsString()
  @MaxLength(50)
  kind?: string;
}

export class ApproverResponse {
  @ApiProperty({ enum: APPROVER_TYPES })
  type: ApproverType;
  @ApiProperty({ nullable: true, type: String, required: false })
  of?: string | null;
  @ApiProperty({ nullable: true, type: String, required: false })
  roleKey?: string | null;
  @ApiProperty({ type: [String], format: 'uuid', required: false, nullable: true })
  userIds?: string[] | null;
}

export class FlowStepResponse {
  @ApiProperty({ nullable: true, type: String, required: false })
  name?: string | null;
  @ApiProperty({ enum: APPROVAL_MODES })
  mode: ApprovalMode;
  @ApiProperty({ type: [ApproverResponse] })
  approvers: ApproverResponse[];
}

export class ApprovalFlowResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;
  name: string;
  kind: string;
  trigger: string;
  @ApiProperty({ type: FilterGroupDto, nullable: true })
  condition: FilterGroupDto | null;
  @ApiProperty({ type: [FlowStepResponse] })
  steps: FlowStepResponse[];
  enabled: boolean;
  priority: number;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export class ApprovalFlowPage {
  @ApiProperty({ type: [ApprovalFlowResponse] })
  data: ApprovalFlowResponse[];
  nextCursor: string | null;
  total: number;
  totalIsEstimate: boolean;
}

export class ApprovalKindResponse {
  /** @example lead */
  kind: string;
  /** @example ["submit", "duplicate_override"] */
  triggers: string[];
  /** Field name → type (`string`, `number`, `date`, `boolean`, `user`). */
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string', enum: ['string', 'number', 'date', 'boolean', 'user'] } })
  fields: Record<string, string>;
}
