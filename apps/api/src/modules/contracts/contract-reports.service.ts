import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthUser } from '@core/auth/auth-user';
import { andAll, namedQuery, ReportFilter, reportScope } from '@core/access/report-filter';

/**
 * Contracted amounts for analytics (issue 19): contracts in force or past (active, expired, terminated) by
 * sign day under the caller's analytics scope, by currency and sign day (the rate day), per owner and account.
 */
@Injectable()
export class ContractReportsService {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async signed(user: AuthUser, f: ReportFilter): Promise<{ ownerId: string | null; accountId: string; currency: string; date: string; count: number; amount: string }[]> {
    const s = reportScope(user, { owner: 'c.owner_id', department: 'c.department_id' }, f);
    return namedQuery(
      this.ds,
      `SELECT c.owner_id AS "ownerId", c.account_id AS "accountId", c.currency, c.sign_date::text AS date, count(*)::int AS count, sum(c.amount)::text AS amount
         FROM contracts c
        WHERE c.deleted_at IS NULL AND c.status IN ('active', 'expired', 'terminated') AND ${andAll(s.where)}
          AND c.sign_date BETWEEN :from::date AND :to::date
        GROUP BY 1, 2, 3, 4`,
      { ...s.params, from: f.from, to: f.to },
    );
  }
}
