import { CustomValuesInput, CustomValuesOutput } from '@core/custom-fields/custom-values.decorators';
import { ApiProperty, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsEmail, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import {
  TICKET_CHANNELS,
  TICKET_PRIORITIES,
  TICKET_QUEUES,
  TICKET_STATUSES,
  TICKET_TYPES,
  type TicketChannel,
  type TicketPriority,
  type TicketQueue,
  type TicketStatus,
  type TicketType,
} from '@keyuan/shared';
import { IsDateOnly, IsDateTime, Trim } from '@core/http/validators';
import { RECORD_ACTIONS, type RecordAction } from '@core/records/record-kind';
import { RecordListQueryDto } from '@core/records/record-list-query.dto';

export class CreateTicketDto {
  /** @example 打印模块导出 PDF 乱码 */
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  subject: string;

  /** What the customer reported. @example 导出的报价单中文显示为方块 */
  @IsOptional()
  @IsString()
  @MaxLength(20000)
  description?: string | null;

  @ApiProperty({ enum: TICKET_TYPES, required: false, example: 'fault' })
  @IsOptional()
  @IsIn(TICKET_TYPES)
  type?: TicketType;

  @ApiProperty({ enum: TICKET_CHANNELS, required: false, example: 'phone' })
  @IsOptional()
  @IsIn(TICKET_CHANNELS)
  channel?: TicketChannel;

  @ApiProperty({ enum: TICKET_PRIORITIES, required: false, example: 'high' })
  @IsOptional()
  @IsIn(TICKET_PRIORITIES)
  priority?: TicketPriority;

  @ApiProperty({ format: 'uuid', required: false })
  @IsOptional()
  @IsUUID()
  accountId?: string | null;

  @ApiProperty({ format: 'uuid', required: false })
  @IsOptional()
  @IsUUID()
  contactId?: string | null;

  @ApiProperty({ format: 'uuid', required: false })
  @IsOptional()
  @IsUUID()
  productId?: string | null;

  @ApiProperty({ format: 'uuid', required: false })
  @IsOptional()
  @IsUUID()
  contractId?: string | null;

  /** The warranty record (serial number) the ticket is about. */
  @ApiProperty({ format: 'uuid', required: false })
  @IsOptional()
  @IsUUID()
  serviceRecordId?: string | null;

  /** The team; without an assignee the ticket goes to its least-loaded active agent (round-robin). */
  @ApiProperty({ format: 'uuid', required: false })
  @IsOptional()
  @IsUUID()
  teamId?: string | null;

  /** The agent; default: round-robin in the team, or you without a team. */
  @ApiProperty({ format: 'uuid', required: false })
  @IsOptional()
  @IsUUID()
  assigneeId?: string | null;

  /** @example ["导出","PDF"] */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(30, { each: true })
  tags?: string[];

  /** @example 王小明 */
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(100)
  requesterName?: string | null;

  /** Where public replies go. @example wang@example.com */
  @IsOptional()
  @IsEmail()
  @MaxLength(200)
  requesterEmail?: string | null;

  /** @example "+8613812345678" */
  @IsOptional()
  @IsString()
  @MaxLength(40)
  requesterPhone?: string | null;

  /** When the request arrived (a call logged afterwards); default now. The SLA clocks start here. @example 2026-10-09T09:00:00+08:00 */
  @IsOptional()
  @IsDateTime()
  openedAt?: string;

  @CustomValuesInput('tickets')
  custom?: Record<string, unknown>;
}

export class UpdateTicketDto extends PartialType(CreateTicketDto) {
  /** Expected version (or If-Match). */
  @IsOptional()
  @IsInt()
  version?: number;
}

export class TicketStatusDto {
  @ApiProperty({ enum: TICKET_STATUSES, example: 'resolved' })
  @IsIn(TICKET_STATUSES)
  status: TicketStatus;

  @IsOptional()
  @IsInt()
  version?: number;
}

export class AssignTicketDto {
  /** The new assignee (an active user; a member of the ticket's team when it has one). */
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  assigneeId: string;
}

export class CreateTicketCommentDto {
  /** @example 您好，已定位到字体问题，今天内修复。 */
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(20000)
  body: string;

  /** `public`: a reply the customer sees (the first one records the first response); `internal`: a note. */
  @ApiProperty({ enum: ['public', 'internal'], example: 'public' })
  @IsIn(['public', 'internal'])
  visibility: 'public' | 'internal';
}

export class QueryTicketsDto extends RecordListQueryDto {
  /** Searches the number, subject and requester. @example T20261009 */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  override q?: string = undefined;

  /**
   * A queue: `mine` (assigned to you), `team` (your teams' tickets), `unassigned`, `breaching` (a target due
   * within TICKET_SLA_WARN_MINUTES), `breached`. Queues show active tickets only (new, open, pending, reopened).
   */
  @ApiProperty({ enum: TICKET_QUEUES, required: false })
  @IsOptional()
  @IsIn(TICKET_QUEUES)
  queue?: TicketQueue;

  @ApiProperty({ enum: TICKET_STATUSES, required: false })
  @IsOptional()
  @IsIn(TICKET_STATUSES)
  status?: TicketStatus;

  @ApiProperty({ enum: TICKET_PRIORITIES, required: false })
  @IsOptional()
  @IsIn(TICKET_PRIORITIES)
  priority?: TicketPriority;

  @ApiProperty({ enum: TICKET_TYPES, required: false })
  @IsOptional()
  @IsIn(TICKET_TYPES)
  type?: TicketType;

  @ApiProperty({ enum: TICKET_CHANNELS, required: false })
  @IsOptional()
  @IsIn(TICKET_CHANNELS)
  channel?: TicketChannel;

  @IsOptional()
  @IsUUID()
  accountId?: string;

  @IsOptional()
  @IsUUID()
  teamId?: string;

  /** Assignee. */
  @IsOptional()
  @IsUUID()
  ownerId?: string;

  @IsOptional()
  @IsUUID()
  serviceRecordId?: string;

  @IsOptional()
  @IsUUID()
  parentTicketId?: string;

  @IsOptional()
  @IsDateTime()
  createdAtFrom?: string;

  @IsOptional()
  @IsDateTime()
  createdAtTo?: string;

  /** Opened on or after this day (`YYYY-MM-DD`, in the configured time zone): the service figures' period. @example 2026-11-01 */
  @IsOptional()
  @IsDateOnly()
  openedDateFrom?: string;

  /** Opened on or before this day (`YYYY-MM-DD`, in the configured time zone). @example 2026-11-30 */
  @IsOptional()
  @IsDateOnly()
  openedDateTo?: string;

  /**
   * The SLA outcome the service figures count: resolved tickets under a policy that `met` every target or
   * `missed` one (first response or resolution breached). Any status, unlike the `breached` queue.
   */
  @ApiProperty({ enum: ['met', 'missed'], required: false })
  @IsOptional()
  @IsIn(['met', 'missed'])
  slaOutcome?: 'met' | 'missed';
}

export class ExportTicketsDto extends QueryTicketsDto {
  @ApiProperty({ enum: ['csv', 'xlsx'], required: false })
  @IsOptional()
  @IsIn(['csv', 'xlsx'])
  format?: string;

  @ApiProperty({ enum: ['zh-CN', 'en-US'], required: false })
  @IsOptional()
  @IsIn(['zh-CN', 'en-US'])
  lang?: string;
}

export class TicketSummaryResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;
  /** @example T20261009-0001 */
  number: string;
  subject: string;
  @ApiProperty({ enum: TICKET_TYPES })
  type: TicketType;
  @ApiProperty({ enum: TICKET_CHANNELS })
  channel: TicketChannel;
  @ApiProperty({ enum: TICKET_PRIORITIES })
  priority: TicketPriority;
  @ApiProperty({ enum: TICKET_STATUSES })
  status: TicketStatus;
  /** Statuses the ticket may move to now. */
  @ApiProperty({ enum: TICKET_STATUSES, isArray: true })
  allowedStatuses: TicketStatus[];
  accountId: string | null;
  accountName: string | null;
  contactId: string | null;
  contactName: string | null;
  teamId: string | null;
  teamName: string | null;
  assigneeId: string | null;
  assigneeName: string | null;
  departmentId: string | null;
  tags: string[];
  requesterName: string | null;
  openedAt: Date;
  firstRespondedAt: Date | null;
  firstResponseDueAt: Date | null;
  nextResponseDueAt: Date | null;
  resolutionDueAt: Date | null;
  firstResponseBreached: boolean;
  nextResponseBreached: boolean;
  resolutionBreached: boolean;
  /** The earliest due time still running (null: paused or nothing owed). */
  slaNextDueAt: Date | null;
  /** Whether the SLA clock stands still now (a pausing status). */
  slaPaused: boolean;
  slaBreached: boolean;
  resolvedAt: Date | null;
  closedAt: Date | null;
  surveyRating: number | null;
  @ApiProperty({ enum: RECORD_ACTIONS, isArray: true })
  actions: RecordAction[];
  version: number;
  createdAt: Date;
  updatedAt: Date;

  @CustomValuesOutput('tickets')
  custom?: Record<string, unknown>;
}

export class TicketCommentResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ enum: ['public', 'internal'] })
  visibility: 'public' | 'internal';
  fromCustomer: boolean;
  authorId: string | null;
  authorName: string | null;
  body: string;
  createdAt: Date;
}

export class TicketWarrantyResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;
  serialNumber: string;
  productName: string | null;
  /** @example 2027-03-31 */
  warrantyEnd: string | null;
  /** Null when the record has no warranty end. */
  underWarranty: boolean | null;
}

export class TicketResponse extends TicketSummaryResponse {
  description: string | null;
  productId: string | null;
  productName: string | null;
  contractId: string | null;
  contractTitle: string | null;
  serviceRecordId: string | null;
  warranty: TicketWarrantyResponse | null;
  requesterEmail: string | null;
  requesterPhone: string | null;
  /** The customer's token for `POST /public/tickets/{token}/replies` (put it in reply links). */
  publicToken: string;
  parentTicketId: string | null;
  parentTicketNumber: string | null;
  slaPolicyId: string | null;
  slaPolicyName: string | null;
  /** Spans the clock stood still. */
  pauses: { from: string; to: string | null }[];
  /** The survey link's token once resolved (the customer opens `/survey/{token}`). */
  surveyToken: string | null;
  surveyComment: string | null;
  surveyedAt: Date | null;
  /** Published knowledge-base articles matching the subject (at most 5), for the agent to read or link in a reply. */
  @ApiProperty({ type: 'array', items: { type: 'object', required: ['id', 'title', 'visibility'], properties: { id: { type: 'string', format: 'uuid' }, title: { type: 'string' }, visibility: { type: 'string', enum: ['internal', 'public'] } } } })
  suggestedArticles: { id: string; title: string; visibility: 'internal' | 'public' }[];
}

export class TicketPage {
  @ApiProperty({ type: [TicketSummaryResponse] })
  data: TicketSummaryResponse[];
  nextCursor: string | null;
  total: number;
  totalIsEstimate: boolean;
}

export class TicketCommentList {
  @ApiProperty({ type: [TicketCommentResponse] })
  data: TicketCommentResponse[];
}

// ---- public (no login) ----

export class PublicTicketDto {
  /** @example 无法登录 */
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  subject: string;

  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(20000)
  description: string;

  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name: string;

  @IsOptional()
  @IsEmail()
  @MaxLength(200)
  email?: string;

  @IsOptional()
  @IsString()
  @MaxLength(40)
  phone?: string;

  /** Honeypot: left empty by people; a filled one is accepted and dropped. */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  website?: string;
}

export class PublicTicketAccepted {
  /** @example T20261009-0004 */
  number: string;
  /** The token for follow-up replies. */
  token: string;
}

export class PublicReplyDto {
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(20000)
  body: string;
}

export class PublicReplyResponse {
  /** `replied`: added to the ticket; `reopened`: the resolved ticket is open again; `created`: a new ticket linked to the old one. */
  @ApiProperty({ enum: ['replied', 'reopened', 'created'] })
  outcome: 'replied' | 'reopened' | 'created';
  number: string;
  token: string;
}

export class SurveyResponse {
  number: string;
  subject: string;
  answered: boolean;
  rating: number | null;
  comment: string | null;
}

export class AnswerSurveyDto {
  /** 1 (poor) to 5 (excellent). @example 5 */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(5)
  rating: number;

  @IsOptional()
  @IsString()
  @MaxLength(1000)
  comment?: string;
}
