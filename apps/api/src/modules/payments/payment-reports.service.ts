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

  /** Overdue outstanding at each day of `ends`: installments due before it less what was received by then. */
  async overdueAt(user: AuthUser, f: ReportFilter, ends: string[]): Promise<(PaymentMoney & { end: string })[]> {
    const s = reportScope(user, { owner: 'i.owner_id', department: 'i.department_id' }, f);
    return namedQuery(
      this.ds,
      `SELECT e.d::text AS "end", i.currency, l.rate_date::text AS date, count(*)::int AS count, sum(i.amount - coalesce(a.paid, 0))::text AS amount
         FROM unnest(:ends::date[]) AS e(d)
         JOIN payment_installments i ON i.due_date < e.d AND i.deleted_at IS NULL
         JOIN finance_ledgers l ON l.contract_id = i.contract_id
         LEFT JOIN LATERAL (
           SELECT sum(pa.amount) AS paid FROM payment_allocations pa JOIN payments p ON p.id = pa.payment_id
            WHERE pa.installment_id = i.id AND p.received_date <= e.d AND p.deleted_at IS NULL) a ON true
        WHERE i.amount > coalesce(a.paid, 0) AND ${andAll(s.where)}
        GROUP BY 1, 2, 3`,
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
