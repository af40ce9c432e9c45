import { Module } from '@nestjs/common';
import { ContactBulkService } from './contact-bulk.service';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountsModule } from '@modules/accounts/accounts.module';
import { AdminModule } from '@modules/admin/admin.module';
import { DedupeModule } from '@modules/dedupe/dedupe.module';
import { Contact } from './contact.entity';
import { ContactActivityListener } from './contact-activity.listener';
import { ContactAccountFollower } from './contact-account-follower.service';
import { ContactRecords } from './contact-records';
import { ContactsController } from './contacts.controller';
import { ContactsDemoSeeder } from './contacts.demo';
import { ContactsService } from './contacts.service';

/** Contacts (联系人): people at accounts, with dedupe, merge, one primary per account, masking and reveal. */
@Module({
  imports: [TypeOrmModule.forFeature([Contact]), AccountsModule, AdminModule, DedupeModule],
  controllers: [ContactsController],
  providers: [ContactBulkService, ContactRecords, ContactsService, ContactActivityListener, ContactAccountFollower, ContactsDemoSeeder],
  exports: [ContactsService],
})
export class ContactsModule {}
