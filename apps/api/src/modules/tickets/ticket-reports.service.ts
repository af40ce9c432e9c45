import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthUser } from '@core/auth/auth-user';
import { APP_CONFIG, AppConfig } from '@core/config/app-config';
import { andAll, namedQuery, ReportFilter, reportScope } from '@core/access/report-filter';

export interface ServiceQualityRow {
  /** `all`, `team` or `type`. */
  dimension: 'all' | 'team' | 'type';
  key: string | null;
  opened: number;
  resolved: number;
  /** Tickets under an SLA policy that are resolved, and of them those without any breach. */
  slaTracked: number;
  slaMet: number;
  medianFirstResponseSeconds: number | null;
  medianResolutionSeconds: number | null;
  rated: number;
  ratingSum: number;
  ratings: number[];
}

/**
 * Service figures for analytics (issue 19) over tickets opened in the period, under the caller's analytics
 * scope: per week opened and resolved, and per team and type (GROUPING SETS, one scan) SLA compliance,
 * median first response and resolution times, CSAT.
 */
@Injectable()
export class TicketReportsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private scoped(user: AuthUser, f: ReportFilter) {
    const s = reportScope(user, { owner: 't.owner_id', department: 't.department_id' }, f);
    s.where.push('t.deleted_at IS NULL');
    return { where: andAll(s.where), params: { ...s.params, from: f.from, to: f.to, tz: this.config.timezone } };
  }

  /** Opened and resolved per week (Monday, business time zone) within the period. */
  async weekly(user: AuthUser, f: ReportFilter): Promise<{ week: string; opened: number; resolved: number }[]> {
    const s = this.scoped(user, f);
    const inRange = (col: string) => `${col} >= (:from::date)::timestamp AT TIME ZONE :tz AND ${col} < (:to::date + 1)::timestamp AT TIME ZONE :tz`;
    return namedQuery(
      this.ds,
      `SELECT w.week::date::text AS week, count(*) FILTER (WHERE w.k = 'o')::int AS opened, count(*) FILTER (WHERE w.k = 'r')::int AS resolved
         FROM (
           SELECT date_trunc('week', t.opened_at AT TIME ZONE :tz) AS week, 'o' AS k FROM tickets t WHERE ${s.where} AND ${inRange('t.opened_at')}
           UNION ALL
           SELECT date_trunc('week', t.resolved_at AT TIME ZONE :tz), 'r' FROM tickets t WHERE ${s.where} AND ${inRange('t.resolved_at')}
         ) w GROUP BY 1 ORDER BY 1`,
      s.params,
    );
  }

  async quality(user: AuthUser, f: ReportFilter): Promise<ServiceQualityRow[]> {
    const s = this.scoped(user, f);
    const rows = await namedQuery<Record<string, unknown>>(
      this.ds,
      `SELECT CASE WHEN GROUPING(t.team_id) = 0 THEN 'team' WHEN GROUPING(t.type) = 0 THEN 'type' ELSE 'all' END AS dimension,
              CASE WHEN GROUPING(t.team_id) = 0 THEN t.team_id::text WHEN GROUPING(t.type) = 0 THEN t.type END AS key,
              count(*)::int AS opened,
              count(*) FILTER (WHERE t.resolved_at IS NOT NULL)::int AS resolved,
              count(*) FILTER (WHERE t.sla_policy_id IS NOT NULL AND t.resolved_at IS NOT NULL)::int AS "slaTracked",
              count(*) FILTER (WHERE t.sla_policy_id IS NOT NULL AND t.resolved_at IS NOT NULL AND NOT t.first_response_breached AND NOT t.resolution_breached)::int AS "slaMet",
              percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM t.first_responded_at - t.opened_at)) AS "medianFirstResponseSeconds",
              percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM t.resolved_at - t.opened_at)) AS "medianResolutionSeconds",
              count(t.survey_rating)::int AS rated, coalesce(sum(t.survey_rating), 0)::int AS "ratingSum",
              ARRAY[count(*) FILTER (WHERE t.survey_rating = 1), count(*) FILTER (WHERE t.survey_rating = 2), count(*) FILTER (WHERE t.survey_rating = 3),
                    count(*) FILTER (WHERE t.survey_rating = 4), count(*) FILTER (WHERE t.survey_rating = 5)]::int[] AS ratings
         FROM tickets t
        WHERE ${s.where} AND t.opened_at >= (:from::date)::timestamp AT TIME ZONE :tz AND t.opened_at < (:to::date + 1)::timestamp AT TIME ZONE :tz
        GROUP BY GROUPING SETS ((), (t.team_id), (t.type))`,
      s.params,
    );
    const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
    return rows.map((r) => ({
      ...(r as unknown as ServiceQualityRow),
      medianFirstResponseSeconds: num(r.medianFirstResponseSeconds),
      medianResolutionSeconds: num(r.medianResolutionSeconds),
    }));
  }

  /** Accounts with open complaints (any date), how many. */
  async openComplaints(user: AuthUser, f: ReportFilter): Promise<{ accountId: string; count: number }[]> {
    const s = reportScope(user, { owner: 't.owner_id', department: 't.department_id' }, f);
    return namedQuery(
      this.ds,
      `SELECT t.account_id AS "accountId", count(*)::int AS count FROM tickets t
        WHERE t.deleted_at IS NULL AND t.type = 'complaint' AND t.status IN ('new', 'open', 'pending', 'reopened') AND t.account_id IS NOT NULL AND ${andAll(s.where)}
        GROUP BY 1`,
      s.params,
    );
  }

  /** Team names by id. */
  async teamNames(ids: string[]): Promise<Map<string, string>> {
    if (!ids.length) return new Map();
    const rows: { id: string; name: string }[] = await this.ds.query(`SELECT id, name FROM ticket_teams WHERE id = ANY($1::uuid[])`, [ids]);
    return new Map(rows.map((r) => [r.id, r.name]));
  }
}
