import { DomainEvents } from '@core/events/domain-events';
import { followMerges } from '@core/events/follow-merges';
import { CurrenciesModule } from '@modules/currencies/currencies.module';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountsModule } from '@modules/accounts/accounts.module';
import { AdminModule } from '@modules/admin/admin.module';
import { ApprovalsModule } from '@modules/automation/approvals/approvals.module';
import { ContactsModule } from '@modules/contacts/contacts.module';
import { OpportunitiesModule } from '@modules/opportunities/opportunities.module';
import { ProductsModule } from '@modules/products/products.module';
import { SettingsModule } from '@modules/settings/settings.module';
import { QuoteExpiry } from './quote-expiry';
import { QuoteLines } from './quote-lines';
import { QuoteLine } from './quote-line.entity';
import { QuotePdfService } from './quote-pdf.service';
import { QuoteRecords } from './quote-records';
import { QuoteTransitions } from './quote-transitions.service';
import { Quote } from './quote.entity';
import { QuotesController } from './quotes.controller';
import { QuotesDemoSeeder } from './quotes.demo';
import { QuotesService } from './quotes.service';

/** Quotes (报价) of an account, optionally for one of its opportunities: numbered, computed server-side, approved through the approval engine, revised, expired, printed as PDF. */
@Module({
  imports: [TypeOrmModule.forFeature([Quote, QuoteLine]), AdminModule, AccountsModule, ContactsModule, OpportunitiesModule, ProductsModule, ApprovalsModule, CurrenciesModule, SettingsModule],
  controllers: [QuotesController],
  providers: [QuoteRecords, QuoteLines, QuotesService, QuoteTransitions, QuoteExpiry, QuotePdfService, QuotesDemoSeeder],
  exports: [QuotesService],
})
export class QuotesModule {
  constructor(events: DomainEvents) {
    // merged accounts (and contacts) keep their quotes: the references move to the survivor
    followMerges(events, 'quotes', { 'account.merged': 'account_id', 'contact.merged': 'contact_id' });
  }
}
