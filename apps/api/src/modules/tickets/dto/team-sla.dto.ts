import { ApiProperty, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { ACCOUNT_LEVELS, TICKET_PRIORITIES, TICKET_TYPES, type AccountLevel, type TicketPriority, type TicketType } from '@keyuan/shared';
import { Trim } from '@core/http/validators';
import { ListQueryDto } from '@core/http/list-query.dto';

export class TeamMemberInputDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  userId: string;

  /** Inactive agents (on leave) get no new tickets. @example true */
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class CreateTicketTeamDto {
  /** @example 一线支持 */
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name: string;

  @IsOptional()
  @IsString()
  @MaxLength(500)
  description?: string | null;

  /** The team lead (escalations reach them). */
  @ApiProperty({ format: 'uuid', required: false })
  @IsOptional()
  @IsUUID()
  leadId?: string | null;

  /** New tickets without an assignee go to the least-loaded active agent. @example true */
  @IsOptional()
  @IsBoolean()
  autoAssign?: boolean;

  /** The agents (replaces the list when given). */
  @ApiProperty({ type: [TeamMemberInputDto], required: false })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => TeamMemberInputDto)
  members?: TeamMemberInputDto[];
}

export class UpdateTicketTeamDto extends PartialType(CreateTicketTeamDto) {
  @IsOptional()
  @IsInt()
  version?: number;
}

export class TeamMemberResponse {
  @ApiProperty({ format: 'uuid' })
  userId: string;
  name: string | null;
  active: boolean;
  /** Tickets assigned to the agent in new, open, pending or reopened. */
  openTickets: number;
  lastAssignedAt: Date | null;
}

export class TicketTeamResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;
  name: string;
  description: string | null;
  leadId: string | null;
  leadName: string | null;
  autoAssign: boolean;
  @ApiProperty({ type: [TeamMemberResponse] })
  members: TeamMemberResponse[];
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export class TicketTeamList {
  @ApiProperty({ type: [TicketTeamResponse] })
  data: TicketTeamResponse[];
}

export class CreateSlaPolicyDto {
  /** @example 高优先级 */
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name: string;

  @ApiProperty({ enum: TICKET_PRIORITIES, example: 'high' })
  @IsIn(TICKET_PRIORITIES)
  priority: TicketPriority;

  /** Only for accounts of this level (it wins over the policy without a level). */
  @ApiProperty({ enum: ACCOUNT_LEVELS, required: false })
  @IsOptional()
  @IsIn(ACCOUNT_LEVELS)
  accountLevel?: AccountLevel | null;

  /** Business calendar of the working minutes; default: the default calendar. */
  @ApiProperty({ format: 'uuid', required: false })
  @IsOptional()
  @IsUUID()
  calendarId?: string | null;

  /** Working minutes to the first public reply. @example 60 */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(525600)
  firstResponseMinutes: number;

  /** Working minutes to answer each later customer message. @example 120 */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(525600)
  nextResponseMinutes?: number | null;

  /** Working minutes to resolution. @example 480 */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(525600)
  resolutionMinutes: number;

  /** Statuses that stop the clock (resolved and closed always do). @example ["pending"] */
  @IsOptional()
  @IsArray()
  @IsIn(['new', 'open', 'pending', 'reopened'], { each: true })
  pauseStatuses?: string[];

  /** Escalation raises the ticket's priority one step when a target is about to breach. */
  @IsOptional()
  @IsBoolean()
  raisePriority?: boolean;

  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class UpdateSlaPolicyDto extends PartialType(CreateSlaPolicyDto) {
  @IsOptional()
  @IsInt()
  version?: number;
}

export class SlaPolicyResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;
  name: string;
  @ApiProperty({ enum: TICKET_PRIORITIES })
  priority: TicketPriority;
  @ApiProperty({ enum: ACCOUNT_LEVELS, nullable: true })
  accountLevel: AccountLevel | null;
  calendarId: string | null;
  firstResponseMinutes: number;
  nextResponseMinutes: number | null;
  resolutionMinutes: number;
  pauseStatuses: string[];
  raisePriority: boolean;
  active: boolean;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export class SlaPolicyList {
  @ApiProperty({ type: [SlaPolicyResponse] })
  data: SlaPolicyResponse[];
}

export class CreateTicketFormDto {
  /** @example 官网技术支持表单 */
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name: string;

  @ApiProperty({ format: 'uuid', required: false })
  @IsOptional()
  @IsUUID()
  teamId?: string | null;

  @ApiProperty({ enum: TICKET_TYPES, required: false })
  @IsOptional()
  @IsIn(TICKET_TYPES)
  type?: TicketType;

  @ApiProperty({ enum: TICKET_PRIORITIES, required: false })
  @IsOptional()
  @IsIn(TICKET_PRIORITIES)
  priority?: TicketPriority;

  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class TicketFormResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;
  name: string;
  keyPrefix: string;
  teamId: string | null;
  type: string;
  priority: string;
  active: boolean;
  version: number;
  createdAt: Date;
}

export class TicketFormWithKeyResponse extends TicketFormResponse {
  /** The form's key (X-Form-Key), shown only now. */
  key: string;
}

export class TicketFormPage {
  @ApiProperty({ type: [TicketFormResponse] })
  data: TicketFormResponse[];
  nextCursor: string | null;
  total: number;
  totalIsEstimate: boolean;
}

export class QueryTicketFormsDto extends ListQueryDto {}
