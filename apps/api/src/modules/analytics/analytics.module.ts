import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AdminModule } from '@modules/admin/admin.module';
import { AccountsModule } from '@modules/accounts/accounts.module';
import { AccountReportsModule } from '@modules/accounts/account-reports.module';
import { ActivityReportsModule } from '@modules/activities/activity-reports.module';
import { CampaignReportsModule } from '@modules/campaigns/campaign-reports.module';
import { ContractReportsModule } from '@modules/contracts/contract-reports.module';
import { CurrenciesModule } from '@modules/currencies/currencies.module';
import { LeadReportsModule } from '@modules/leads/lead-reports.module';
import { OpportunityReportsModule } from '@modules/opportunities/opportunity-reports.module';
import { PaymentReportsModule } from '@modules/payments/payment-reports.module';
import { TicketReportsModule } from '@modules/tickets/ticket-reports.module';
import { AnalyticsCache } from './analytics-cache';
import { AnalyticsController } from './analytics.controller';
import { FinanceAnalyticsService } from './finance-analytics.service';
import { ForecastAdjustment, SalesTarget } from './sales-target.entity';
import { SalesAnalyticsService } from './sales-analytics.service';
import { SalesTargetsController } from './sales-targets.controller';
import { SalesTargetsService } from './sales-targets.service';
import { ServiceAnalyticsService } from './service-analytics.service';
import { TeamAnalyticsService } from './team-analytics.service';

/**
 * Analytics (issue 19): read-only figures computed live from each owning module's reporting service (SQL
 * aggregates there, under the caller's analytics scope), converted to the base currency here; sales targets
 * and adjusted forecasts are its own tables. Nothing depends on it.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([SalesTarget, ForecastAdjustment]),
    AdminModule,
    AccountsModule,
    CurrenciesModule,
    AccountReportsModule,
    ActivityReportsModule,
    CampaignReportsModule,
    ContractReportsModule,
    LeadReportsModule,
    OpportunityReportsModule,
    PaymentReportsModule,
    TicketReportsModule,
  ],
  controllers: [AnalyticsController, SalesTargetsController],
  providers: [AnalyticsCache, SalesTargetsService, SalesAnalyticsService, TeamAnalyticsService, FinanceAnalyticsService, ServiceAnalyticsService],
})
export class AnalyticsModule {}
