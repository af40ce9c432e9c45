import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '@core/auth/auth-user';
import { CurrentUser, IfMatchVersion, RequirePermission } from '@core/auth/decorators';
import { ApiProblems } from '@core/http/api-problems';
import {
  CreateWebhookDto,
  QueryWebhookDeliveriesDto,
  QueryWebhooksDto,
  UpdateWebhookDto,
  WebhookDeliveryList,
  WebhookDeliveryResponse,
  WebhookList,
  WebhookResponse,
  WebhookWithSecretResponse,
} from '../dto/webhook.dto';
import { WebhooksService } from './webhooks.service';

@ApiTags('webhooks')
@ApiBearerAuth()
@Controller('webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  /** List webhook subscriptions */
  @Get()
  @RequirePermission('integrations', 'read')
  @ApiProblems(400, 401, 403)
  list(@CurrentUser() user: AuthUser, @Query() query: QueryWebhooksDto): Promise<WebhookList> {
    return this.webhooks.list(user, query);
  }

  /** Subscribe a URL to event types; the answer holds the signing secret (whsec_…), shown this once */
  @Post()
  @RequirePermission('integrations', 'create')
  @ApiProblems(400, 401, 403)
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateWebhookDto): Promise<WebhookWithSecretResponse> {
    return this.webhooks.create(user, dto);
  }

  /** Get a webhook subscription */
  @Get(':id')
  @RequirePermission('integrations', 'read')
  @ApiProblems(401, 403, 404)
  get(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<WebhookResponse> {
    return this.webhooks.get(user, id);
  }

  /** Change a subscription's name, URL or events, or switch it on or off */
  @Patch(':id')
  @RequirePermission('integrations', 'update')
  @ApiProblems(400, 401, 403, 404, 412)
  update(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateWebhookDto, @IfMatchVersion() ifMatch?: number): Promise<WebhookResponse> {
    return this.webhooks.update(user, id, dto, ifMatch);
  }

  /** Delete a subscription (its pending deliveries are not sent) */
  @Delete(':id')
  @HttpCode(204)
  @RequirePermission('integrations', 'delete')
  @ApiProblems(401, 403, 404)
  remove(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    return this.webhooks.remove(user, id);
  }

  /** Rotate the signing secret: the old one keeps signing for 24 h (two signatures per delivery meanwhile) */
  @Post(':id/rotate-secret')
  @HttpCode(200)
  @RequirePermission('integrations', 'update')
  @ApiProblems(401, 403, 404)
  rotate(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<WebhookWithSecretResponse> {
    return this.webhooks.rotateSecret(user, id);
  }

  /** Deliveries of a subscription, newest first: status, response code, duration and the first 1 KB of the answer */
  @Get(':id/deliveries')
  @RequirePermission('integrations', 'read')
  @ApiProblems(400, 401, 403, 404)
  deliveries(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Query() query: QueryWebhookDeliveriesDto): Promise<WebhookDeliveryList> {
    return this.webhooks.deliveries(user, id, query);
  }

  /** Send a delivery again (a new delivery with the same webhook-id) */
  @Post(':id/deliveries/:deliveryId/replay')
  @HttpCode(201)
  @RequirePermission('integrations', 'update')
  @ApiProblems(401, 403, 404, 409)
  replay(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('deliveryId', ParseUUIDPipe) deliveryId: string,
  ): Promise<WebhookDeliveryResponse> {
    return this.webhooks.replay(user, id, deliveryId);
  }
}
