import { apiPath, read, Scenario, ScenarioContext } from './types';

/** The default pipeline's stages in order (the migration creates the pipeline; the seed fills it). */
async function defaultStages(ctx: ScenarioContext): Promise<{ pipelineId: string; stages: { id: string; name: string }[] } | undefined> {
  const { rows } = await ctx.db.query<{ pipeline_id: string; id: string; name_zh: string }>(
    `SELECT s.pipeline_id, s.id, s.name_zh FROM pipeline_stages s JOIN pipelines p ON p.id = s.pipeline_id
      WHERE p.is_default AND p.deleted_at IS NULL AND s.deleted_at IS NULL ORDER BY s.position`,
  );
  if (!rows.length) return undefined;
  return { pipelineId: rows[0].pipeline_id, stages: rows.map((r) => ({ id: r.id, name: r.name_zh })) };
}

/** A month (`YYYY-MM`) with many open opportunities in the role's scope. */
async function busyMonth(ctx: ScenarioContext, stageId: string): Promise<string | undefined> {
  const { rows } = await ctx.db.query<{ m: string }>(
    `SELECT to_char(expected_close_date, 'YYYY-MM') AS m FROM opportunities
      WHERE ${ctx.scopeSql} AND deleted_at IS NULL AND stage_id = $1 GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`,
    [stageId],
  );
  return rows[0]?.m;
}

/** Opportunities (issue 13): the kanban board of one pipeline with its column totals, and the list by stage and close month. */
export const opportunityScenarios: Scenario[] = [
  read(
    'opportunities: board of one pipeline (column totals + first 20 cards of every column)',
    async (ctx) => {
      const p = await defaultStages(ctx);
      if (!p) return 'the opportunities tables do not exist yet';
      return [
        { path: apiPath('/opportunities/summary', { pipelineId: p.pipelineId }) },
        ...p.stages.map((s) => ({ path: apiPath('/opportunities', { pipelineId: p.pipelineId, stageId: s.id, sort: 'expectedCloseDate', limit: 20 }) })),
      ];
    },
    ['manager', 'rep'],
  ),
  read('opportunities: stage + close month, by close date, first page', async (ctx) => {
    const p = await defaultStages(ctx);
    if (!p) return 'the opportunities tables do not exist yet';
    const stage = p.stages.find((s) => s.name === '方案报价') ?? p.stages[0];
    const month = await busyMonth(ctx, stage.id);
    if (!month) return 'no opportunity of the stage in scope';
    return [{ path: apiPath('/opportunities', { stageId: stage.id, closeMonth: month, sort: 'expectedCloseDate', limit: 50 }) }];
  }),
];
