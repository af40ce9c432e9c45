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
      // the contract in scope with the most payments: the heaviest tab (plan, payments, invoices, receivable)
      const { rows } = await ctx.db.query<{ id: string }>(
        `SELECT p.contract_id AS id FROM payments p WHERE ${ctx.scopeSql.replace(/\b(owner_id|department_id)\b/g, 'p.$1')}
          GROUP BY p.contract_id ORDER BY count(*) DESC, p.contract_id LIMIT 1`,
      );
      if (!rows.length) return 'no contract with payments in scope';
      return [{ path: apiPath(`/contracts/${rows[0].id}/finance`) }];
    },
    ['manager', 'rep'],
  ),
  write('record payment: 32 connections on different contracts', async (ctx) => {
    // active contracts with a large open balance: 0.01 at a time never runs out during the run
    const { rows } = await ctx.db.query<{ id: string; currency: string }>(
      `SELECT l.contract_id AS id, l.currency FROM finance_ledgers l JOIN contracts c ON c.id = l.contract_id
        WHERE c.status IN ('active', 'expired', 'terminated') AND l.amount - l.received > 1000 ORDER BY md5(l.contract_id::text) LIMIT 256`,
    );
    if (rows.length < 32) return 'fewer than 32 contracts with an open balance';
    let i = 0;
    return [{ method: 'POST', path: apiPath('/payments'), body: () => ({ contractId: rows[i++ % rows.length].id, amount: '0.01', receivedDate: '2026-11-01', method: 'bank_transfer', referenceNumber: `BENCH-${ctx.nextUnique()}` }) }];
  }, ['admin']),
  write('record payment: 32 connections on one contract (no overshoot, errors only 422)', async (ctx) => {
    // a signed contract paid in 1/400ths of what is open: the balance runs out during the run, then every payment is a 422
    const { rows } = await ctx.db.query<{ id: string; step: string }>(
      `SELECT l.contract_id AS id, greatest(0.01, trunc((l.amount - l.received) / 400, 2))::text AS step
         FROM finance_ledgers l JOIN contracts c ON c.id = l.contract_id
        WHERE c.status IN ('active', 'expired', 'terminated') AND l.amount - l.received >= 4
        ORDER BY md5(l.contract_id::text || 'one') LIMIT 1`,
    );
    if (!rows.length) return 'no signed contract with a balance';
    return [{ method: 'POST', path: apiPath('/payments'), body: () => ({ contractId: rows[0].id, amount: rows[0].step, receivedDate: '2026-11-01', method: 'cash', referenceNumber: `ONE-${ctx.nextUnique()}` }) }];
  }, ['admin']),
];
