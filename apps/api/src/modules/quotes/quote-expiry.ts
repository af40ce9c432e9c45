import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@core/config/app-config';
import { JobsService } from '@core/jobs/jobs.service';
import { businessDate } from '@core/util/business-date';
import { QuoteTransitions } from './quote-transitions.service';

export const QUOTE_EXPIRY_JOB = 'quotes.expire';

/** Every night at 00:10 (business time zone) sent quotes past `validUntil` expire. `data.today` overrides the date (tests). */
@Injectable()
export class QuoteExpiry implements OnModuleInit {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly jobs: JobsService,
    private readonly transitions: QuoteTransitions,
  ) {}

  onModuleInit(): void {
    this.jobs.register(QUOTE_EXPIRY_JOB, async (data) => {
      const today = typeof data.today === 'string' ? data.today : businessDate(new Date(), this.config.timezone);
      await this.transitions.expireStale(today);
    }, '10 0 * * *');
  }
}
