import type { Pool } from 'pg';
import type { PoolClient } from 'pg';
import { type Cell, CopyWriter } from './copy';
import { SEED_NOW } from './customers';
import { Rng } from './random';

const DAY = 24 * 3600 * 1000;
const METHODS = ['bank_transfer', 'bank_transfer', 'bank_transfer', 'alipay', 'wechat_pay', 'cheque', 'cash'];
const day = (t: number) => new Date(t).toISOString().slice(0, 10);
const money = (cents: number) => `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
const cents = (s: string) => Math.round(Number(s) * 100);

async function copyAll(c: PoolClient, table: string, columns: string[], rows: Cell[][]): Promise<void> {
  const w = new CopyWriter(c, table, columns, { freeze: true });
  for (const row of rows) {
    const p = w.write(row);
    if (p) await p;
  }
  await w.end();
}

/** Payment, invoice and installment counts of a full-size seed (times BENCH_SCALE). */
export interface FinanceSizes {
  /** Installments per contract (every contract gets a plan). */
  installments: number;
  payments: number;
  invoices: number;
}

/**
 * Finance (issue 14) through COPY: every seeded contract gets its ledger row and a plan of
 * `installments` parts (30/40/30 for three) from its sign or start date, 60 days apart; `payments` payments
 * settle installments oldest-first on the older contracts (so overdue, partly paid and paid ones exist),
 * with their allocations and the ledger's received total; `invoices` invoices (requested or issued, a few
 * void) within the contract amount. Invoice numbers `FP{yyyyMM}-{seq}` with the sequence counters set past them.
 */
export async function seedPayments(pool: Pool, sizes: FinanceSizes, seed: number, existing: string[], log: (m: string) => void): Promise<string[]> {
  if (!existing.includes('finance_ledgers')) return ['payments: the tables do not exist yet (migration 1765050000000)'];
  const r = new Rng(seed + 14);
  const c = await pool.connect();
  try {
    const t0 = Date.now();
    await c.query('BEGIN');
    await c.query('TRUNCATE invoice_titles, invoices, payment_allocations, payments, payment_installments, finance_ledgers CASCADE');
    await c.query(`DELETE FROM sequence_counters WHERE name = 'invoice'`);
    const { rows: contracts } = await c.query<{
      id: string; number: string; title: string; account_id: string; currency: string; amount: string; owner_id: string | null; department_id: string | null; d: string; created_at: Date;
    }>(`SELECT id, number, title, account_id, currency, amount::text AS amount, owner_id, department_id, to_char(coalesce(sign_date, start_date, created_at::date), 'YYYY-MM-DD') AS d, created_at
          FROM contracts WHERE deleted_at IS NULL ORDER BY created_at, id`);
    if (!contracts.length) return ['payments: no contracts to plan'];
    const n = sizes.installments;
    const shares = n === 3 ? [30, 40, 30] : Array.from({ length: n }, () => 100 / n);
    type Inst = { id: string; due: number; amount: number; received: number };
    const received = new Map<string, number>();
    // one COPY at a time on a connection: rows are generated first, then written table by table
    const instRows: Cell[][] = [];
    const payRows: Cell[][] = [];
    const allocRows: Cell[][] = [];
    // the plans first (installments of 30/40/30..., 60 days apart from the sign date)
    const plans = new Map<string, Inst[]>();
    for (const k of contracts) {
      const total = cents(k.amount);
      const start = Date.parse(k.d);
      const list: Inst[] = [];
      let used = 0;
      for (let i = 0; i < n; i++) {
        const a = i === n - 1 ? total - used : Math.floor((total * shares[i]) / 100);
        used += a;
        list.push({ id: r.uuid(), due: start + 60 * (i + 1) * DAY, amount: a, received: 0 });
      }
      plans.set(k.id, list);
    }
    // the payments: each on a random contract that still has an open installment, settling the oldest open one
    // in full (60 %) or in part; a contract with nothing open leaves the draw, so the count is reached while any is open
    const open = contracts.filter((k) => plans.get(k.id)!.some((x) => x.due - 90 * DAY < SEED_NOW));
    let payments = 0;
    while (payments < sizes.payments && open.length) {
      const at = r.int(open.length);
      const k = open[at];
      const list = plans.get(k.id)!;
      const target = list.find((x) => x.received < x.amount);
      if (!target) {
        open[at] = open[open.length - 1];
        open.pop();
        continue;
      }
      const left = target.amount - target.received;
      const amount = r.chance(0.6) ? left : Math.max(1, Math.floor(left * (0.2 + r.next() * 0.6)));
      const when = Math.max(Date.parse(k.d), Math.min(SEED_NOW - DAY, target.due + (r.int(40) - 20) * DAY));
      const id = r.uuid();
      const iso = new Date(when).toISOString();
      payRows.push([id, k.id, k.account_id, 'payment', money(amount), k.currency, day(when), r.pick(METHODS), `BK${String(payments + 1).padStart(10, '0')}`, null, k.owner_id, k.department_id, iso, iso, 1]);
      target.received += amount;
      allocRows.push([r.uuid(), id, target.id, money(amount), iso]);
      received.set(k.id, (received.get(k.id) ?? 0) + amount);
      payments++;
    }
    let installments = 0;
    for (const k of contracts) {
      const iso = k.created_at.toISOString();
      for (const [i, x] of plans.get(k.id)!.entries()) {
        const status = x.received >= x.amount ? 'paid' : x.due < SEED_NOW ? 'overdue' : x.received > 0 ? 'partially_paid' : 'pending';
        instRows.push([x.id, k.id, i + 1, day(x.due), money(x.amount), n === 3 ? shares[i] : null, money(x.received), status, k.currency, k.owner_id, k.department_id, iso, iso, 1]);
        installments++;
      }
    }
    // invoices: up to the contract amount, on random contracts
    const invoiced = new Map<string, number>();
    const seqs = new Map<string, number>();
    const inv = new CopyWriter(c, 'invoices', ['id', 'number', 'contract_id', 'account_id', 'type', 'status', 'buyer_title', 'buyer_tax_no', 'currency', 'amount', 'tax_rate', 'tax_amount', 'net_amount', 'issue_date', 'owner_id', 'department_id', 'created_at', 'updated_at', 'version'], { freeze: true });
    for (let i = 0; i < sizes.invoices; i++) {
      const k = contracts[r.int(contracts.length)];
      const left = cents(k.amount) - (invoiced.get(k.id) ?? 0);
      if (left <= 0) continue;
      const amount = Math.min(left, Math.max(1, Math.floor(cents(k.amount) * 0.3)));
      const status = r.weighted([['issued', 6], ['requested', 3], ['void', 1]] as const);
      if (status !== 'void') invoiced.set(k.id, (invoiced.get(k.id) ?? 0) + amount);
      const rate = r.pick([13, 6, 6, 9]);
      const tax = Math.round((amount * rate) / (100 + rate));
      const at = Math.min(SEED_NOW - DAY, Date.parse(k.d) + r.int(300) * DAY);
      const d = new Date(at);
      const month = `${d.getUTCFullYear()}${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
      const seq = (seqs.get(month) ?? 0) + 1;
      seqs.set(month, seq);
      const iso = d.toISOString();
      const w = inv.write([r.uuid(), `FP${month}-${String(seq).padStart(5, '0')}`, k.id, k.account_id, r.pick(['vat_general', 'e_invoice', 'vat_special']), status, k.title.split(' ')[0], null, k.currency, money(amount), rate, money(tax), money(amount - tax), status === 'requested' ? null : day(at), k.owner_id, k.department_id, iso, iso, 1]);
      if (w) await w;
    }
    await inv.end();
    const ledgers = new CopyWriter(c, 'finance_ledgers', ['contract_id', 'account_id', 'contract_number', 'contract_title', 'currency', 'amount', 'received', 'invoiced', 'rate_date', 'owner_id', 'department_id', 'created_at', 'updated_at', 'version'], { freeze: true });
    for (const k of contracts) {
      const iso = k.created_at.toISOString();
      const w = ledgers.write([k.id, k.account_id, k.number, k.title, k.currency, k.amount, money(received.get(k.id) ?? 0), money(invoiced.get(k.id) ?? 0), k.d, k.owner_id, k.department_id, iso, iso, 1]);
      if (w) await w;
    }
    await ledgers.end();
    await copyAll(c, 'payment_installments', ['id', 'contract_id', 'position', 'due_date', 'amount', 'percent', 'received', 'status', 'currency', 'owner_id', 'department_id', 'created_at', 'updated_at', 'version'], instRows);
    await copyAll(c, 'payments', ['id', 'contract_id', 'account_id', 'kind', 'amount', 'currency', 'received_date', 'method', 'reference_number', 'payer', 'owner_id', 'department_id', 'created_at', 'updated_at', 'version'], payRows);
    await copyAll(c, 'payment_allocations', ['id', 'payment_id', 'installment_id', 'amount', 'created_at'], allocRows);
    for (const [month, v] of seqs) await c.query(`INSERT INTO sequence_counters (name, period_key, value) VALUES ('invoice', $1, $2)`, [`FP${month}-#`, v]);
    // receivables convert at the sign date's rate: monthly USD rates (illustrative) over the contracts' years
    await c.query(`INSERT INTO currencies (code, enabled) VALUES ('USD', true) ON CONFLICT (code) DO UPDATE SET enabled = true`);
    await c.query(`DELETE FROM exchange_rates WHERE currency = 'USD' AND base_currency = 'CNY'`);
    await c.query(
      `INSERT INTO exchange_rates (currency, base_currency, rate, effective_date)
       SELECT 'USD', 'CNY', round(7.05 + 0.15 * sin(extract(epoch FROM d) / 5e6)::numeric, 4), d::date
         FROM generate_series('2020-01-01'::date, '2028-12-01'::date, interval '1 month') AS d`,
    );
    await c.query('COMMIT');
    log(`payments: ${contracts.length.toLocaleString()} ledgers, ${installments.toLocaleString()} installments, ${payments.toLocaleString()} payments, ${[...seqs.values()].reduce((s, x) => s + x, 0).toLocaleString()} invoices in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    return [];
  } catch (e) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    c.release();
  }
}
