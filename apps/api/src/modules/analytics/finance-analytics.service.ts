import { Injectable } from '@nestjs/common';
import type { AuthUser } from '@core/auth/auth-user';
import { CurrenciesService } from '@modules/currencies/currencies.service';
import { AccountsService } from '@modules/accounts/accounts.service';
import { AccountReportsService } from '@modules/accounts/account-reports.service';
import { can, type AccountLevel } from '@keyuan/shared';
import { forbidden } from '@core/http/domain-error';
import type { UpdateAccountDto } from '@modules/accounts/dto/account.dto';
import { AGING_BUCKETS, PaymentReportsService } from '@modules/payments/payment-reports.service';
import { ContractReportsService } from '@modules/contracts/contract-reports.service';
import { TicketReportsService } from '@modules/tickets/ticket-reports.service';
import { AnalyticsCache } from './analytics-cache';
import { baseMoney } from './base-money';
import { monthsBetween } from './forecast-categories';
import { type Exact, money2, sumExact, ZERO } from './exact-sums';
import { rfmScores } from './rfm';
import { monthEnd } from './periods';
import { SalesAnalyticsService } from './sales-analytics.service';
import { AnalyticsQueryDto, ApplyGradesDto, CustomerValueReportQueryDto } from './dto/analytics-query.dto';
import { ApplyGradesResponse, ChurnRiskDto, CustomerValueResponse, ReceivablesAnalyticsResponse } from './dto/analytics-response.dto';

const DAY = 86400000;

/** Receivables aging and trend; customer value (RFM grades, churn risk) with the grade written back to the account's level. */
@Injectable()
export class FinanceAnalyticsService {
  constructor(
    private readonly sales: SalesAnalyticsService,
    private readonly payments: PaymentReportsService,
    private readonly contracts: ContractReportsService,
    private readonly tickets: TicketReportsService,
    private readonly accountReports: AccountReportsService,
    private readonly accounts: AccountsService,
    private readonly currencies: CurrenciesService,
    private readonly cache: AnalyticsCache,
  ) {}

  /** Aging of what is outstanding on `to`, and the overdue outstanding at each month end of the period (the last one: `to`). */
  async receivables(actor: AuthUser, q: AnalyticsQueryDto): Promise<ReceivablesAnalyticsResponse> {
    const f = this.sales.filter(q);
    const ends = monthsBetween(f.from, f.to).map((m) => (monthEnd(m) > f.to ? f.to : monthEnd(m)));
    const [aging, trend] = await Promise.all([this.payments.aging(actor, f, f.to), this.payments.overdueAt(actor, f, ends)]);
    const money = await baseMoney(this.currencies, [...aging, ...trend]);
    return {
      baseCurrency: money.base,
      from: f.from,
      to: f.to,
      missingRates: money.missing,
      aging: AGING_BUCKETS.map((bucket) => {
        const rows = aging.filter((a) => a.bucket === bucket);
        return { bucket, count: rows.reduce((n, r) => n + r.count, 0), amount: money2(sumExact(rows.map((r) => money.exact(r.currency, r.date, r.amount)))) };
      }),
      overdueTrend: ends.map((date) => {
        const rows = trend.filter((t) => t.end === date);
        return { date, count: rows.reduce((n, r) => n + r.count, 0), amount: money2(sumExact(rows.map((r) => money.exact(r.currency, r.date, r.amount)))) };
      }),
    };
  }

  /**
   * RFM over the period from contracts signed and payments received (recency: days from the latest of either
   * to `to`; frequency: contracts + payments; monetary: payments in the base currency), graded A–D; and the
   * churn risk list: accounts idle for `idleDays`, with overdue installments or open complaints.
   */
  async customerValue(actor: AuthUser, q: CustomerValueReportQueryDto): Promise<CustomerValueResponse> {
    const f = this.sales.filter(q);
    const idleDays = q.idleDays ?? 60;
    const [pays, signed, overdue, complaints, idle] = await Promise.all([
      this.payments.byAccount(actor, f),
      this.contracts.signed(actor, f),
      this.payments.overdueAccounts(actor, f, f.to),
      this.tickets.openComplaints(actor, f),
      this.accountReports.idle(actor, f, idleDays, 200),
    ]);
    const money = await baseMoney(this.currencies, pays);
    const acc = new Map<string, { last: string; frequency: number; monetary: Exact }>();
    const at = (id: string) => {
      if (!acc.has(id)) acc.set(id, { last: '0000-00-00', frequency: 0, monetary: ZERO });
      return acc.get(id)!;
    };
    for (const p of pays) {
      const a = at(p.accountId);
      a.last = p.date > a.last ? p.date : a.last;
      a.frequency += p.count;
      a.monetary = a.monetary.plus(money.exact(p.currency, p.date, p.amount) ?? 0);
    }
    for (const c of signed) {
      const a = at(c.accountId);
      a.last = c.date > a.last ? c.date : a.last;
      a.frequency += c.count;
    }
    const riskIds = [...new Set([...overdue.map((o) => o.accountId), ...complaints.map((c) => c.accountId)])];
    const briefs = await this.accountReports.briefs(actor, {}, [...new Set([...acc.keys(), ...riskIds])]);
    const byId = new Map(briefs.map((b) => [b.id, b]));
    const scored = rfmScores(
      [...acc.entries()]
        .filter(([id]) => byId.has(id))
        .map(([accountId, a]) => ({ accountId, recencyDays: Math.round((Date.parse(f.to) - Date.parse(a.last)) / DAY), frequency: a.frequency, monetary: money2(a.monetary) })),
    );
    const grades: Record<string, number> = { A: 0, B: 0, C: 0, D: 0 };
    for (const s of scored) grades[s.grade] += 1;
    const risk = new Map<string, ChurnRiskDto>();
    const riskOf = (id: string) => {
      const b = byId.get(id)!;
      if (!risk.has(id)) risk.set(id, { accountId: id, name: b.name, ownerId: b.ownerId, lastActivityAt: b.lastActivityAt ? new Date(b.lastActivityAt) : null, idleDays: null, overdueInstallments: 0, openComplaints: 0, reasons: [] });
      return risk.get(id)!;
    };
    for (const i of idle) {
      byId.set(i.id, i);
      const r = riskOf(i.id);
      r.idleDays = i.lastActivityAt ? Math.floor((Date.now() - Date.parse(i.lastActivityAt)) / DAY) : null;
      r.reasons.push('idle');
    }
    for (const o of overdue.filter((x) => byId.has(x.accountId))) {
      const r = riskOf(o.accountId);
      r.overdueInstallments = o.installments;
      r.reasons.push('overdue');
    }
    for (const c of complaints.filter((x) => byId.has(x.accountId))) {
      const r = riskOf(c.accountId);
      r.openComplaints = c.count;
      r.reasons.push('complaints');
    }
    return {
      baseCurrency: money.base,
      from: f.from,
      to: f.to,
      missingRates: money.missing,
      accounts: scored
        .map((s) => ({ ...s, name: byId.get(s.accountId)!.name, level: byId.get(s.accountId)!.level }))
        .sort((a, b) => a.grade.localeCompare(b.grade) || b.monetary - a.monetary),
      accountsTotal: scored.length,
      grades,
      churnRisk: [...risk.values()].sort((a, b) => b.reasons.length - a.reasons.length || b.overdueInstallments - a.overdueInstallments).slice(0, 200),
    };
  }

  /** Writes each graded account's grade to its level through AccountsService (audited; the caller's accounts scope and update right apply); computed live, not from the cache. */
  async applyGrades(actor: AuthUser, q: CustomerValueReportQueryDto, dto: ApplyGradesDto): Promise<ApplyGradesResponse> {
    // the route requires accounts:update; the grades are analytics figures, so analytics:read too
    if (!can(actor.grants, 'analytics', 'read')) throw forbidden('analytics:read');
    const value = await this.customerValue(actor, q);
    const only = dto.accountIds ? new Set(dto.accountIds) : null;
    let updated = 0;
    let unchanged = 0;
    for (const a of value.accounts) {
      if (only && !only.has(a.accountId)) continue;
      if (a.level === a.grade || (dto.overwrite === false && a.level !== null)) {
        unchanged += 1;
        continue;
      }
      await this.accounts.update(actor, a.accountId, { level: a.grade as AccountLevel } satisfies UpdateAccountDto);
      updated += 1;
    }
    // the accounts' levels shown beside the grades changed: the next report reads them again
    if (updated) this.cache.clear();
    return { updated, unchanged };
  }
}
