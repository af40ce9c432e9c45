import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@core/config/app-config';
import { JobsService } from '@core/jobs/jobs.service';
import { businessDate } from '@core/util/business-date';
import { ContractTransitions } from './contract-transitions.service';

export const CONTRACT_DAILY_JOB = 'contracts.daily';

/**
 * Every night at 00:20 (business time zone): active contracts past their end date expire, and those ending
 * within CONTRACT_RENEWAL_DAYS get a renewal task for their owner (once). `data.today` overrides the date (tests).
 */
@Injectable()
export class ContractJobs implements OnModuleInit {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly jobs: JobsService,
    private readonly transitions: ContractTransitions,
  ) {}

  onModuleInit(): void {
    this.jobs.register(CONTRACT_DAILY_JOB, async (data) => {
      const today = typeof data.today === 'string' ? data.today : businessDate(new Date(), this.config.timezone);
      await this.transitions.daily(today);
    }, '20 0 * * *');
  }
}
