import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountsModule } from '@modules/accounts/accounts.module';
import { AdminModule } from '@modules/admin/admin.module';
import { ContractsModule } from '@modules/contracts/contracts.module';
import { OpportunitiesModule } from '@modules/opportunities/opportunities.module';
import { TicketsModule } from '@modules/tickets/tickets.module';
import { DocumentLinksService } from './document-links.service';
import { DocumentStore } from './document-store';
import { DocumentTrashService } from './document-trash.service';
import { DocumentVersionsService } from './document-versions.service';
import { DocumentItem, DocumentVersion } from './document.entity';
import { DocumentsController } from './documents.controller';
import { DocumentsDemo } from './documents.demo';
import { DocumentsService } from './documents.service';

/**
 * The network drive (我的文档): folders and files with sharing, versions, links to records and a trash.
 * Bytes go through the core file storage; records' visibility is asked of their modules.
 */
@Module({
  imports: [TypeOrmModule.forFeature([DocumentItem, DocumentVersion]), AdminModule, AccountsModule, OpportunitiesModule, ContractsModule, TicketsModule],
  controllers: [DocumentsController],
  providers: [DocumentStore, DocumentsService, DocumentVersionsService, DocumentLinksService, DocumentTrashService, DocumentsDemo],
  exports: [DocumentsService],
})
export class DocumentsModule {}
