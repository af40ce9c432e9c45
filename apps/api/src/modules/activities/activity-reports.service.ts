import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthUser } from '@core/auth/auth-user';
import { APP_CONFIG, AppConfig } from '@core/config/app-config';
import { andAll, namedQuery, ReportFilter, reportScope } from '@core/access/report-filter';

/** Follow-up activity counts for analytics (issue 19), under the caller's analytics scope. */
@Injectable()
export class ActivityReportsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Activities that happened in the period, per owner. */
  async byOwner(user: AuthUser, f: ReportFilter): Promise<{ ownerId: string; count: number }[]> {
    const s = reportScope(user, { owner: 'a.owner_id', department: 'a.department_id' }, f);
    return namedQuery(
      this.ds,
      `SELECT a.owner_id AS "ownerId", count(*)::int AS count FROM activities a
        WHERE a.deleted_at IS NULL AND ${andAll(s.where)}
          AND a.occurred_at >= (:from::date)::timestamp AT TIME ZONE :tz AND a.occurred_at < (:to::date + 1)::timestamp AT TIME ZONE :tz
        GROUP BY 1`,
      { ...s.params, from: f.from, to: f.to, tz: this.config.timezone },
    );
  }
}
