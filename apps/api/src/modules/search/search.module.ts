import { Module } from '@nestjs/common';
import { AccountsModule } from '@modules/accounts/accounts.module';
import { ContactsModule } from '@modules/contacts/contacts.module';
import { LeadsModule } from '@modules/leads/leads.module';
import { ObjectsModule } from '@modules/objects/objects.module';
import { SearchController } from './search.controller';

/** One search box over the customer records and custom modules' records: each module searches its own, within the user's scope. */
@Module({ imports: [LeadsModule, AccountsModule, ContactsModule, ObjectsModule], controllers: [SearchController] })
export class SearchModule {}
