import { apiPath, read, Scenario } from './types';

/**
 * Custom fields (issue 18): the lead list filtered by a custom select (GIN `custom @>`) and sorted by a custom
 * date (the filterable field's btree expression index, read backwards for `-`), as each role sees it. The
 * seed puts 20 fields on leads (src/seed/custom-fields.ts); the floor replays the API's SQL.
 */
export const customFieldScenarios: Scenario[] = [
  read('leads: custom select + sort by custom date', async (ctx) => {
    const { rowCount } = await ctx.db.query(`SELECT 1 FROM custom_fields WHERE kind = 'leads' AND key = 'cfTier' AND deleted_at IS NULL`);
    if (!rowCount) return 'no custom fields seeded (pnpm bench:seed --force)';
    return [{ path: apiPath('/leads', { 'custom.cfTier': 't3', sort: '-custom.cfDue', limit: 50 }) }];
  }),
  read('leads: custom date range, by custom date', async (ctx) => {
    const { rowCount } = await ctx.db.query(`SELECT 1 FROM custom_fields WHERE kind = 'leads' AND key = 'cfDue' AND deleted_at IS NULL`);
    if (!rowCount) return 'no custom fields seeded (pnpm bench:seed --force)';
    const { rows } = await ctx.db.query<{ d: string }>(`SELECT to_char(now() + interval '30 days', 'YYYY-MM-DD') AS d`);
    return [{ path: apiPath('/leads', { 'custom.cfDueFrom': rows[0].d, sort: 'custom.cfDue', limit: 50 }) }];
  }),
];
