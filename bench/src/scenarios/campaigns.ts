import { apiPath, read, Scenario, ScenarioContext } from './types';

/** The campaign with the most linked leads (the seed skews them: the first campaigns are the big ones). */
async function biggestCampaign(ctx: ScenarioContext): Promise<string | undefined> {
  const { rows } = await ctx.db.query<{ id: string }>(
    `SELECT campaign_id AS id FROM leads WHERE campaign_id IS NOT NULL AND deleted_at IS NULL GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`,
  );
  return rows[0]?.id;
}

/** Whether the role may read campaigns (roles of a bench database seeded before campaigns may not). */
async function readsCampaigns(ctx: ScenarioContext): Promise<boolean> {
  return ctx.api(apiPath('/campaigns', { limit: 1 })).then(
    () => true,
    () => false,
  );
}

/** Campaigns (issue 13): the stats of the biggest campaign (lead and opportunity aggregates) and the list by status. */
export const campaignScenarios: Scenario[] = [
  read('campaigns: stats of the biggest campaign (leads, converted, opportunities, won per currency, ROI)', async (ctx) => {
    const id = await biggestCampaign(ctx);
    if (!id) return 'no campaign with leads (the campaigns table does not exist yet)';
    if (!(await readsCampaigns(ctx))) return 'this role may not read campaigns';
    return [{ path: apiPath(`/campaigns/${id}/stats`) }];
  }),
  read('campaigns: list of active campaigns by start date, first page', async (ctx) => {
    if (!(await biggestCampaign(ctx))) return 'the campaigns table does not exist yet';
    if (!(await readsCampaigns(ctx))) return 'this role may not read campaigns';
    return [{ path: apiPath('/campaigns', { status: 'active', sort: '-startDate', limit: 50 }) }];
  }),
];
