import { Module } from '@nestjs/common';
import { AccountsModule } from '@modules/accounts/accounts.module';
import { ContactsModule } from '@modules/contacts/contacts.module';
import { LeadsModule } from '@modules/leads/leads.module';
import { EmailAccountsService } from './email-accounts.service';
import { EmailController } from './email.controller';
import { EmailDeliveryService } from './email-delivery.service';
import { EmailInboundService } from './email-inbound.service';
import { EmailMessagesService } from './email-messages.service';
import { EmailRecipientsService } from './email-recipients.service';
import { EmailTemplatesService } from './email-templates.service';

/**
 * Email (邮件): mailboxes (SMTP via nodemailer, IMAP via imapflow, MIME via mailparser), templates, sending
 * through a pg-boss queue with retries, inbound polling with threading and bounce handling. Depends on
 * contacts, leads and accounts (addresses, matching senders); nothing depends on it. Channel-agnostic rules
 * (templates, data scope, sealed credentials) live in core/messaging.
 */
@Module({
  imports: [AccountsModule, ContactsModule, LeadsModule],
  controllers: [EmailController],
  providers: [EmailAccountsService, EmailTemplatesService, EmailRecipientsService, EmailDeliveryService, EmailMessagesService, EmailInboundService],
  exports: [EmailMessagesService],
})
export class EmailModule {}
