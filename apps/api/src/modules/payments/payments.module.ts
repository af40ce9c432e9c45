import { Module } from '@nestjs/common';
import { AccountsModule } from '@modules/accounts/accounts.module';
import { AdminModule } from '@modules/admin/admin.module';
import { ContractsModule } from '@modules/contracts/contracts.module';
import { CurrenciesModule } from '@modules/currencies/currencies.module';
import { TasksModule } from '@modules/tasks/tasks.module';
import { FinanceLedger } from './finance-ledger';
import { InvoicesService } from './invoices.service';
import { PaymentJobs } from './payment-jobs';
import { PaymentPlansService } from './payment-plans.service';
import {
  ContractFinanceController,
  InvoicesController,
  InvoiceTitlesController,
  PaymentPlansController,
  PaymentsController,
  ReceivablesController,
} from './payments.controller';
import { PaymentsDemoSeeder } from './payments.demo';
import { PaymentsService } from './payments.service';
import { ReceivablesService } from './receivables.service';

/**
 * Finance (issue 14): payment plans, payments, invoices and receivables of signed contracts. Depends on
 * contracts (facts and scope through ContractsService), currencies (conversion), tasks (overdue reminders).
 */
@Module({
  imports: [AdminModule, AccountsModule, ContractsModule, CurrenciesModule, TasksModule],
  controllers: [
    PaymentPlansController,
    ContractFinanceController,
    PaymentsController,
    InvoicesController,
    InvoiceTitlesController,
    ReceivablesController,
  ],
  providers: [
    FinanceLedger,
    PaymentPlansService,
    PaymentsService,
    InvoicesService,
    ReceivablesService,
    PaymentJobs,
    PaymentsDemoSeeder,
  ],
  exports: [PaymentsService],
})
export class PaymentsModule {}
