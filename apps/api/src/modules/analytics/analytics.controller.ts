import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '@core/auth/auth-user';
import { CurrentUser, RequirePermission } from '@core/auth/decorators';
import { ApiProblems } from '@core/http/api-problems';
import { AnalyticsCache } from './analytics-cache';
import { DEFAULT_RFM_ACCOUNTS, evenSample } from './rfm';
import { FinanceAnalyticsService } from './finance-analytics.service';
import { SalesAnalyticsService } from './sales-analytics.service';
import { SalesTargetsService } from './sales-targets.service';
import { ServiceAnalyticsService } from './service-analytics.service';
import { TeamAnalyticsService } from './team-analytics.service';
import { AnalyticsQueryDto, ApplyGradesDto, CustomerValueQueryDto, CustomerValueReportQueryDto, ForecastQueryDto, StatisticalForecastQueryDto } from './dto/analytics-query.dto';
import {
  AdjustmentDto,
  ApplyGradesResponse,
  CustomerValueResponse,
  ForecastResponse,
  FunnelResponse,
  LeaderboardResponse,
  LeadSourcesResponse,
  ReceivablesAnalyticsResponse,
  RevenueResponse,
  ServiceAnalyticsResponse,
  StatisticalForecastResponse,
} from './dto/analytics-response.dto';
import { CreateForecastAdjustmentDto, ForecastAdjustmentList, QueryForecastAdjustmentsDto } from './dto/sales-target.dto';

/** Read-only figures in your analytics data scope, money in the base currency at each record's day rate. */
@ApiTags('analytics')
@ApiBearerAuth()
@Controller('analytics')
export class AnalyticsController {
  constructor(
    private readonly sales: SalesAnalyticsService,
    private readonly team: TeamAnalyticsService,
    private readonly finance: FinanceAnalyticsService,
    private readonly serviceQuality: ServiceAnalyticsService,
    private readonly targets: SalesTargetsService,
    private readonly cache: AnalyticsCache,
  ) {}

  /** Funnel of the opportunities created in the period: reached per stage, conversion, median days in stage, win rate */
  @Get('funnel')
  @RequirePermission('analytics', 'read')
  @ApiProblems(400, 401, 403)
  funnel(@CurrentUser() user: AuthUser, @Query() q: AnalyticsQueryDto): Promise<FunnelResponse> {
    return this.cache.get('funnel', user, q, () => this.sales.funnel(user, q));
  }

  /** Forecast categories and weighted amounts for the next 6 months by expected close, per user and department, against quota */
  @Get('forecast')
  @RequirePermission('analytics', 'read')
  @ApiProblems(400, 401, 403)
  forecast(@CurrentUser() user: AuthUser, @Query() q: ForecastQueryDto): Promise<ForecastResponse> {
    return this.cache.get('forecast', user, q, () => this.sales.forecast(user, q));
  }

  /** Statistical revenue forecast for the next 3 months (Holt's linear trend) with its backtest MAPE, or "insufficient history" */
  @Get('forecast/statistical')
  @RequirePermission('analytics', 'read')
  @ApiProblems(400, 401, 403)
  statistical(@CurrentUser() user: AuthUser, @Query() q: StatisticalForecastQueryDto): Promise<StatisticalForecastResponse> {
    return this.cache.get('statistical', user, q, () => this.sales.statistical(user, q));
  }

  /** The adjusted forecasts recorded (newest first; the latest per holder and month counts) */
  @Get('forecast/adjustments')
  @RequirePermission('analytics', 'read')
  @ApiProblems(400, 401, 403)
  async adjustments(@CurrentUser() user: AuthUser, @Query() q: QueryForecastAdjustmentsDto): Promise<ForecastAdjustmentList> {
    return { data: await this.targets.adjustments(user, q) };
  }

  /** Record an adjusted forecast for a team or rep and month (kept with its history) */
  @Post('forecast/adjustments')
  @RequirePermission('analytics', 'update')
  @ApiProblems(400, 401, 403)
  adjust(@CurrentUser() user: AuthUser, @Body() dto: CreateForecastAdjustmentDto): Promise<AdjustmentDto> {
    return this.targets.adjust(user, dto);
  }

  /** Won, contracted and received per month against the sales targets */
  @Get('revenue')
  @RequirePermission('analytics', 'read')
  @ApiProblems(400, 401, 403)
  revenue(@CurrentUser() user: AuthUser, @Query() q: AnalyticsQueryDto): Promise<RevenueResponse> {
    return this.cache.get('revenue', user, q, () => this.sales.revenue(user, q));
  }

  /** Per rep: won amount, new opportunities, activities, lead-to-win conversion */
  @Get('leaderboard')
  @RequirePermission('analytics', 'read')
  @ApiProblems(400, 401, 403)
  leaderboard(@CurrentUser() user: AuthUser, @Query() q: AnalyticsQueryDto): Promise<LeaderboardResponse> {
    return this.cache.get('leaderboard', user, q, () => this.team.leaderboard(user, q));
  }

  /** Leads, converted, won amount and cost per lead by source and by campaign */
  @Get('lead-sources')
  @RequirePermission('analytics', 'read')
  @ApiProblems(400, 401, 403)
  leadSources(@CurrentUser() user: AuthUser, @Query() q: AnalyticsQueryDto): Promise<LeadSourcesResponse> {
    return this.cache.get('lead-sources', user, q, () => this.team.leadSources(user, q));
  }

  /** Receivables aging buckets on the last day and the overdue trend per month end */
  @Get('receivables')
  @RequirePermission('analytics', 'read')
  @ApiProblems(400, 401, 403)
  receivables(@CurrentUser() user: AuthUser, @Query() q: AnalyticsQueryDto): Promise<ReceivablesAnalyticsResponse> {
    return this.cache.get('receivables', user, q, () => this.finance.receivables(user, q));
  }

  /** Tickets per week, SLA compliance, median first response and resolution, CSAT — overall, by team and by type */
  @Get('service')
  @RequirePermission('analytics', 'read')
  @ApiProblems(400, 401, 403)
  service(@CurrentUser() user: AuthUser, @Query() q: AnalyticsQueryDto): Promise<ServiceAnalyticsResponse> {
    return this.cache.get('service', user, q, () => this.serviceQuality.service(user, q));
  }

  /** Each account's recency, frequency and monetary value with its A–D grade, and the churn risk list */
  @Get('customer-value')
  @RequirePermission('analytics', 'read')
  @ApiProblems(400, 401, 403)
  async customerValue(@CurrentUser() user: AuthUser, @Query() q: CustomerValueQueryDto): Promise<CustomerValueResponse> {
    // one computation (and cache entry) per period and scope whatever the limit; the answer carries a sample of it
    const { limit, ...report } = q;
    const full = await this.cache.get('customer-value', user, report, () => this.finance.customerValue(user, report));
    return { ...full, accounts: evenSample(full.accounts, limit ?? DEFAULT_RFM_ACCOUNTS) };
  }

  /** Write the RFM grades to the accounts' level (needs accounts update on each account; audited) */
  @Post('customer-value/apply-grades')
  @HttpCode(200)
  // one permission per handler (a second decorator would replace the first): analytics:read is checked in the service
  @RequirePermission('accounts', 'update')
  @ApiProblems(400, 401, 403, 404)
  applyGrades(@CurrentUser() user: AuthUser, @Query() q: CustomerValueReportQueryDto, @Body() dto: ApplyGradesDto): Promise<ApplyGradesResponse> {
    return this.finance.applyGrades(user, q, dto);
  }
}
