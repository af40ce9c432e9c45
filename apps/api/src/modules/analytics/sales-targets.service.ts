import Decimal from 'decimal.js';
import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '@core/audit/audit.service';
import type { AuthUser } from '@core/auth/auth-user';
import { andAll, departmentWithinScope, namedQuery, ReportFilter, reportScope } from '@core/access/report-filter';
import { RecordStore } from '@core/crud/record-store';
import { ListSpec } from '@core/http/keyset';
import { badRequest, conflict, DomainError } from '@core/http/domain-error';
import { UsersService } from '@modules/admin/users/users.service';
import { CurrenciesService } from '@modules/currencies/currencies.service';
import { OpportunityReportsService } from '@modules/opportunities/opportunity-reports.service';
import { AnalyticsCache } from './analytics-cache';
import { AnalyticsErrorCode } from './analytics.errors';
import { baseMoney } from './base-money';
import { exact, sumExact } from './exact-sums';
import { monthEnd } from './periods';
import { ForecastAdjustment, SalesTarget } from './sales-target.entity';
import { AdjustmentDto } from './dto/analytics-response.dto';
import {
  CreateForecastAdjustmentDto,
  CreateSalesTargetDto,
  QueryForecastAdjustmentsDto,
  QuerySalesTargetsDto,
  SalesTargetPage,
  SalesTargetResponse,
  UpdateSalesTargetDto,
} from './dto/sales-target.dto';

const SPEC: ListSpec = {
  sortable: {
    period: { column: 'st.period', value: (t: SalesTarget) => t.period },
    amount: { column: 'st.amount', value: (t: SalesTarget) => t.amount },
    createdAt: { column: 'st.created_at', value: (t: SalesTarget) => t.createdAt },
  },
  defaultSort: '-period',
  filters: { period: 'st.period', userId: 'st.user_id', departmentId: 'st.department_id' },
  ranges: { period: 'st.period' },
  idColumn: 'st.id',
};

/**
 * Sales targets (per user or department and month, in the base currency) with their attainment, and the
 * managers' adjusted forecasts (append-only history). Scope: the analytics grant over the target's user and
 * department; a target or adjustment may only be set for a user or department inside it (403).
 */
@Injectable()
export class SalesTargetsService {
  private readonly store: RecordStore<SalesTarget>;

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    audit: AuditService,
    private readonly users: UsersService,
    private readonly currencies: CurrenciesService,
    private readonly opportunities: OpportunityReportsService,
    private readonly cache: AnalyticsCache,
  ) {
    this.store = new RecordStore(ds, audit, SalesTarget, { entityType: 'sales_target', module: 'analytics', alias: 'st', scope: { owner: 'st.user_id', department: 'st.department_id' } });
  }

  async list(actor: AuthUser, query: QuerySalesTargetsDto): Promise<SalesTargetPage> {
    const page = await this.store.list(actor, query, SPEC);
    return { ...page, data: await this.toResponses(actor, page.data) };
  }

  async get(actor: AuthUser, id: string): Promise<SalesTargetResponse> {
    return (await this.toResponses(actor, [await this.store.get(actor, id)]))[0];
  }

  async create(actor: AuthUser, dto: CreateSalesTargetDto): Promise<SalesTargetResponse> {
    const saved = await this.ds.transaction(async (m) => {
      const holder = await this.holder(m, actor, dto);
      const taken: unknown[] = holder.userId
        ? await m.query(`SELECT 1 FROM sales_targets WHERE user_id = $1 AND period = $2 AND deleted_at IS NULL`, [holder.userId, dto.period])
        : await m.query(`SELECT 1 FROM sales_targets WHERE user_id IS NULL AND department_id = $1 AND period = $2 AND deleted_at IS NULL`, [holder.departmentId, dto.period]);
      if (taken.length) throw conflict(AnalyticsErrorCode.SALES_TARGET_EXISTS, `A target for ${dto.period} exists already`, [{ field: 'period', message: 'exists already' }]);
      return this.store.create(actor, { period: dto.period, amount: dto.amount, ...holder }, m);
    });
    this.cache.clear();
    return this.get(actor, saved.id);
  }

  async update(actor: AuthUser, id: string, dto: UpdateSalesTargetDto, ifMatch?: number): Promise<SalesTargetResponse> {
    await this.store.update(actor, id, ifMatch ?? dto.version, (t) => {
      t.amount = dto.amount;
    });
    this.cache.clear();
    return this.get(actor, id);
  }

  async remove(actor: AuthUser, id: string, ifMatch?: number): Promise<void> {
    await this.store.softDelete(actor, id, ifMatch);
    this.cache.clear();
  }

  /**
   * The quota per month for a report: the filtered owner's targets; else the filtered department's own target
   * where it has one, otherwise the sum of the user targets in scope (and under the department filter).
   */
  async quotas(actor: AuthUser, f: ReportFilter): Promise<Map<string, number>> {
    const s = reportScope(actor, { owner: 'st.user_id', department: 'st.department_id' }, f);
    const params = { ...s.params, from: f.from.slice(0, 7), to: f.to.slice(0, 7), dept: f.departmentId ?? null };
    const rows = await namedQuery<{ period: string; users: string | null; dept: string | null }>(
      this.ds,
      `SELECT st.period, sum(st.amount) FILTER (WHERE st.user_id IS NOT NULL)::text AS users,
              sum(st.amount) FILTER (WHERE st.user_id IS NULL AND st.department_id = :dept::uuid)::text AS dept
         FROM sales_targets st
        WHERE st.deleted_at IS NULL AND st.period BETWEEN :from AND :to
          AND ${andAll(s.where)}
        GROUP BY 1`,
      params,
    );
    return new Map(rows.map((r) => [r.period, Number(!f.ownerId && r.dept !== null ? r.dept : (r.users ?? 0))]));
  }

  async adjust(actor: AuthUser, dto: CreateForecastAdjustmentDto): Promise<AdjustmentDto> {
    const row = await this.ds.transaction(async (m) => {
      const holder = await this.holder(m, actor, dto);
      return m.getRepository(ForecastAdjustment).save({ period: dto.period, amount: dto.amount, note: dto.note ?? null, createdById: actor.id, ...holder });
    });
    this.cache.clear();
    return (await this.adjustmentResponses([row]))[0];
  }

  /** Adjusted forecasts, newest first, of holders in scope. */
  async adjustments(actor: AuthUser, q: QueryForecastAdjustmentsDto): Promise<AdjustmentDto[]> {
    const s = reportScope(actor, { owner: 'fa.user_id', department: 'fa.department_id' }, {});
    if (q.period) s.where.push('fa.period = :period');
    if (q.userId) s.where.push('fa.user_id = :userId');
    if (q.departmentId) s.where.push('fa.user_id IS NULL AND fa.department_id = :departmentId');
    const rows = await namedQuery<Record<string, unknown>>(
      this.ds,
      `SELECT fa.id, fa.period, fa.user_id AS "userId", fa.department_id AS "departmentId", fa.amount, fa.note, fa.created_by_id AS "createdById", fa.created_at AS "createdAt"
         FROM forecast_adjustments fa WHERE ${andAll(s.where)} ORDER BY fa.created_at DESC, fa.id DESC LIMIT 200`,
      { ...s.params, period: q.period, userId: q.userId, departmentId: q.departmentId },
    );
    return this.adjustmentResponses(rows as unknown as ForecastAdjustment[]);
  }

  private async adjustmentResponses(rows: ForecastAdjustment[]): Promise<AdjustmentDto[]> {
    const names = await this.users.namesByIds(rows.map((r) => r.createdById));
    return rows.map((r) => ({
      id: r.id,
      period: r.period,
      userId: r.userId,
      departmentId: r.departmentId,
      amount: Number(r.amount),
      note: r.note,
      createdById: r.createdById,
      createdByName: names.get(r.createdById) ?? null,
      createdAt: r.createdAt,
    }));
  }

  /** Exactly one of userId / departmentId, inside the actor's analytics scope (403 otherwise). */
  private async holder(m: EntityManager, actor: AuthUser, dto: { userId?: string; departmentId?: string }): Promise<{ userId: string | null; departmentId: string | null }> {
    if (!!dto.userId === !!dto.departmentId) throw badRequest(AnalyticsErrorCode.SALES_TARGET_HOLDER_REQUIRED, 'userId', 'Give either userId or departmentId');
    const outOfScope = () => new DomainError(AnalyticsErrorCode.SALES_TARGET_OUT_OF_SCOPE, HttpStatus.FORBIDDEN, 'The user or department is outside your analytics scope');
    if (dto.userId) {
      const r = await this.users.resolveOwner(m, actor, 'analytics', dto.userId).catch((e: unknown) => {
        throw e instanceof DomainError && e.status === HttpStatus.FORBIDDEN ? outOfScope() : e;
      });
      return { userId: r.ownerId, departmentId: r.departmentId };
    }
    if (!(await departmentWithinScope(m, actor, 'analytics', dto.departmentId!))) throw outOfScope();
    return { userId: null, departmentId: dto.departmentId! };
  }

  private async toResponses(actor: AuthUser, rows: SalesTarget[]): Promise<SalesTargetResponse[]> {
    if (!rows.length) return [];
    // achieved: won by the user, or by the department and below, in the month (the admin's view of the figures)
    const all = { ...actor, grants: [{ module: 'analytics' as const, actions: ['read' as const], scope: 'all' as const }] };
    const won = await Promise.all(rows.map((r) => this.opportunities.won(all, { from: `${r.period}-01`, to: monthEnd(r.period), ...(r.userId ? { ownerId: r.userId } : { departmentId: r.departmentId! }) })));
    const money = await baseMoney(this.currencies, won.flat());
    const names = await this.users.namesByIds(rows.map((r) => r.userId));
    return rows.map((r, i) => {
      const achieved = sumExact(won[i].map((g) => money.exact(g.currency, g.date, g.amount)));
      const amount = exact(r.amount);
      return {
        id: r.id,
        period: r.period,
        userId: r.userId,
        userName: r.userId ? (names.get(r.userId) ?? null) : null,
        departmentId: r.departmentId,
        amount: r.amount,
        currency: money.base,
        achieved: achieved.toDecimalPlaces(money.digits, Decimal.ROUND_HALF_UP).toFixed(money.digits),
        attainment: amount.gt(0) ? achieved.div(amount).times(100).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toNumber() : null,
        version: r.version,
        createdAt: r.createdAt,
        updatedAt: r.updatedAt,
      };
    });
  }
}
