import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthUser } from '@core/auth/auth-user';
import { APP_CONFIG, AppConfig } from '@core/config/app-config';
import { andAll, namedQuery, ReportFilter, reportScope } from '@core/access/report-filter';

/** Leads created in the period for analytics (issue 19), under the caller's analytics scope. */
@Injectable()
export class LeadReportsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Leads created in the period by owner, source and campaign: how many, how many converted. */
  async created(user: AuthUser, f: ReportFilter): Promise<{ ownerId: string | null; source: string; campaignId: string | null; count: number; converted: number }[]> {
    const s = reportScope(user, { owner: 'l.owner_id', department: 'l.department_id' }, f);
    return namedQuery(
      this.ds,
      `SELECT l.owner_id AS "ownerId", l.source, l.campaign_id AS "campaignId", count(*)::int AS count, count(*) FILTER (WHERE l.status = 'converted')::int AS converted
         FROM leads l
        WHERE l.deleted_at IS NULL AND ${andAll(s.where)}
          AND l.created_at >= (:from::date)::timestamp AT TIME ZONE :tz AND l.created_at < (:to::date + 1)::timestamp AT TIME ZONE :tz
        GROUP BY 1, 2, 3`,
      { ...s.params, from: f.from, to: f.to, tz: this.config.timezone },
    );
  }
}
