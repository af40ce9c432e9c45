import { Inject, Injectable } from '@nestjs/common';
import type { ForecastCategory } from '@keyuan/shared';
import type { AuthUser } from '@core/auth/auth-user';
import type { ReportFilter } from '@core/access/report-filter';
import { APP_CONFIG, AppConfig } from '@core/config/app-config';
import { UsersService } from '@modules/admin/users/users.service';
import { DepartmentsService } from '@modules/admin/departments/departments.service';
import { CurrenciesService } from '@modules/currencies/currencies.service';
import { OpportunityReportsService } from '@modules/opportunities/opportunity-reports.service';
import { PaymentReportsService } from '@modules/payments/payment-reports.service';
import { ContractReportsService } from '@modules/contracts/contract-reports.service';
import { baseMoney } from './base-money';
import { forecastPeriods, ForecastGroup, monthsBetween, monthsFrom } from './forecast-categories';
import { addTo, type Exact, exact, money2 } from './exact-sums';
import { funnelSteps, ratio, winRate } from './funnel';
import { statisticalForecast } from './holt';
import { monthEnd, quarterOf, reportFilter, shiftMonth, todayIn } from './periods';
import { SalesTargetsService } from './sales-targets.service';
import { AnalyticsQueryDto, ForecastQueryDto, StatisticalForecastQueryDto } from './dto/analytics-query.dto';
import {
  AdjustmentDto,
  ForecastHolderDto,
  ForecastPeriodDto,
  ForecastResponse,
  FunnelResponse,
  RevenueResponse,
  StatisticalForecastResponse,
} from './dto/analytics-response.dto';

/** Funnel, forecast (categories, quota, adjustments, statistical) and revenue: computed live from the owners' aggregates. */
@Injectable()
export class SalesAnalyticsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly opportunities: OpportunityReportsService,
    private readonly payments: PaymentReportsService,
    private readonly contracts: ContractReportsService,
    private readonly currencies: CurrenciesService,
    private readonly targets: SalesTargetsService,
    private readonly users: UsersService,
    private readonly departments: DepartmentsService,
  ) {}

  today(): string {
    return todayIn(this.config.timezone);
  }

  filter(q: AnalyticsQueryDto): ReportFilter {
    return reportFilter(q, this.today());
  }

  async funnel(actor: AuthUser, q: AnalyticsQueryDto): Promise<FunnelResponse> {
    const f = this.filter(q);
    const data = await this.opportunities.funnel(actor, f);
    const money = await baseMoney(this.currencies, data.reach);
    const groups = data.reach.map((g) => ({ maxPosition: g.maxPosition, count: g.count, amount: money.exact(g.currency, g.date, g.amount) ?? 0 }));
    const steps = funnelSteps(data.stages, groups, new Map(data.medianSeconds.map((m) => [m.stageId, m.seconds])));
    const byId = new Map(data.stages.map((s) => [s.id, s]));
    return {
      baseCurrency: money.base,
      from: f.from,
      to: f.to,
      missingRates: money.missing,
      pipelineId: data.pipelineId,
      steps: steps.map((s) => ({ ...s, nameZh: byId.get(s.stageId)!.nameZh, nameEn: byId.get(s.stageId)!.nameEn, kind: byId.get(s.stageId)!.kind })),
      winRate: winRate(data.won, data.lost),
      won: data.won,
      lost: data.lost,
    };
  }

  /**
   * The next 6 months (or the 2 quarters they make) from `from` (default: this month): forecast categories
   * with weighted amounts, overall and per user and department, against the quota, with the latest adjusted
   * forecast of the filtered holder.
   */
  async forecast(actor: AuthUser, q: ForecastQueryDto): Promise<ForecastResponse> {
    const first = (q.from ?? this.today()).slice(0, 7);
    const months = monthsFrom(first, 6);
    const f: ReportFilter = { ...this.filter({ ...q, from: `${first}-01`, to: monthEnd(months[5]) }) };
    const interval = q.interval ?? 'month';
    const periodOf = (d: string) => (interval === 'quarter' ? quarterOf(d.slice(0, 7)) : d.slice(0, 7));
    const periods = [...new Set(months.map((m) => periodOf(m)))];
    const [rows, quotasByMonth, adjustments] = await Promise.all([
      this.opportunities.forecastGroups(actor, f),
      this.targets.quotas(actor, f),
      q.ownerId || q.departmentId ? this.targets.adjustments(actor, { userId: q.ownerId, departmentId: q.ownerId ? undefined : q.departmentId }) : Promise.resolve([] as AdjustmentDto[]),
    ]);
    const money = await baseMoney(this.currencies, rows);
    const groups = rows.map((r) => ({
      period: periodOf(r.date),
      stageKind: r.kind,
      stageCategory: r.category as ForecastCategory,
      count: r.count,
      amount: money.exact(r.currency, r.date, r.amount) ?? 0,
      weighted: money.exact(r.currency, r.date, r.weightedRaw) ?? 0,
      ownerId: r.ownerId,
      departmentId: r.departmentId,
    }));
    const quotas = new Map<string, number>();
    for (const [m, v] of quotasByMonth) quotas.set(periodOf(m), money2(exact(quotas.get(periodOf(m))).plus(v)));
    const latest = (period: string) => adjustments.find((a) => (interval === 'quarter' ? quarterOf(a.period) : a.period) === period) ?? null;
    const withAdjustments = (ps: ReturnType<typeof forecastPeriods>): ForecastPeriodDto[] => ps.map((p) => ({ ...p, adjustment: latest(p.period) }));
    const holders = async (key: 'ownerId' | 'departmentId', names: Map<string, string>): Promise<ForecastHolderDto[]> => {
      const ids = [...new Set(groups.map((g) => g[key]))];
      return ids.map((id) => ({
        id,
        name: id ? (names.get(id) ?? null) : null,
        periods: forecastPeriods(periods, groups.filter((g) => g[key] === id) as ForecastGroup[], new Map()).map((p) => ({ ...p, adjustment: null })),
      }));
    };
    const [userNames, deptNames] = await Promise.all([this.users.namesByIds(groups.map((g) => g.ownerId)), this.departments.namesByIds(groups.map((g) => g.departmentId))]);
    return {
      baseCurrency: money.base,
      from: f.from,
      to: f.to,
      missingRates: money.missing,
      interval,
      periods: withAdjustments(forecastPeriods(periods, groups, quotas)),
      byUser: await holders('ownerId', userNames),
      byDepartment: await holders('departmentId', deptNames),
    };
  }

  /**
   * Holt's linear trend on the monthly won amounts or payments of the 24 complete months before this one
   * (or before `to`'s month), forecasting the next 3; MAPE of one-step forecasts over the last 6 months.
   */
  async statistical(actor: AuthUser, q: StatisticalForecastQueryDto): Promise<StatisticalForecastResponse> {
    const series = q.series ?? 'payments';
    const current = (q.to ?? this.today()).slice(0, 7);
    const lastComplete = shiftMonth(current, -1);
    const months = monthsFrom(shiftMonth(lastComplete, -23), 24);
    const f: ReportFilter = { ...this.filter({ ...q, from: `${months[0]}-01`, to: monthEnd(lastComplete) }) };
    const rows = series === 'won' ? await this.opportunities.won(actor, f) : await this.payments.received(actor, f);
    const money = await baseMoney(this.currencies, rows);
    const byMonth = new Map<string, Exact>();
    for (const r of rows) addTo(byMonth, r.date.slice(0, 7), money.exact(r.currency, r.date, r.amount));
    const history = months.map((period) => ({ period, actual: money2(byMonth.get(period)) }));
    const result = statisticalForecast(history, monthsFrom(current, 3));
    const envelope = { baseCurrency: money.base, from: f.from, to: f.to, missingRates: money.missing, series, minimumMonths: 8 };
    if (result.status === 'insufficient_history') {
      return { ...envelope, status: result.status, method: null, alpha: null, beta: null, months: result.months, history: result.history, backtest: [], mape: null, forecast: [] };
    }
    return { ...envelope, ...result, months: result.history.length };
  }

  /** Won, contracted and received per month of the period against the quota. */
  async revenue(actor: AuthUser, q: AnalyticsQueryDto): Promise<RevenueResponse> {
    const f = this.filter(q);
    const [won, signed, received, quotas] = await Promise.all([
      this.opportunities.won(actor, f),
      this.contracts.signed(actor, f),
      this.payments.received(actor, f),
      this.targets.quotas(actor, f),
    ]);
    const money = await baseMoney(this.currencies, [...won, ...signed, ...received]);
    const sumBy = (rows: { currency: string; date: string; amount: string }[]) => {
      const out = new Map<string, Exact>();
      for (const r of rows) addTo(out, r.date.slice(0, 7), money.exact(r.currency, r.date, r.amount));
      return out;
    };
    const [w, c, p] = [sumBy(won), sumBy(signed), sumBy(received)];
    return {
      baseCurrency: money.base,
      from: f.from,
      to: f.to,
      missingRates: money.missing,
      months: monthsBetween(f.from, f.to).map((period) => {
        const target = quotas.get(period) ?? null;
        const wonAmount = money2(w.get(period));
        return {
          period,
          won: wonAmount,
          contracted: money2(c.get(period)),
          received: money2(p.get(period)),
          target,
          attainment: target ? ratio(wonAmount, target) : null,
        };
      }),
    };
  }
}
