import { apiPath, read, Scenario } from './types';

/**
 * Tickets (issue 15): the agent's queues (mine, most urgent first; about to breach) for the heavy rep acting
 * as agent and for a region manager, and a ticket detail with its conversation (two requests). The floor
 * replays the same SQL.
 */
export const ticketScenarios: Scenario[] = [
  read('tickets: queue mine, by SLA due', async () => [{ path: apiPath('/tickets', { queue: 'mine', sort: 'slaNextDueAt', limit: 50 }) }], ['manager', 'rep']),
  read('tickets: queue about to breach', async () => [{ path: apiPath('/tickets', { queue: 'breaching', sort: 'slaNextDueAt', limit: 50 }) }], ['manager', 'rep']),
  read(
    'tickets: detail with its conversation',
    async (ctx) => {
      const { rows } = await ctx.db.query<{ id: string }>(
        `SELECT t.id FROM tickets t WHERE ${ctx.scopeSql.replace(/\b(owner_id|department_id)\b/g, 't.$1')} AND t.deleted_at IS NULL AND (SELECT count(*) FROM ticket_comments c WHERE c.ticket_id = t.id) >= 5 ORDER BY t.created_at DESC LIMIT 1`,
      );
      if (!rows.length) return 'no ticket with a conversation in scope';
      return [{ path: `/api/v1/tickets/${rows[0].id}` }, { path: `/api/v1/tickets/${rows[0].id}/comments` }];
    },
    ['manager', 'rep'],
  ),
];
