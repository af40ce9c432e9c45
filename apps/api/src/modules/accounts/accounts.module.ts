import { Module } from '@nestjs/common';
import { AccountBulkService } from './account-bulk.service';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AdminModule } from '@modules/admin/admin.module';
import { DedupeModule } from '@modules/dedupe/dedupe.module';
import { PoolsModule } from '@modules/pools/pools.module';
import { ApprovalsModule } from '@modules/automation/approvals/approvals.module';
import { AccountApprovals } from './account-approvals';
import { Account } from './account.entity';
import { AccountActivityListener } from './account-activity.listener';
import { AccountRecords } from './account-records';
import { AccountPoolKind } from './account-pool-kind';
import { AccountsController } from './accounts.controller';
import { AccountsDemoSeeder } from './accounts.demo';
import { AccountsService } from './accounts.service';
import { AccountAutomationKind } from './account-automation-kind';
import { PoolAccountsController } from './pool-accounts.controller';

/** Accounts (客户): CRUD, dedupe, merge, masking and reveal, pools (claim/release/return). */
@Module({
  imports: [TypeOrmModule.forFeature([Account]), AdminModule, DedupeModule, PoolsModule, ApprovalsModule],
  controllers: [AccountsController, PoolAccountsController],
  providers: [AccountBulkService, AccountRecords, AccountsService, AccountApprovals, AccountAutomationKind, AccountActivityListener, AccountPoolKind, AccountsDemoSeeder],
  exports: [AccountsService],
})
export class AccountsModule {}
