import { apiPath, read, Scenario, write } from './types';

/**
 * Finance (issue 14): the receivables list with its aging summary (a manager's department, the whole company
 * for the admin), a contract's finance tab (balance, plan, payments, invoices), and recording payments under
 * the load's connections: spread over many contracts (throughput), and all on one contract with a small
 * balance left, where the ledger lock must serialize them: no overshoot, no deadlock, the refused ones 422.
 */
export const paymentScenarios: Scenario[] = [
  read('receivables with aging, first page', async () => [{ path: apiPath('/receivables', { limit: 50 }) }], ['admin', 'manager']),
  read(
    "contract's finance tab",
    async (ctx) => {
      const { rows } = await ctx.db.query<{ id: string }>(
        `SELECT l.contract_id AS id FROM finance_ledgers l WHERE ${ctx.scopeSql.replace(/\b(owner_id|department_id)\b/g, 'l.$1')} AND l.received > 0
          ORDER BY l.contract_id LIMIT 50`,
      );
      if (!rows.length) return 'no contract with payments in scope';
      return rows.map((r) => ({ path: apiPath(`/contracts/${r.id}/finance`) }));
    },
    ['manager', 'rep'],
  ),
  write('record payment: 32 connections on different contracts', async (ctx) => {
    // active contracts with a large open balance: 0.01 at a time never runs out during the run
    const { rows } = await ctx.db.query<{ id: string; currency: string }>(
      `SELECT l.contract_id AS id, l.currency FROM finance_ledgers l
        WHERE l.amount - l.received > 1000 ORDER BY md5(l.contract_id::text) LIMIT 256`,
    );
    if (rows.length < 32) return 'fewer than 32 contracts with an open balance';
    let i = 0;
    return [{ method: 'POST', path: apiPath('/payments'), body: () => ({ contractId: rows[i++ % rows.length].id, amount: '0.01', receivedDate: '2026-11-01', method: 'bank_transfer', referenceNumber: `BENCH-${ctx.nextUnique()}` }) }];
  }, ['admin']),
  write('record payment: 32 connections on one contract (no overshoot, errors only 422)', async (ctx) => {
    // a contract with 300–600 left: 1.00 at a time runs out during the run, then every payment is a 422
    const { rows } = await ctx.db.query<{ id: string; left: string }>(
      `SELECT l.contract_id AS id, (l.amount - l.received)::text AS left FROM finance_ledgers l
        WHERE l.amount - l.received BETWEEN 300 AND 600 ORDER BY md5(l.contract_id::text || 'one') LIMIT 1`,
    );
    if (!rows.length) return 'no contract with 300–600 open';
    return [{ method: 'POST', path: apiPath('/payments'), body: () => ({ contractId: rows[0].id, amount: '1.00', receivedDate: '2026-11-01', method: 'cash', referenceNumber: `ONE-${ctx.nextUnique()}` }) }];
  }, ['admin']),
];
