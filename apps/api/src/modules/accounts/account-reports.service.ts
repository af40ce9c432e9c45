import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthUser } from '@core/auth/auth-user';
import { andAll, namedQuery, ReportFilter, reportScope } from '@core/access/report-filter';

export interface AccountBrief {
  id: string;
  name: string;
  level: string | null;
  ownerId: string | null;
  lastActivityAt: string | null;
}

/** Accounts for analytics (issue 19): names, levels and follow-up recency under the caller's analytics scope. */
@Injectable()
export class AccountReportsService {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** The given accounts that lie in the caller's analytics scope (and the owner/department filters). */
  async briefs(user: AuthUser, f: Partial<ReportFilter>, ids: string[]): Promise<AccountBrief[]> {
    if (!ids.length) return [];
    const s = reportScope(user, { owner: 'a.owner_id', department: 'a.department_id' }, f);
    return namedQuery(
      this.ds,
      `SELECT a.id, a.name, a.level, a.owner_id AS "ownerId", a.last_activity_at AS "lastActivityAt" FROM accounts a
        WHERE a.id = ANY(:ids::uuid[]) AND a.deleted_at IS NULL AND ${andAll(s.where)}`,
      { ...s.params, ids },
    );
  }

  /** Owned accounts in scope without a follow-up for `days` days (never followed up: counted from creation), stalest first. */
  async idle(user: AuthUser, f: Partial<ReportFilter>, days: number, limit: number): Promise<AccountBrief[]> {
    const s = reportScope(user, { owner: 'a.owner_id', department: 'a.department_id' }, f);
    return namedQuery(
      this.ds,
      `SELECT a.id, a.name, a.level, a.owner_id AS "ownerId", a.last_activity_at AS "lastActivityAt" FROM accounts a
        WHERE a.deleted_at IS NULL AND a.owner_id IS NOT NULL AND ${andAll(s.where)}
          AND coalesce(a.last_activity_at, a.created_at) < now() - make_interval(days => :days::int)
        ORDER BY coalesce(a.last_activity_at, a.created_at), a.id LIMIT :limit::int`,
      { ...s.params, days, limit },
    );
  }
}
