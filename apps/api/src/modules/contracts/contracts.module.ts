import { DomainEvents } from '@core/events/domain-events';
import { followMerges } from '@core/events/follow-merges';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountsModule } from '@modules/accounts/accounts.module';
import { AdminModule } from '@modules/admin/admin.module';
import { ApprovalsModule } from '@modules/automation/approvals/approvals.module';
import { OpportunitiesModule } from '@modules/opportunities/opportunities.module';
import { CurrenciesModule } from '@modules/currencies/currencies.module';
import { ProductsModule } from '@modules/products/products.module';
import { QuotesModule } from '@modules/quotes/quotes.module';
import { TasksModule } from '@modules/tasks/tasks.module';
import { ContractAttachments } from './contract-attachments.service';
import { ContractJobs } from './contract-jobs';
import { ContractLine } from './contract-line.entity';
import { ContractLines } from './contract-lines';
import { ContractRecords } from './contract-records';
import { ContractTransitions } from './contract-transitions.service';
import { Contract } from './contract.entity';
import { ContractsController, QuoteContractController } from './contracts.controller';
import { ContractsDemoSeeder } from './contracts.demo';
import { ContractsService } from './contracts.service';

/**
 * Contracts (合同) of an account, made from an accepted quote or entered: numbered, computed like quotes,
 * approved through the approval engine, signed (`contract.signed`), expired and renewed by a daily job,
 * with attachments (core/files).
 */
@Module({
  imports: [TypeOrmModule.forFeature([Contract, ContractLine]), AdminModule, AccountsModule, OpportunitiesModule, ProductsModule, QuotesModule, TasksModule, ApprovalsModule, CurrenciesModule],
  controllers: [ContractsController, QuoteContractController],
  providers: [ContractRecords, ContractLines, ContractsService, ContractTransitions, ContractJobs, ContractAttachments, ContractsDemoSeeder],
  exports: [ContractsService],
})
export class ContractsModule {
  constructor(events: DomainEvents) {
    // merged accounts (and contacts) keep their contracts: the references move to the survivor
    followMerges(events, 'contracts', { 'account.merged': 'account_id' });
  }
}
