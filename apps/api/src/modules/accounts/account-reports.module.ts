import { Module } from '@nestjs/common';
import { AccountReportsService } from './account-reports.service';

/** The accounts' reporting queries for analytics (read only; grades are written through AccountsService). */
@Module({ providers: [AccountReportsService], exports: [AccountReportsService] })
export class AccountReportsModule {}
