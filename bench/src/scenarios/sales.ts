import { apiPath, read, Scenario } from './types';

/** Quotes (issue 13): the detail with its lines, and the list by status; the floor replays the same SQL. */
export const salesScenarios: Scenario[] = [
  read('quote detail with lines', async (ctx) => {
    const { rows } = await ctx.db.query<{ id: string }>(
      `SELECT id FROM quotes WHERE ${ctx.scopeSql} AND deleted_at IS NULL AND NOT superseded ORDER BY created_at DESC LIMIT 1 OFFSET 100`,
    );
    return rows[0] ? [{ path: apiPath(`/quotes/${rows[0].id}`) }] : 'no quote in scope (run pnpm bench:seed with the quotes migration applied)';
  }),
  read('quotes: status = sent, -createdAt, first page', async () => [{ path: apiPath('/quotes', { status: 'sent', sort: '-createdAt', limit: 50 }) }]),
  read('products: q = 2 Chinese chars', async () => [{ path: apiPath('/products', { q: '智能', limit: 50 }) }]),
];
