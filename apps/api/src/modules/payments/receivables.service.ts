import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import Decimal from 'decimal.js';
import type { AuthUser } from '@core/auth/auth-user';
import { AccountsService } from '@modules/accounts/accounts.service';
import { UsersService } from '@modules/admin/users/users.service';
import { ContractsService } from '@modules/contracts/contracts.service';
import { CurrenciesService, missingRate } from '@modules/currencies/currencies.service';
import {
  ContractFinanceResponse,
  QueryReceivablesDto,
  ReceivablePage,
  ReceivableResponse,
  ReceivablesSummary,
} from './dto/receivables.dto';
import { FinanceLedger, LedgerRow } from './finance-ledger';
import { decodeCursor, encodeCursor, Where } from './finance-page';
import { InvoicesService } from './invoices.service';
import { daysBetween } from './payment-terms';
import { PaymentPlansService } from './payment-plans.service';
import { PaymentsService } from './payments.service';

interface ReceivableRow extends LedgerRow {
  created_at: Date;
  next_due: string | null;
  overdue: string;
  oldest_overdue: string | null;
}

export const AGING_BUCKETS = ['current', '0-30', '31-60', '61-90', '90+'] as const;

/** The aging bucket of an open installment due on `dueDate`, seen on `today` (`current`: not past due). */
export function agingBucket(dueDate: string, today: string): (typeof AGING_BUCKETS)[number] {
  const days = daysBetween(dueDate, today);
  if (days <= 0) return 'current';
  if (days <= 30) return '0-30';
  if (days <= 60) return '31-60';
  if (days <= 90) return '61-90';
  return '90+';
}

const BUCKET_SQL = `CASE WHEN $T::date - i.due_date <= 0 THEN 'current' WHEN $T::date - i.due_date <= 30 THEN '0-30'
  WHEN $T::date - i.due_date <= 60 THEN '31-60' WHEN $T::date - i.due_date <= 90 THEN '61-90' ELSE '90+' END`;

/**
 * Receivables (应收): per contract, what is due, received, invoiced and overdue, converted to the base
 * currency (original currency beside it): the contract amount, its open balance and the aging at the rate
 * of the contract's sign date (when the receivable arose), what came in at each payment's received date,
 * what was invoiced at each invoice's issue date, and the aging of the open
 * installments for the user's scope. A missing rate is a 422 EXCHANGE_RATE_MISSING, never 1.0.
 */
@Injectable()
export class ReceivablesService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly ledger: FinanceLedger,
    private readonly currencies: CurrenciesService,
    private readonly accounts: AccountsService,
    private readonly users: UsersService,
    private readonly contracts: ContractsService,
    private readonly plans: PaymentPlansService,
    private readonly payments: PaymentsService,
    private readonly invoices: InvoicesService,
  ) {}

  private rowSql(w: Where, today: number, tail = ''): string {
    return `SELECT l.contract_id, l.account_id, l.contract_number, l.contract_title, l.currency, l.amount::text AS amount, l.received::text AS received,
                   l.invoiced::text AS invoiced, to_char(l.rate_date, 'YYYY-MM-DD') AS rate_date, l.owner_id, l.department_id, l.created_at,
                   to_char(o.next_due, 'YYYY-MM-DD') AS next_due, coalesce(o.overdue, 0)::text AS overdue, to_char(o.oldest_overdue, 'YYYY-MM-DD') AS oldest_overdue
              FROM finance_ledgers l
              LEFT JOIN LATERAL (
                SELECT min(i.due_date) AS next_due,
                       sum(i.amount - i.received) FILTER (WHERE i.due_date < $${today}::date) AS overdue,
                       min(i.due_date) FILTER (WHERE i.due_date < $${today}::date) AS oldest_overdue
                  FROM payment_installments i
                 WHERE i.contract_id = l.contract_id AND i.deleted_at IS NULL AND i.received < i.amount
              ) o ON true
            ${w.sql} ${tail}`;
  }

  async list(actor: AuthUser, q: QueryReceivablesDto): Promise<ReceivablePage> {
    const limit = q.limit ?? 50;
    const today = this.ledger.today();
    const w = new Where();
    if (q.accountId) w.add('l.account_id = ?', q.accountId);
    if (q.ownerId) w.add('l.owner_id = ?', q.ownerId);
    if (q.only === 'open') w.add('l.received < l.amount');
    if (q.only === 'overdue') {
      w.add(
        `EXISTS (SELECT 1 FROM payment_installments x WHERE x.contract_id = l.contract_id AND x.deleted_at IS NULL AND x.received < x.amount AND x.due_date < ?::date)`,
        today,
      );
    }
    const s = this.ledger.scope(actor, 'l.contract_id', w.next);
    w.raw(s.sql, s.params);
    const filterParams = [...w.params];
    const filterSql = w.sql;
    const summary = await this.summary(filterSql, filterParams, today);
    const [{ total }]: { total: number }[] = await this.ds.query(
      `SELECT count(*)::int AS total FROM finance_ledgers l ${filterSql}`,
      filterParams,
    );
    if (q.cursor) {
      const [at, id] = decodeCursor(q.cursor);
      w.add('(l.created_at, l.contract_id) < (?::timestamptz, ?::uuid)', at, id);
    }
    w.params.push(today);
    const rows: ReceivableRow[] = await this.ds.query(
      this.rowSql(w, w.params.length, `ORDER BY l.created_at DESC, l.contract_id DESC LIMIT ${limit + 1}`),
      w.params,
    );
    const more = rows.length > limit;
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      data: await this.toResponses(page, today),
      nextCursor: more ? encodeCursor(new Date(last.created_at).toISOString(), last.contract_id) : null,
      total,
      summary,
    };
  }

  /** Totals and aging over every contract the filter matches, in the base currency (each currency and rate date converted once). */
  private async summary(filterSql: string, params: unknown[], today: string): Promise<ReceivablesSummary> {
    const t = params.length + 1;
    const totals: { currency: string; rate_date: string; amount: string; received: string }[] =
      await this.ds.query(
        `SELECT l.currency, to_char(l.rate_date, 'YYYY-MM-DD') AS rate_date, sum(l.amount)::text AS amount, sum(l.received)::text AS received
         FROM finance_ledgers l ${filterSql} GROUP BY 1, 2`,
        params,
      );
    const buckets: { currency: string; rate_date: string; bucket: string; amount: string; n: number }[] =
      await this.ds.query(
        `SELECT l.currency, to_char(l.rate_date, 'YYYY-MM-DD') AS rate_date, ${BUCKET_SQL.replace(/\$T/g, `$${t}`)} AS bucket, sum(i.amount - i.received)::text AS amount, count(*)::int AS n
         FROM finance_ledgers l JOIN payment_installments i ON i.contract_id = l.contract_id AND i.deleted_at IS NULL AND i.received < i.amount
         ${filterSql} GROUP BY 1, 2, 3`,
        [...params, today],
      );
    // money in and invoices out, each at the rate of its own date (a reversal at its own date too)
    const and = filterSql ? `${filterSql} AND` : 'WHERE';
    const paid: { currency: string; rate_date: string; amount: string }[] = await this.ds.query(
      `SELECT p.currency, to_char(p.received_date, 'YYYY-MM-DD') AS rate_date, sum(p.amount)::text AS amount
         FROM payments p JOIN finance_ledgers l ON l.contract_id = p.contract_id ${and} p.deleted_at IS NULL GROUP BY 1, 2`,
      params,
    );
    const invoiced: { currency: string; rate_date: string; amount: string }[] = await this.ds.query(
      `SELECT v.currency, to_char(coalesce(v.issue_date, v.created_at::date), 'YYYY-MM-DD') AS rate_date, sum(v.amount)::text AS amount
         FROM invoices v JOIN finance_ledgers l ON l.contract_id = v.contract_id
         ${and} v.deleted_at IS NULL AND v.kind = 'invoice' AND v.status IN ('requested', 'issued') GROUP BY 1, 2`,
      params,
    );
    const base = await this.currencies.baseCurrency();
    const rate = await this.currencies.rateLookup(
      [...totals, ...buckets, ...paid, ...invoiced].map((r) => ({ currency: r.currency, date: r.rate_date })),
    );
    const conv = (amount: string, currency: string, date: string) => {
      const r = rate(currency, date);
      if (!r) throw missingRate(currency, date);
      return new Decimal(amount).times(r.rate).toDecimalPlaces(base.minorUnits, Decimal.ROUND_HALF_UP);
    };
    let amount = new Decimal(0);
    let balance = new Decimal(0);
    const received = paid.reduce((sum, p) => sum.plus(conv(p.amount, p.currency, p.rate_date)), new Decimal(0));
    const invoicedTotal = invoiced.reduce((sum, v) => sum.plus(conv(v.amount, v.currency, v.rate_date)), new Decimal(0));
    const byCurrency = new Map<string, { balance: Decimal; overdue: Decimal }>();
    for (const r of totals) {
      amount = amount.plus(conv(r.amount, r.currency, r.rate_date));
      balance = balance.plus(conv(new Decimal(r.amount).minus(r.received).toFixed(), r.currency, r.rate_date));
      const c = byCurrency.get(r.currency) ?? { balance: new Decimal(0), overdue: new Decimal(0) };
      c.balance = c.balance.plus(r.amount).minus(r.received);
      byCurrency.set(r.currency, c);
    }
    const aging = new Map(AGING_BUCKETS.map((b) => [b, { amount: new Decimal(0), count: 0 }]));
    let overdue = new Decimal(0);
    for (const b of buckets) {
      const a = aging.get(b.bucket as (typeof AGING_BUCKETS)[number])!;
      const converted = conv(b.amount, b.currency, b.rate_date);
      a.amount = a.amount.plus(converted);
      a.count += b.n;
      if (b.bucket !== 'current') {
        overdue = overdue.plus(converted);
        const c = byCurrency.get(b.currency)!;
        c.overdue = c.overdue.plus(b.amount);
      }
    }
    const f = (d: Decimal) => d.toFixed(base.minorUnits);
    return {
      baseCurrency: base.code,
      totalAmount: f(amount),
      totalReceived: f(received),
      totalInvoiced: f(invoicedTotal),
      totalBalance: f(balance),
      totalOverdue: f(overdue),
      aging: AGING_BUCKETS.map((b) => ({
        bucket: b,
        amount: f(aging.get(b)!.amount),
        count: aging.get(b)!.count,
      })),
      byCurrency: [...byCurrency.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([currency, v]) => ({
          currency,
          balance: this.currencies.format(v.balance.toFixed(), currency),
          overdue: this.currencies.format(v.overdue.toFixed(), currency),
        })),
    };
  }

  /** `lenient`: a missing rate leaves the base figures null (the finance tab) instead of a 422 (the list). */
  private async toResponses(
    rows: ReceivableRow[],
    today: string,
    lenient = false,
  ): Promise<ReceivableResponse[]> {
    if (!rows.length) return [];
    const base = await this.currencies.baseCurrency();
    const rate = await this.currencies.rateLookup(
      rows.map((r) => ({ currency: r.currency, date: r.rate_date })),
    );
    const accounts = await this.accounts.namesByIds(rows.map((r) => r.account_id));
    const users = await this.users.namesByIds(rows.map((r) => r.owner_id));
    // what came in, each payment at the rate of its received date
    const paid: { contract_id: string; currency: string; rate_date: string; amount: string }[] = await this.ds.query(
      `SELECT contract_id, currency, to_char(received_date, 'YYYY-MM-DD') AS rate_date, sum(amount)::text AS amount
         FROM payments WHERE contract_id = ANY($1::uuid[]) AND deleted_at IS NULL GROUP BY 1, 2, 3`,
      [rows.map((r) => r.contract_id)],
    );
    const paidRate = await this.currencies.rateLookup(paid.map((p) => ({ currency: p.currency, date: p.rate_date })));
    const baseReceived = new Map<string, Decimal | null>();
    for (const p of paid) {
      const found = paidRate(p.currency, p.rate_date);
      if (!found && !lenient) throw missingRate(p.currency, p.rate_date);
      const sofar = baseReceived.get(p.contract_id);
      baseReceived.set(
        p.contract_id,
        !found || sofar === null ? null : (sofar ?? new Decimal(0)).plus(this.currencies.baseFigures(p.amount, found, base).baseAmount!),
      );
    }
    return rows.map((r) => {
      const found = rate(r.currency, r.rate_date);
      if (!found && !lenient) throw missingRate(r.currency, r.rate_date);
      const conv = (v: string) =>
        !found
          ? null
          : new Decimal(v)
              .times(found.rate)
              .toDecimalPlaces(base.minorUnits, Decimal.ROUND_HALF_UP)
              .toFixed(base.minorUnits);
      const money = (v: string) => this.currencies.format(v, r.currency);
      const balance = money(new Decimal(r.amount).minus(r.received).toFixed());
      const overdue = money(r.overdue);
      const inBase = baseReceived.has(r.contract_id) ? baseReceived.get(r.contract_id) : new Decimal(0);
      return {
        contractId: r.contract_id,
        contractNumber: r.contract_number,
        contractTitle: r.contract_title,
        accountId: r.account_id,
        accountName: accounts.get(r.account_id) ?? null,
        ownerId: r.owner_id,
        ownerName: r.owner_id ? (users.get(r.owner_id) ?? null) : null,
        currency: r.currency,
        amount: money(r.amount),
        received: money(r.received),
        invoiced: money(r.invoiced),
        balance,
        nextDueDate: r.next_due,
        overdueAmount: overdue,
        daysOverdue: r.oldest_overdue ? daysBetween(r.oldest_overdue, today) : 0,
        baseCurrency: base.code,
        rate: found?.rate ?? null,
        rateDate: found?.effectiveDate ?? null,
        baseAmount: conv(r.amount),
        baseReceived: inBase ? inBase.toFixed(base.minorUnits) : null,
        baseBalance: conv(balance),
        baseOverdueAmount: conv(overdue),
      };
    });
  }

  /** The contract's finance tab: its receivable, plan, payments and invoices (404 out of your finance scope). */
  async contractFinance(actor: AuthUser, contractId: string): Promise<ContractFinanceResponse> {
    const c = await this.contracts.factsInScope(actor, contractId, 'payments');
    const today = this.ledger.today();
    const w = new Where().add('l.contract_id = ?', contractId);
    w.params.push(today);
    let [row]: ReceivableRow[] = await this.ds.query(this.rowSql(w, w.params.length), w.params);
    if (!row) {
      // not signed yet, or nothing recorded: the contract's figures with nothing received
      row = {
        contract_id: c.id,
        account_id: c.accountId,
        contract_number: c.number,
        contract_title: c.title,
        currency: c.currency,
        amount: c.amount,
        received: '0',
        invoiced: '0',
        rate_date: c.signDate ?? today,
        owner_id: c.ownerId,
        department_id: c.departmentId,
        created_at: new Date(),
        next_due: null,
        overdue: '0',
        oldest_overdue: null,
      };
    }
    const [receivable] = await this.toResponses([row], today, true);
    return {
      receivable,
      installments: await this.plans.ofContract(actor, contractId),
      payments: await this.payments.ofContract(actor, contractId),
      invoices: await this.invoices.ofContract(actor, contractId),
    };
  }
}
