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
  /** @example pool.returned */
  kind: string;
  /** @example 线索已退回公海 Lead returned to the pool */
  title: string;
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
