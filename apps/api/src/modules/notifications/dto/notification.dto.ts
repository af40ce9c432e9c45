import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsOptional } from 'class-validator';
import { ListQueryDto, ToBoolean } from '@core/http/list-query.dto';

export class QueryNotificationsDto extends ListQueryDto {
  /** Only unread notifications. */
  @IsOptional()
  @ToBoolean()
  @IsBoolean()
  unread?: boolean;
}

export class NotificationResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;
  /** The text's key; the SPA renders `notifications.kinds.<kind>` with `params`. @example pool.returned */
  kind: string;
  /** Values of the text (names, counts, dates), as stored. @example {"entityType":"lead","count":1,"names":["王先生"],"pool":"华东公海","since":"2026-10-31"} */
  @ApiProperty({ type: 'object', additionalProperties: true })
  params: Record<string, unknown>;
  /** The text rendered in the language of Accept-Language (zh-CN, else en-US). @example 已退回公海「华东公海」：王先生 */
  title: string;
  /** More detail, rendered like `title`. @example 1 条线索自 2026-10-31 起无跟进 */
  body: string | null;
  /** @example lead */
  entityType: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  entityId: string | null;
  readAt: Date | null;
  createdAt: Date;
}

export class NotificationPage {
  @ApiProperty({ type: [NotificationResponse] })
  data: NotificationResponse[];
  nextCursor: string | null;
  /** @example 3 */
  total: number;
  /** True when `total` is PostgreSQL's estimate (more than 1,000 matches), false when exact. @example false */
  totalIsEstimate: boolean;
  /** Unread notifications in all. @example 2 */
  unread: number;
}
