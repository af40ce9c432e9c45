import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AdminModule } from '@modules/admin/admin.module';
import { NotificationsModule } from '@modules/notifications/notifications.module';
import { ApiKey } from './api-keys/api-key.entity';
import { ApiKeysController } from './api-keys/api-keys.controller';
import { ApiKeysService } from './api-keys/api-keys.service';
import { EventFeedService } from './events/event-feed.service';
import { EventsController } from './events/events.controller';
import { WebhookDelivery, WebhookSubscription } from './webhooks/webhook.entity';
import { WebhookDeliveryService } from './webhooks/webhook-delivery.service';
import { WebhooksController } from './webhooks/webhooks.controller';
import { WebhooksService } from './webhooks/webhooks.service';

/** Integrations (issue 17): API keys, webhooks from the outbox, the change feed. */
@Module({
  imports: [TypeOrmModule.forFeature([ApiKey, WebhookSubscription, WebhookDelivery]), AdminModule, NotificationsModule],
  controllers: [ApiKeysController, WebhooksController, EventsController],
  providers: [ApiKeysService, WebhooksService, WebhookDeliveryService, EventFeedService],
  exports: [ApiKeysService, WebhooksService],
})
export class IntegrationsModule {}
