import { apiPath, read, Scenario } from './types';

/**
 * Contracts (issue 13): the list a rep and a manager open most (active contracts, newest first) and the
 * renewal view (active contracts ending in the next 90 days, by end date). The floor replays the same SQL.
 */
export const contractScenarios: Scenario[] = [
  read('contracts: status = active, -createdAt, first page', async () => [{ path: apiPath('/contracts', { status: 'active', sort: '-createdAt', limit: 50 }) }], ['manager', 'rep']),
  read(
    'contracts: active, ending in the next 90 days, by end date',
    async (ctx) => {
      const { rows } = await ctx.db.query<{ today: string; to: string }>(`SELECT to_char(now(), 'YYYY-MM-DD') AS today, to_char(now() + interval '90 days', 'YYYY-MM-DD') AS to`);
      return [{ path: apiPath('/contracts', { status: 'active', endDateFrom: rows[0].today, endDateTo: rows[0].to, sort: 'endDate', limit: 50 }) }];
    },
    ['manager', 'rep'],
  ),
];
