import { ApiProperty, PartialType } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength, ValidateBy } from 'class-validator';
import { isWebhookEventType, OBJECT_EVENT_TYPE } from '@keyuan/shared';
import { ListQueryDto } from '@core/http/list-query.dto';
import { Trim } from '@core/http/validators';
import { WEBHOOK_EVENT_TYPES } from '../webhooks/webhook-events';

export class CreateWebhookDto {
  /** @example ERP 订单同步 */
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name: string;

  /** Where deliveries are POSTed (https in production; private addresses are refused at delivery). @example https://erp.example.com/hooks/keyuan */
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  url: string;

  /**
   * Event types to receive: the built-in ones, and a custom module's `obj.<key>.created|updated|deleted` (the
   * module must exist: 400 WEBHOOK_EVENT_UNKNOWN otherwise). @example ["lead.created","opportunity.won","obj.site_visit.created"]
   */
  @ApiProperty({ type: 'array', items: { type: 'string', anyOf: [{ enum: WEBHOOK_EVENT_TYPES }, { pattern: OBJECT_EVENT_TYPE.source }] } })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateBy({ name: 'matches', validator: { validate: (v) => isWebhookEventType(v), defaultMessage: () => 'each value in events must be a webhook event type' } }, { each: true })
  events: string[];
}

export class UpdateWebhookDto extends PartialType(CreateWebhookDto) {
  /** Switch deliveries on or off (switching on clears the reason it was disabled). @example true */
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;
}

export class QueryWebhooksDto extends ListQueryDto {}

export class QueryWebhookDeliveriesDto extends ListQueryDto {
  /** @example failed */
  @IsOptional()
  @IsIn(['pending', 'retrying', 'succeeded', 'failed'])
  status?: string;
}

export class WebhookResponse {
  /** @example 3c9e2d1a-7b6f-4e5d-8c4b-2a1f0e9d8c7b */
  id: string;
  /** @example ERP 订单同步 */
  name: string;
  /** @example https://erp.example.com/hooks/keyuan */
  url: string;
  /** @example ["lead.created"] */
  events: string[];
  /** @example true */
  enabled: boolean;
  /** gone (410), failing (3 days of failures) or manual. @example null */
  disabledReason: string | null;
  /** @example null */
  failingSince: Date | null;
  /** @example 2026-11-30T08:00:00.000Z */
  createdAt: Date;
  /** @example 1 */
  version: number;
}

export class WebhookWithSecretResponse extends WebhookResponse {
  /** The signing secret (Standard Webhooks `whsec_…`), shown at creation and rotation only. @example whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw */
  secret: string;
}

export class WebhookList {
  data: WebhookResponse[];
  /** @example null */
  nextCursor: string | null;
  /** @example 1 */
  total: number;
  /** @example false */
  totalIsEstimate: boolean;
}

export class WebhookDeliveryResponse {
  /** @example 9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a */
  id: string;
  /** The `webhook-id` header. @example 0b8a6f2e-1c3d-4e5f-9a7b-6c5d4e3f2a1b.lead.created */
  messageId: string;
  /** @example lead.created */
  eventType: string;
  /** @example 0b8a6f2e-1c3d-4e5f-9a7b-6c5d4e3f2a1b */
  entityId: string | null;
  /** pending, retrying, succeeded or failed. */
  @ApiProperty({ enum: ['pending', 'retrying', 'succeeded', 'failed'], example: 'succeeded' })
  status: string;
  /** @example 1 */
  attempts: number;
  /** HTTP status of the latest attempt. @example 200 */
  responseStatus: number | null;
  /** @example 42 */
  durationMs: number | null;
  /** The first 1 KB of the latest response. @example ok */
  responseBody: string | null;
  /** Why the latest attempt failed without a response (timeout, refused address...). @example null */
  error: string | null;
  /** @example 2026-11-30T08:05:00.000Z */
  nextAttemptAt: Date | null;
  /** The delivery this one replays. @example null */
  replayOf: string | null;
  /** @example 2026-11-30T08:00:00.000Z */
  createdAt: Date;
  /** @example 2026-11-30T08:00:00.100Z */
  deliveredAt: Date | null;
}

export class WebhookDeliveryList {
  data: WebhookDeliveryResponse[];
  /** @example null */
  nextCursor: string | null;
  /** @example 1 */
  total: number;
  /** @example false */
  totalIsEstimate: boolean;
}
