import { Module } from '@nestjs/common';
import { AccountsModule } from '@modules/accounts/accounts.module';
import { CampaignsModule } from '@modules/campaigns/campaigns.module';
import { ContactsModule } from '@modules/contacts/contacts.module';
import { LeadsModule } from '@modules/leads/leads.module';
import { SavedViewsModule } from '@modules/saved-views/saved-views.module';
import { TicketsModule } from '@modules/tickets/tickets.module';
import { EmailAccountsService } from './email-accounts.service';
import { EmailBroadcastsService } from './email-broadcasts.service';
import { EmailController } from './email.controller';
import { EmailDeliveryService } from './email-delivery.service';
import { EmailDemoSeeder } from './email.demo';
import { EmailInboundService } from './email-inbound.service';
import { EmailMessagesService } from './email-messages.service';
import { EmailPublicController } from './email-public.controller';
import { EmailRecipientsService } from './email-recipients.service';
import { EmailTemplatesService } from './email-templates.service';
import { EmailTrackingService } from './email-tracking.service';

/**
 * Email (邮件): mailboxes (SMTP via nodemailer, IMAP via imapflow, MIME via mailparser), templates, sending
 * through a pg-boss queue with retries, inbound polling with threading and bounce handling. Depends on
 * contacts, leads and accounts (addresses, matching senders), campaigns and saved views (audiences), tickets
 * (the service mailbox opens and answers tickets); nothing depends on it. Channel-agnostic rules
 * (templates, data scope, sealed credentials) live in core/messaging.
 */
@Module({
  imports: [AccountsModule, ContactsModule, LeadsModule, CampaignsModule, SavedViewsModule, TicketsModule],
  controllers: [EmailController, EmailPublicController],
  providers: [EmailAccountsService, EmailTemplatesService, EmailRecipientsService, EmailDeliveryService, EmailMessagesService, EmailInboundService, EmailTrackingService, EmailBroadcastsService, EmailDemoSeeder],
  exports: [EmailMessagesService],
})
export class EmailModule {}
