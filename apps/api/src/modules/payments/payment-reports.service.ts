import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthUser } from '@core/auth/auth-user';
import { andAll, namedQuery, ReportFilter, reportScope } from '@core/access/report-filter';

export interface PaymentMoney {
  currency: string;
  /** The day whose rate converts the amount. */
  date: string;
  count: number;
  amount: string;
}

export const AGING_BUCKETS = ['current', 'd1_30', 'd31_60', 'd61_90', 'd90_plus'] as const;
export type AgingBucket = (typeof AGING_BUCKETS)[number];

/**
 * The finance figures for analytics (issue 19) in SQL over this module's tables, under the caller's analytics
 * scope on the records' owner and department: payments received, receivables aging, the overdue trend and
 * per-account payment history (RFM, churn risk). Amounts come by currency and rate day; the caller converts.
 * Receivables convert at the contract's rate day (the ledger's), payments at their received day.
 */
@Injectable()
export class PaymentReportsService {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** Payments and reversals received in the period, by received day. */
  async received(user: AuthUser, f: ReportFilter): Promise<(PaymentMoney & { ownerId: string | null })[]> {
    const s = reportScope(user, { owner: 'p.owner_id', department: 'p.department_id' }, f);
    return namedQuery(
      this.ds,
      `SELECT p.owner_id AS "ownerId", p.currency, p.received_date::text AS date, count(*)::int AS count, sum(p.amount)::text AS amount
         FROM payments p WHERE p.deleted_at IS NULL AND ${andAll(s.where)} AND p.received_date BETWEEN :from::date AND :to::date
        GROUP BY 1, 2, 3`,
      { ...s.params, from: f.from, to: f.to },
    );
  }

  /** Outstanding installment amounts on `asOf` by days overdue (current = not yet due). */
  async aging(user: AuthUser, f: ReportFilter, asOf: string): Promise<(PaymentMoney & { bucket: AgingBucket })[]> {
    const s = reportScope(user, { owner: 'i.owner_id', department: 'i.department_id' }, f);
    return namedQuery(
      this.ds,
      `SELECT CASE WHEN i.due_date >= :asOf::date THEN 'current' WHEN :asOf::date - i.due_date <= 30 THEN 'd1_30'
                   WHEN :asOf::date - i.due_date <= 60 THEN 'd31_60' WHEN :asOf::date - i.due_date <= 90 THEN 'd61_90' ELSE 'd90_plus' END AS bucket,
              i.currency, l.rate_date::text AS date, count(*)::int AS count, sum(i.amount - i.received)::text AS amount
         FROM payment_installments i JOIN finance_ledgers l ON l.contract_id = i.contract_id
        WHERE i.deleted_at IS NULL AND i.status IN ('pending', 'partially_paid', 'overdue') AND i.amount > i.received AND ${andAll(s.where)}
        GROUP BY 1, 2, 3`,
      { ...s.params, asOf },
    );
  }

  /**
   * Overdue outstanding at each day of `ends`: installments due before it less what was received by then
   * (a reversal counts on its own day). One pass, not a lookup per installment and day: each installment's
   * paid total changes only on the days its allocations were received, so it splits into spans of constant
   * outstanding ("nothing paid yet" — the only one when nothing was —, then after each such day); a span covers the ends from the later of its
   * start and the due date up to the next change, found by `width_bucket` over the sorted ends. A span adds
   * itself at its first end and takes itself off after its last, and a running sum per currency and rate day
   * over the end numbers gives every end's figure.
   */
  async overdueAt(user: AuthUser, f: ReportFilter, ends: string[]): Promise<(PaymentMoney & { end: string })[]> {
    if (!ends.length) return [];
    const s = reportScope(user, { owner: 'i.owner_id', department: 'i.department_id' }, f);
    return namedQuery(
      this.ds,
      `WITH e AS (SELECT x.ends, cardinality(x.ends) AS n, x.ends[cardinality(x.ends)] AS last
                    FROM (SELECT ARRAY(SELECT DISTINCT d FROM unnest(:ends::date[]) AS u(d) ORDER BY d) AS ends) x),
       i AS (
         SELECT i.id, i.amount, i.currency, l.rate_date, width_bucket(i.due_date, e.ends) + 1 AS due_k
           FROM e, payment_installments i JOIN finance_ledgers l ON l.contract_id = i.contract_id
          WHERE i.deleted_at IS NULL AND i.due_date < e.last AND ${andAll(s.where)}),
       moves AS (
         SELECT pa.installment_id AS id, p.received_date AS d, sum(pa.amount) AS amount
           FROM e, i JOIN payment_allocations pa ON pa.installment_id = i.id JOIN payments p ON p.id = pa.payment_id
          WHERE p.deleted_at IS NULL AND p.received_date <= e.last
          GROUP BY 1, 2),
       spans AS (
         SELECT i.currency, i.rate_date, i.amount - coalesce(m.paid, 0) AS outstanding,
                greatest(i.due_k, coalesce(width_bucket(m.d - 1, e.ends) + 1, 1)) AS lo,
                coalesce(width_bucket(m.next - 1, e.ends) + 1, e.n + 1) AS hi
           FROM e, i LEFT JOIN (
             SELECT id, d, sum(amount) OVER w AS paid, lead(d) OVER w AS next FROM moves WINDOW w AS (PARTITION BY id ORDER BY d)
             UNION ALL
             SELECT id, NULL, 0, min(d) FROM moves GROUP BY id
           ) m ON m.id = i.id),
       steps AS (
         SELECT currency, rate_date, k, sum(n) AS n, sum(amount) AS amount FROM (
           SELECT currency, rate_date, lo AS k, 1 AS n, outstanding AS amount FROM spans WHERE outstanding > 0 AND lo < hi
           UNION ALL
           SELECT currency, rate_date, hi, -1, -outstanding FROM spans, e WHERE outstanding > 0 AND lo < hi AND hi <= e.n) d
          GROUP BY 1, 2, 3),
       running AS (
         SELECT currency, rate_date, k, lead(k) OVER w AS next_k, sum(n) OVER w AS n, sum(amount) OVER w AS amount
           FROM steps WINDOW w AS (PARTITION BY currency, rate_date ORDER BY k))
       SELECT e.ends[g.k]::text AS "end", r.currency, r.rate_date::text AS date, r.n::int AS count, r.amount::text AS amount
         FROM e, running r, generate_series(r.k, coalesce(r.next_k, e.n + 1) - 1) AS g(k)
        WHERE r.n > 0`,
      { ...s.params, ends },
    );
  }

  /** Per account since `since`: payments by currency and day (count and amount) and the last received day. */
  async byAccount(user: AuthUser, f: ReportFilter): Promise<(PaymentMoney & { accountId: string })[]> {
    const s = reportScope(user, { owner: 'p.owner_id', department: 'p.department_id' }, f);
    return namedQuery(
      this.ds,
      `SELECT p.account_id AS "accountId", p.currency, p.received_date::text AS date, count(*) FILTER (WHERE p.kind = 'payment')::int AS count, sum(p.amount)::text AS amount
         FROM payments p WHERE p.deleted_at IS NULL AND ${andAll(s.where)} AND p.received_date BETWEEN :from::date AND :to::date
        GROUP BY 1, 2, 3`,
      { ...s.params, from: f.from, to: f.to },
    );
  }

  /** Accounts with overdue installments on `asOf`: how many and since when. */
  async overdueAccounts(user: AuthUser, f: ReportFilter, asOf: string): Promise<{ accountId: string; installments: number; oldestDue: string }[]> {
    const s = reportScope(user, { owner: 'i.owner_id', department: 'i.department_id' }, f);
    return namedQuery(
      this.ds,
      `SELECT l.account_id AS "accountId", count(*)::int AS installments, min(i.due_date)::text AS "oldestDue"
         FROM payment_installments i JOIN finance_ledgers l ON l.contract_id = i.contract_id
        WHERE i.deleted_at IS NULL AND i.status IN ('pending', 'partially_paid', 'overdue') AND i.amount > i.received AND i.due_date < :asOf::date AND ${andAll(s.where)}
        GROUP BY 1`,
      { ...s.params, asOf },
    );
  }
}
