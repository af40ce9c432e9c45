import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { TypeOrmModule } from '@nestjs/typeorm';
import { diskStorage } from 'multer';
import { tmpdir } from 'node:os';
import { APP_CONFIG, AppConfig } from '@core/config/app-config';
import { AccountsModule } from '@modules/accounts/accounts.module';
import { ContactsModule } from '@modules/contacts/contacts.module';
import { DedupeModule } from '@modules/dedupe/dedupe.module';
import { LeadsModule } from '@modules/leads/leads.module';
import { ObjectsModule } from '@modules/objects/objects.module';
import { ProductsModule } from '@modules/products/products.module';
import { Import } from './import.entity';
import { ImportFileStore } from './import-file.store';
import { ImportRunner } from './import-runner.service';
import { ImportTargets } from './import-targets';
import { ImportsController } from './imports.controller';
import { ImportsService } from './imports.service';

/** Bulk CSV/XLSX imports of leads, accounts, contacts, products and custom modules' records, run as background jobs. */
@Module({
  imports: [
    TypeOrmModule.forFeature([Import]),
    // uploads stream to a temporary file (stored in the database, then removed), one file of at most IMPORT_MAX_BYTES
    MulterModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({ storage: diskStorage({ destination: tmpdir() }), limits: { fileSize: config.importMaxBytes, files: 1 } }),
    }),
    LeadsModule, AccountsModule, ContactsModule, ProductsModule, ObjectsModule,
    DedupeModule,
  ],
  controllers: [ImportsController],
  providers: [ImportsService, ImportRunner, ImportTargets, ImportFileStore],
  exports: [ImportsService],
})
export class ImportsModule {}
