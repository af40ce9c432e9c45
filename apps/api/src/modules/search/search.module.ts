import { Module } from '@nestjs/common';
import { AccountsModule } from '@modules/accounts/accounts.module';
import { ContactsModule } from '@modules/contacts/contacts.module';
import { LeadsModule } from '@modules/leads/leads.module';
import { SearchController } from './search.controller';

/** One search box over the customer records: each module searches its own, within the user's scope. */
@Module({ imports: [LeadsModule, AccountsModule, ContactsModule], controllers: [SearchController] })
export class SearchModule {}
