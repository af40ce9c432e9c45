import { Injectable, OnModuleInit } from '@nestjs/common';
import { JobsService } from '@core/jobs/jobs.service';
import { FinanceLedger } from './finance-ledger';
import { PaymentPlansService } from './payment-plans.service';

export const PAYMENTS_DAILY_JOB = 'payments.daily';

/** Every night at 00:30 (business time zone): installments past due become overdue, each with one reminder task. `data.today` overrides the date (tests). */
@Injectable()
export class PaymentJobs implements OnModuleInit {
  constructor(
    private readonly jobs: JobsService,
    private readonly plans: PaymentPlansService,
    private readonly ledger: FinanceLedger,
  ) {}

  onModuleInit(): void {
    this.jobs.register(
      PAYMENTS_DAILY_JOB,
      async (data) => {
        await this.plans.daily(typeof data.today === 'string' ? data.today : this.ledger.today());
      },
      '30 0 * * *',
    );
  }
}
