import { ApiProperty } from '@nestjs/swagger';

/** A (currency, day) without an exchange rate: its amounts are left out of the totals. */
export class MissingRateDto {
  /** @example USD */
  currency: string;
  /** @example "2026-11-30" */
  date: string;
}

/**
 * Figures in the base currency; amounts are JSON numbers rounded half-up to cents once, after an exact decimal
 * sum (SQL `numeric` per currency and day, converted and added with decimal.js): never float sums.
 */
export class AnalyticsEnvelope {
  /** @example CNY */
  baseCurrency: string;
  /** @example "2026-01-01" */
  from: string;
  /** @example "2026-11-30" */
  to: string;
  @ApiProperty({ type: [MissingRateDto] })
  missingRates: MissingRateDto[];
}

export class FunnelStepDto {
  stageId: string;
  /** @example 商机确认 */
  nameZh: string;
  /** @example Qualification */
  nameEn: string;
  @ApiProperty({ enum: ['open', 'won'] })
  kind: string;
  /** Opportunities created in the period that reached this stage or a later one. @example 12 */
  count: number;
  /** @example 120000 */
  @ApiProperty({ type: 'number', format: 'double' })
  amount: number;
  /** This step's count over the previous step's (0..1). @example 0.5 */
  @ApiProperty({ type: 'number', format: 'double', nullable: true })
  conversionRate: number | null;
  /** Median days spent in the stage by those that left it. @example 3.5 */
  @ApiProperty({ type: 'number', format: 'double', nullable: true })
  medianDays: number | null;
}

export class FunnelResponse extends AnalyticsEnvelope {
  pipelineId: string | null;
  @ApiProperty({ type: [FunnelStepDto] })
  steps: FunnelStepDto[];
  /** Won over won + lost of the cohort. @example 0.25 */
  @ApiProperty({ type: 'number', format: 'double', nullable: true })
  winRate: number | null;
  /** @example 3 */
  @ApiProperty({ type: 'number', format: 'double' })
  won: number;
  /** @example 9 */
  lost: number;
}

export class CategoryTotalsDto {
  /** @example 2 */
  count: number;
  /** @example 10000 */
  @ApiProperty({ type: 'number', format: 'double' })
  amount: number;
  /** Σ amount × probability (won at 100 %). @example 2500 */
  @ApiProperty({ type: 'number', format: 'double' })
  weighted: number;
}

export class ForecastCategoriesDto {
  closed: CategoryTotalsDto;
  commit: CategoryTotalsDto;
  best_case: CategoryTotalsDto;
  pipeline: CategoryTotalsDto;
  omitted: CategoryTotalsDto;
}

export class AdjustmentDto {
  id: string;
  /** @example "2026-12" */
  period: string;
  userId: string | null;
  departmentId: string | null;
  /** @example 150000 */
  @ApiProperty({ type: 'number', format: 'double' })
  amount: number;
  /** @example 大客户预计月底签约 */
  note: string | null;
  createdById: string;
  /** @example "Li Lei" */
  createdByName: string | null;
  createdAt: Date;
}

export class ForecastPeriodDto {
  /** `YYYY-MM` or `YYYY-Qn`. @example "2026-12" */
  period: string;
  categories: ForecastCategoriesDto;
  /** @example 80000 */
  @ApiProperty({ type: 'number', format: 'double' })
  weighted: number;
  /** The period's sales target (users' plus departments' in scope, or the filtered holder's). @example 100000 */
  @ApiProperty({ type: 'number', format: 'double', nullable: true })
  quota: number | null;
  /** closed / quota. @example 0.3 */
  @ApiProperty({ type: 'number', format: 'double', nullable: true })
  attainment: number | null;
  /** quota − closed. @example 70000 */
  @ApiProperty({ type: 'number', format: 'double', nullable: true })
  gap: number | null;
  /** The latest adjusted forecast recorded for the filtered team or rep. */
  adjustment: AdjustmentDto | null;
}

export class ForecastHolderDto {
  /** A user id or department id. */
  id: string | null;
  /** @example Li Lei */
  name: string | null;
  @ApiProperty({ type: [ForecastPeriodDto] })
  periods: ForecastPeriodDto[];
}

export class ForecastResponse extends AnalyticsEnvelope {
  @ApiProperty({ enum: ['month', 'quarter'] })
  interval: string;
  @ApiProperty({ type: [ForecastPeriodDto] })
  periods: ForecastPeriodDto[];
  @ApiProperty({ type: [ForecastHolderDto] })
  byUser: ForecastHolderDto[];
  @ApiProperty({ type: [ForecastHolderDto] })
  byDepartment: ForecastHolderDto[];
}

export class SeriesPointDto {
  /** @example "2026-10" */
  period: string;
  /** @example 120000 */
  @ApiProperty({ type: 'number', format: 'double' })
  actual: number;
}

export class BacktestPointDto {
  /** @example "2026-10" */
  period: string;
  /** @example 120000 */
  @ApiProperty({ type: 'number', format: 'double' })
  actual: number;
  /** Forecast one month ahead from the months before only. @example 110000 */
  @ApiProperty({ type: 'number', format: 'double' })
  forecast: number;
}

export class ForecastPointDto {
  /** @example "2026-12" */
  period: string;
  /** @example 130000 */
  @ApiProperty({ type: 'number', format: 'double' })
  value: number;
  /** @example 100000 */
  @ApiProperty({ type: 'number', format: 'double' })
  low: number;
  /** @example 160000 */
  @ApiProperty({ type: 'number', format: 'double' })
  high: number;
}

export class StatisticalForecastResponse extends AnalyticsEnvelope {
  @ApiProperty({ enum: ['won', 'payments'] })
  series: string;
  @ApiProperty({ enum: ['ok', 'insufficient_history'] })
  status: string;
  /** @example holt-linear */
  method: string | null;
  /** @example 0.5 */
  @ApiProperty({ type: 'number', format: 'double', nullable: true })
  alpha: number | null;
  /** @example 0.3 */
  @ApiProperty({ type: 'number', format: 'double', nullable: true })
  beta: number | null;
  /** Months of history from the first month with any amount. @example 14 */
  months: number;
  /** @example 8 */
  minimumMonths: number;
  @ApiProperty({ type: [SeriesPointDto] })
  history: SeriesPointDto[];
  @ApiProperty({ type: [BacktestPointDto] })
  backtest: BacktestPointDto[];
  /** Mean absolute percentage error of the backtest, in percent. @example 12.5 */
  @ApiProperty({ type: 'number', format: 'double', nullable: true })
  mape: number | null;
  @ApiProperty({ type: [ForecastPointDto] })
  forecast: ForecastPointDto[];
}

export class RevenueMonthDto {
  /** @example "2026-11" */
  period: string;
  /** @example 300000 */
  @ApiProperty({ type: 'number', format: 'double' })
  won: number;
  /** @example 250000 */
  @ApiProperty({ type: 'number', format: 'double' })
  contracted: number;
  /** @example 180000 */
  @ApiProperty({ type: 'number', format: 'double' })
  received: number;
  /** @example 400000 */
  @ApiProperty({ type: 'number', format: 'double', nullable: true })
  target: number | null;
  /** won / target. @example 0.75 */
  @ApiProperty({ type: 'number', format: 'double', nullable: true })
  attainment: number | null;
}

export class RevenueResponse extends AnalyticsEnvelope {
  @ApiProperty({ type: [RevenueMonthDto] })
  months: RevenueMonthDto[];
}

export class LeaderboardRowDto {
  userId: string | null;
  /** @example Li Lei */
  name: string | null;
  /** @example 300000 */
  @ApiProperty({ type: 'number', format: 'double' })
  wonAmount: number;
  /** @example 3 */
  wonCount: number;
  /** @example 12 */
  newOpportunities: number;
  /** @example 40 */
  activities: number;
  /** @example 30 */
  leads: number;
  /** Won opportunities converted from a lead over the leads created in the period. @example 0.1 */
  @ApiProperty({ type: 'number', format: 'double', nullable: true })
  leadToWin: number | null;
}

export class LeaderboardResponse extends AnalyticsEnvelope {
  @ApiProperty({ type: [LeaderboardRowDto] })
  rows: LeaderboardRowDto[];
}

export class LeadSourceRowDto {
  /** The source code or the campaign id. @example web */
  key: string | null;
  /** The campaign's name (campaign rows). @example 双十一促销 */
  name: string | null;
  /** @example 30 */
  leads: number;
  /** @example 6 */
  converted: number;
  /** @example 120000 */
  @ApiProperty({ type: 'number', format: 'double' })
  wonAmount: number;
  /** Actual cost (campaigns). @example 3000 */
  @ApiProperty({ type: 'number', format: 'double', nullable: true })
  cost: number | null;
  /** cost / leads. @example 100 */
  @ApiProperty({ type: 'number', format: 'double', nullable: true })
  costPerLead: number | null;
}

export class LeadSourcesResponse extends AnalyticsEnvelope {
  @ApiProperty({ type: [LeadSourceRowDto] })
  bySource: LeadSourceRowDto[];
  @ApiProperty({ type: [LeadSourceRowDto] })
  byCampaign: LeadSourceRowDto[];
}

export class AgingBucketDto {
  @ApiProperty({ enum: ['current', 'd1_30', 'd31_60', 'd61_90', 'd90_plus'] })
  bucket: string;
  /** @example 2 */
  count: number;
  /** @example 12000 */
  @ApiProperty({ type: 'number', format: 'double' })
  amount: number;
}

export class OverduePointDto {
  /** Month end. @example "2026-10-31" */
  date: string;
  /** @example 5000 */
  @ApiProperty({ type: 'number', format: 'double' })
  amount: number;
  /** @example 2 */
  count: number;
}

export class ReceivablesAnalyticsResponse extends AnalyticsEnvelope {
  /** Aging as of `to`. */
  @ApiProperty({ type: [AgingBucketDto] })
  aging: AgingBucketDto[];
  /** Overdue outstanding at each month end of the period. */
  @ApiProperty({ type: [OverduePointDto] })
  overdueTrend: OverduePointDto[];
}

export class ServiceWeekDto {
  /** Monday of the week. @example "2026-11-23" */
  week: string;
  /** @example 12 */
  opened: number;
  /** @example 10 */
  resolved: number;
}

export class ServiceQualityDto {
  /** Team id or ticket type (null: all). @example fault */
  key: string | null;
  /** @example 一线支持 */
  name: string | null;
  /** @example 40 */
  opened: number;
  /** @example 35 */
  resolved: number;
  /** Resolved tickets under an SLA policy. @example 30 */
  slaTracked: number;
  /** @example 27 */
  slaMet: number;
  /** slaMet / slaTracked in percent. @example 90 */
  @ApiProperty({ type: 'number', format: 'double', nullable: true })
  slaCompliance: number | null;
  /** @example 1.5 */
  @ApiProperty({ type: 'number', format: 'double', nullable: true })
  medianFirstResponseHours: number | null;
  /** @example 20.25 */
  @ApiProperty({ type: 'number', format: 'double', nullable: true })
  medianResolutionHours: number | null;
  /** @example 4.2 */
  @ApiProperty({ type: 'number', format: 'double', nullable: true })
  csatAverage: number | null;
  /** Ratings 1..5 counts. @example [0, 1, 2, 5, 10] */
  csatDistribution: number[];
}

export class ServiceAnalyticsResponse extends AnalyticsEnvelope {
  @ApiProperty({ type: [ServiceWeekDto] })
  weeks: ServiceWeekDto[];
  overall: ServiceQualityDto;
  @ApiProperty({ type: [ServiceQualityDto] })
  byTeam: ServiceQualityDto[];
  @ApiProperty({ type: [ServiceQualityDto] })
  byType: ServiceQualityDto[];
}

export class RfmRowDto {
  accountId: string;
  /** @example 上海云启科技有限公司 */
  name: string;
  /** The account's level now. @example B */
  level: string | null;
  /** @example 12 */
  recencyDays: number;
  /** Contracts signed plus payments received in the period. @example 4 */
  frequency: number;
  /** Payments received in the period. @example 90000 */
  @ApiProperty({ type: 'number', format: 'double' })
  monetary: number;
  /** @example 4 */
  r: number;
  /** @example 3 */
  f: number;
  /** @example 5 */
  m: number;
  @ApiProperty({ enum: ['A', 'B', 'C', 'D'] })
  grade: string;
}

export class ChurnRiskDto {
  accountId: string;
  /** @example 深圳海纳百川贸易有限公司 */
  name: string;
  ownerId: string | null;
  lastActivityAt: Date | null;
  /** Days without a follow-up (null when followed up lately). @example 75 */
  idleDays: number | null;
  /** @example 2 */
  overdueInstallments: number;
  /** @example 1 */
  openComplaints: number;
  /** @example ["idle", "overdue", "complaints"] */
  reasons: string[];
}

export class CustomerValueResponse extends AnalyticsEnvelope {
  /** At most `limit` graded accounts, grade A first and by monetary value; an even sample of them when there are more. */
  @ApiProperty({ type: [RfmRowDto] })
  accounts: RfmRowDto[];
  /** Every graded account in scope (`accounts` may hold a sample of them). @example 1250 */
  accountsTotal: number;
  /** Accounts per grade. @example { "A": 1, "B": 2, "C": 0, "D": 3 } */
  grades: Record<string, number>;
  @ApiProperty({ type: [ChurnRiskDto] })
  churnRisk: ChurnRiskDto[];
}

export class ApplyGradesResponse {
  /** Accounts whose level changed. @example 3 */
  updated: number;
  /** Accounts already at their grade or skipped. @example 2 */
  unchanged: number;
}
