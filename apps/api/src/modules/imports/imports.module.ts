import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountsModule } from '@modules/accounts/accounts.module';
import { ContactsModule } from '@modules/contacts/contacts.module';
import { DedupeModule } from '@modules/dedupe/dedupe.module';
import { LeadsModule } from '@modules/leads/leads.module';
import { Import } from './import.entity';
import { ImportFileStore } from './import-file.store';
import { ImportRunner } from './import-runner.service';
import { ImportTargets } from './import-targets';
import { ImportsController } from './imports.controller';
import { ImportsService } from './imports.service';

/** Bulk CSV/XLSX imports of leads, accounts and contacts, run as background jobs. */
@Module({
  imports: [TypeOrmModule.forFeature([Import]), LeadsModule, AccountsModule, ContactsModule, DedupeModule],
  controllers: [ImportsController],
  providers: [ImportsService, ImportRunner, ImportTargets, ImportFileStore],
  exports: [ImportsService],
})
export class ImportsModule {}
