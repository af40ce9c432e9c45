import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ForecastCategory } from '@keyuan/shared';
import type { AuthUser } from '@core/auth/auth-user';
import { APP_CONFIG, AppConfig } from '@core/config/app-config';
import { andAll, namedQuery, ReportFilter, reportScope } from '@core/access/report-filter';

/** Money grouped by currency and the day whose rate converts it (the caller converts to the base). */
export interface MoneyGroup {
  currency: string;
  /** `YYYY-MM-DD`: the record's date, whose rate converts it. */
  date: string;
  count: number;
  amount: string;
}

export interface FunnelStageRow {
  id: string;
  nameZh: string;
  nameEn: string;
  position: number;
  kind: 'open' | 'won' | 'lost';
  forecastCategory: ForecastCategory;
}

export interface FunnelData {
  pipelineId: string | null;
  stages: FunnelStageRow[];
  reach: (MoneyGroup & { maxPosition: number })[];
  medianSeconds: { stageId: string; seconds: number }[];
  won: number;
  lost: number;
}

export type ForecastRow = MoneyGroup & { kind: 'open' | 'won' | 'lost'; category: ForecastCategory; ownerId: string | null; departmentId: string | null; weightedRaw: string };
export type WonRow = MoneyGroup & { ownerId: string | null; fromLead: number };
export type SourceRow = MoneyGroup & { source: string | null; campaignId: string | null };

/**
 * The opportunities' figures for analytics (issue 19), in SQL over this module's tables under the caller's
 * analytics scope: the funnel from stage history, forecast groups, won amounts, new opportunities per owner.
 * Amounts come grouped by currency and day so the caller converts each at its day's rate.
 */
@Injectable()
export class OpportunityReportsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private scoped(user: AuthUser, f: Partial<ReportFilter>) {
    const s = reportScope(user, { owner: 'o.owner_id', department: 'o.department_id' }, f);
    s.where.push('o.deleted_at IS NULL');
    if (f.pipelineId) {
      s.where.push('o.pipeline_id = :pipelineId');
      s.params.pipelineId = f.pipelineId;
    }
    return s;
  }

  /** The pipeline asked for, else the default one. */
  async pipelineOf(pipelineId?: string): Promise<string | null> {
    if (pipelineId) return pipelineId;
    const [row]: { id: string }[] = await this.ds.query(`SELECT id FROM pipelines WHERE is_default AND deleted_at IS NULL ORDER BY position LIMIT 1`);
    return row?.id ?? null;
  }

  /** Opportunities created in the period: how far each got (furthest non-lost stage position), median seconds per stage left, won and lost. */
  async funnel(user: AuthUser, f: ReportFilter): Promise<FunnelData> {
    const pipelineId = await this.pipelineOf(f.pipelineId);
    if (!pipelineId) return { pipelineId, stages: [], reach: [], medianSeconds: [], won: 0, lost: 0 };
    const s = this.scoped(user, { ...f, pipelineId });
    const params = { ...s.params, from: f.from, to: f.to, tz: this.config.timezone };
    const cohort = `SELECT o.id, o.currency, o.expected_close_date, o.amount, o.stage_id, o.reached_stage_ids FROM opportunities o
       WHERE ${andAll(s.where)} AND o.created_at >= (:from::date)::timestamp AT TIME ZONE :tz AND o.created_at < (:to::date + 1)::timestamp AT TIME ZONE :tz`;
    const [stages, reach, medians, closed] = await Promise.all([
      namedQuery<FunnelStageRow>(
        this.ds,
        `SELECT id, name_zh AS "nameZh", name_en AS "nameEn", position, kind, forecast_category AS "forecastCategory"
           FROM pipeline_stages WHERE pipeline_id = :p AND deleted_at IS NULL ORDER BY position`,
        { p: pipelineId },
      ),
      // furthest non-lost stage entered, from the row's set of entered stages (kept by the stage move): the
      // cohort grouped first, then one stage lookup per distinct set
      namedQuery<FunnelData['reach'][number]>(
        this.ds,
        `WITH c AS (SELECT c.reached_stage_ids, c.currency, c.expected_close_date, count(*) AS n, sum(c.amount) AS amount FROM (${cohort}) c GROUP BY 1, 2, 3)
         SELECT r.maxpos AS "maxPosition", c.currency, c.expected_close_date::text AS date, sum(c.n)::int AS count, sum(c.amount)::text AS amount
           FROM c JOIN LATERAL (
             SELECT max(st.position) AS maxpos FROM pipeline_stages st WHERE st.id = ANY (c.reached_stage_ids) AND st.kind <> 'lost') r ON r.maxpos IS NOT NULL
          GROUP BY 1, 2, 3`,
        params,
      ),
      namedQuery<{ stageId: string; seconds: string }>(
        this.ds,
        `WITH c AS (${cohort})
         SELECT h.from_stage_id AS "stageId", percentile_cont(0.5) WITHIN GROUP (ORDER BY h.seconds_in_from) AS seconds
           FROM c JOIN opportunity_stage_history h ON h.opportunity_id = c.id
          WHERE h.from_stage_id IS NOT NULL AND h.seconds_in_from IS NOT NULL GROUP BY 1`,
        params,
      ),
      namedQuery<{ won: number; lost: number }>(
        this.ds,
        `WITH c AS (${cohort})
         SELECT count(*) FILTER (WHERE st.kind = 'won')::int AS won, count(*) FILTER (WHERE st.kind = 'lost')::int AS lost
           FROM c JOIN pipeline_stages st ON st.id = c.stage_id`,
        params,
      ),
    ]);
    return {
      pipelineId,
      stages,
      reach,
      medianSeconds: medians.map((m) => ({ stageId: m.stageId, seconds: Number(m.seconds) })),
      won: closed[0]?.won ?? 0,
      lost: closed[0]?.lost ?? 0,
    };
  }

  /**
   * Opportunities by the day they close — won ones on the day they were won, open and lost ones on their
   * expected close date — within the period, grouped by stage kind, forecast category, owner and department.
   */
  async forecastGroups(user: AuthUser, f: ReportFilter): Promise<ForecastRow[]> {
    const s = this.scoped(user, f);
    const day = `(CASE WHEN st.kind = 'won' THEN (o.won_at AT TIME ZONE :tz)::date ELSE o.expected_close_date END)`;
    return namedQuery<ForecastRow>(
      this.ds,
      `SELECT st.kind, st.forecast_category AS category, o.owner_id AS "ownerId", o.department_id AS "departmentId", o.currency,
              ${day}::text AS date, count(*)::int AS count, sum(o.amount)::text AS amount, sum(o.amount * o.probability / 100)::text AS "weightedRaw"
         FROM opportunities o JOIN pipeline_stages st ON st.id = o.stage_id
        WHERE ${andAll(s.where)} AND ${day} BETWEEN :from::date AND :to::date
          -- the same rows, as two ranges the won and close-date indexes serve (a BitmapOr instead of a scan)
          AND ((o.won_at >= (:from::date)::timestamp AT TIME ZONE :tz AND o.won_at < (:to::date + 1)::timestamp AT TIME ZONE :tz)
               OR o.expected_close_date BETWEEN :from::date AND :to::date)
        GROUP BY 1, 2, 3, 4, 5, 6`,
      { ...s.params, from: f.from, to: f.to, tz: this.config.timezone },
    );
  }

  /** Won opportunities by the day won (business time zone), per owner; `fromLead` counts those converted from a lead. */
  async won(user: AuthUser, f: ReportFilter): Promise<WonRow[]> {
    const s = this.scoped(user, f);
    return namedQuery<WonRow>(
      this.ds,
      `SELECT o.owner_id AS "ownerId", o.currency, (o.won_at AT TIME ZONE :tz)::date::text AS date, count(*)::int AS count,
              count(*) FILTER (WHERE o.lead_id IS NOT NULL)::int AS "fromLead", sum(o.amount)::text AS amount
         FROM opportunities o
        WHERE ${andAll(s.where)} AND o.won_at >= (:from::date)::timestamp AT TIME ZONE :tz AND o.won_at < (:to::date + 1)::timestamp AT TIME ZONE :tz
        GROUP BY 1, 2, 3`,
      { ...s.params, from: f.from, to: f.to, tz: this.config.timezone },
    );
  }

  /** Won amounts by the opportunity's source and campaign. */
  async wonBySource(user: AuthUser, f: ReportFilter): Promise<SourceRow[]> {
    const s = this.scoped(user, f);
    return namedQuery<SourceRow>(
      this.ds,
      `SELECT o.source, o.campaign_id AS "campaignId", o.currency, (o.won_at AT TIME ZONE :tz)::date::text AS date, count(*)::int AS count, sum(o.amount)::text AS amount
         FROM opportunities o
        WHERE ${andAll(s.where)} AND o.won_at >= (:from::date)::timestamp AT TIME ZONE :tz AND o.won_at < (:to::date + 1)::timestamp AT TIME ZONE :tz
        GROUP BY 1, 2, 3, 4`,
      { ...s.params, from: f.from, to: f.to, tz: this.config.timezone },
    );
  }

  /** Opportunities created in the period per owner. */
  async createdByOwner(user: AuthUser, f: ReportFilter): Promise<{ ownerId: string | null; count: number }[]> {
    const s = this.scoped(user, f);
    return namedQuery(
      this.ds,
      `SELECT o.owner_id AS "ownerId", count(*)::int AS count FROM opportunities o
        WHERE ${andAll(s.where)} AND o.created_at >= (:from::date)::timestamp AT TIME ZONE :tz AND o.created_at < (:to::date + 1)::timestamp AT TIME ZONE :tz
        GROUP BY 1`,
      { ...s.params, from: f.from, to: f.to, tz: this.config.timezone },
    );
  }
}
