import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { FieldChangeDto } from '@core/audit/dto/audit-log.dto';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

export class QueryEventsDto {
  /** The `nextCursor` of the previous page; none: from the oldest event kept (7 days). @example MTIzNDU6Njc4 */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  after?: string;

  /** Comma-separated event types (as webhooks name them, custom modules' as `obj.<key>.created`); none: every type. @example lead.created,opportunity.won */
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @Matches(/^(obj\.[a-z][a-z0-9_]*|[a-z_]+)\.[a-z_]+(,(obj\.[a-z][a-z0-9_]*|[a-z_]+)\.[a-z_]+)*$/, { message: 'types must look like "lead.created,opportunity.won"' })
  types?: string;

  /** Events scanned per page (1..500). @example 100 */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

export class FeedEventData {
  /** The record's id. @example 0b8a6f2e-1c3d-4e5f-9a7b-6c5d4e3f2a1b */
  id: string;
  /** The record kind. @example lead */
  object: string;
  /** The outbox event id. @example 7f2c1e0d-9b8a-4c7d-8e6f-5a4b3c2d1e0f */
  eventId: string;
  /** The audited action behind it. @example update */
  action: string;
  /** @example 2d3c4b5a-6e7f-4a8b-9c0d-1e2f3a4b5c6d */
  actorId: string | null;
  /** Changed fields with old and new values (updates only). */
  @ApiProperty({ type: [FieldChangeDto] })
  changes: FieldChangeDto[];
}

export class FeedEvent {
  /** The event id (webhooks' `webhook-id` is `<id>.<type>`). @example 7f2c1e0d-9b8a-4c7d-8e6f-5a4b3c2d1e0f */
  id: string;
  /** Every type this event stands for, the first being the record's created / updated / deleted. @example ["opportunity.updated","opportunity.won"] */
  types: string[];
  /** When the change was made. @example 2026-11-30T08:00:00.000Z */
  timestamp: string;
  data: FeedEventData;
}

export class EventFeedPage {
  data: FeedEvent[];
  /** Pass as `after` for the next page; also when `data` is empty (poll again later with it). @example MTIzNDU6Njc4 */
  nextCursor: string;
  /** More events are ready now. @example false */
  hasMore: boolean;
}
