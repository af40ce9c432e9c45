import { Module } from '@nestjs/common';
import { AccountsModule } from '@modules/accounts/accounts.module';
import { CampaignsModule } from '@modules/campaigns/campaigns.module';
import { ContactsModule } from '@modules/contacts/contacts.module';
import { LeadsModule } from '@modules/leads/leads.module';
import { SavedViewsModule } from '@modules/saved-views/saved-views.module';
import { SmsBroadcastsService } from './sms-broadcasts.service';
import { SmsController } from './sms.controller';
import { SmsDemoSeeder } from './sms.demo';
import { SmsDeliveryService } from './sms-delivery.service';
import { SmsInboxService } from './sms-inbox.service';
import { SmsMessagesService } from './sms-messages.service';
import { SmsReceiptsService } from './sms-receipts.service';
import { SmsSettingsService } from './sms-settings.service';
import { SmsTemplatesService } from './sms-templates.service';
import { SmsWebhooksController } from './sms-webhooks.controller';
import { SmsWebhooksService } from './sms-webhooks.service';

/**
 * SMS (短信): providers (log, Twilio, Aliyun), templates, single, scheduled and broadcast sending, receipts,
 * the inbox and opt-outs. Depends on contacts, accounts and leads (recipients, matching by phone), campaigns
 * and saved views (audiences); nothing depends on it. Channel-agnostic rules live in core/messaging.
 */
@Module({
  imports: [AccountsModule, ContactsModule, LeadsModule, CampaignsModule, SavedViewsModule],
  controllers: [SmsController, SmsWebhooksController],
  providers: [
    SmsSettingsService,
    SmsTemplatesService,
    SmsReceiptsService,
    SmsDeliveryService,
    SmsMessagesService,
    SmsInboxService,
    SmsBroadcastsService,
    SmsWebhooksService,
    SmsDemoSeeder,
  ],
  exports: [SmsMessagesService],
})
export class SmsModule {}
