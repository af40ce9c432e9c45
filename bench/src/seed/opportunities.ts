import type { Pool } from 'pg';
import { CopyWriter } from './copy';
import type { CustomerIds } from './customers';
import { SEED_NOW } from './customers';
import type { CampaignPicker } from './campaigns';
import type { Org } from './org';
import { Rng } from './random';

const DAY = 24 * 3600 * 1000;
const iso = (ms: number) => new Date(ms).toISOString();
const date = (ms: number) => new Date(ms).toISOString().slice(0, 10);

interface Stage {
  id: string;
  position: number;
  probability: number;
  kind: 'open' | 'won' | 'lost';
}

const RENEWALS: [string, string, number, string, string][] = [
  ['续约提醒', 'Renewal due', 20, 'open', 'pipeline'],
  ['续约洽谈', 'Renewal talks', 50, 'open', 'best_case'],
  ['合同续签', 'Contract renewal', 80, 'open', 'commit'],
  ['已续约', 'Renewed', 100, 'won', 'closed'],
  ['流失', 'Churned', 0, 'lost', 'omitted'],
];
const DEALS = ['CRM 二期', '年度订阅', '数据中台', '私有化部署', '渠道合作', 'Cloud migration', '培训服务', '移动端升级', 'ERP integration', '智能客服'];
const COMPETITORS = [[], [], ['销售易'], ['纷享销客'], ['Salesforce'], ['销售易', 'HubSpot']];
const LOST = ['价格高于竞品', '预算被砍', '项目延期', 'Chose a competitor'];

/** One opportunity's path through its pipeline (stage indexes) and when it entered each stage. */
interface Walk {
  id: string;
  ownerId: string;
  stages: Stage[];
  path: number[];
  times: number[];
}

/** The default pipeline (created by the migration) and a renewals pipeline, with their stages in order. */
async function pipelines(pool: Pool): Promise<Stage[][]> {
  const { rows: ps } = await pool.query<{ id: string; is_default: boolean }>(`SELECT id, is_default FROM pipelines WHERE deleted_at IS NULL ORDER BY is_default DESC, position`);
  if (ps.length < 2) {
    const { rows } = await pool.query<{ id: string }>(`INSERT INTO pipelines (name_zh, name_en, position) VALUES ('续约', 'Renewals', 1) RETURNING id`);
    for (const [i, [zh, en, p, kind, fc]] of RENEWALS.entries()) {
      await pool.query(
        `INSERT INTO pipeline_stages (pipeline_id, name_zh, name_en, position, probability, kind, forecast_category) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [rows[0].id, zh, en, i, p, kind, fc],
      );
    }
    ps.push({ id: rows[0].id, is_default: false });
  }
  const out: Stage[][] = [];
  for (const p of ps.slice(0, 2)) {
    const { rows } = await pool.query<Stage>(`SELECT id, position, probability, kind FROM pipeline_stages WHERE pipeline_id = $1 AND deleted_at IS NULL ORDER BY position`, [p.id]);
    out.push(rows);
  }
  return out;
}

/**
 * `n` opportunities (80 % in the default pipeline, 20 % renewals) on accounts with an owner, in every stage
 * (more in the early ones, a third closed), close dates spread over ±9 months around the seed's "now", amounts
 * in CNY (90 %) and USD, and their stage history (a row per stage they went through), both through COPY.
 */
export async function seedOpportunities(
  pool: Pool,
  _org: Org,
  ids: CustomerIds,
  n: number,
  seed: number,
  existing: string[],
  log: (m: string) => void,
  campaign?: CampaignPicker,
): Promise<string[]> {
  if (!existing.includes('opportunities') || !existing.includes('opportunity_stage_history')) {
    return ['opportunities: the table does not exist yet (its migration is not applied)'];
  }
  const [main, renewals] = await pipelines(pool);
  const owned = ids.accounts.filter((a) => a.ownerId);
  if (!owned.length) return ['opportunities: no owned account'];
  const pipelineOf = new Map<string, string>();
  for (const stages of [main, renewals]) {
    const { rows } = await pool.query<{ pipeline_id: string }>(`SELECT pipeline_id FROM pipeline_stages WHERE id = $1`, [stages[0].id]);
    for (const s of stages) pipelineOf.set(s.id, rows[0].pipeline_id);
  }
  // the funnel's set of entered stages (migration 1765730000000), written with the row like the history
  const reached = (await pool.query(`SELECT 1 FROM information_schema.columns WHERE table_name = 'opportunities' AND column_name = 'reached_stage_ids'`)).rowCount! > 0;
  const t0 = Date.now();
  const walks: Walk[] = [];
  const c = await pool.connect();
  try {
    await c.query('BEGIN');
    // activities and tasks (seeded before) may reference opportunities (migration 1764950000000), so TRUNCATE
    // is refused; the tables are empty after main's TRUNCATE … CASCADE, and COPY without FREEZE needs no truncate
    await c.query('DELETE FROM opportunity_stage_history');
    await c.query('DELETE FROM opportunities');
    const cols = [
      'id', 'name', 'account_id', 'pipeline_id', 'stage_id', 'amount', 'currency', 'probability', 'probability_overridden', 'expected_close_date',
      'owner_id', 'department_id', 'source', 'competitors', 'next_step', 'lost_reason', 'won_at', 'lost_at', 'stage_entered_at', 'created_at', 'updated_at', 'version',
      ...(campaign ? ['campaign_id'] : []),
      ...(reached ? ['reached_stage_ids'] : []),
    ];
    const w = new CopyWriter(c, 'opportunities', cols);
    const r = new Rng(seed + 7);
    for (let i = 0; i < n; i++) {
      // accounts are already uneven by owner (the heavy rep holds 5 %): opportunities follow them
      const a = owned[r.int(owned.length)];
      const stages = r.chance(0.8) ? main : renewals;
      const open = stages.filter((s) => s.kind === 'open');
      const won = stages.find((s) => s.kind === 'won')!;
      const lost = stages.find((s) => s.kind === 'lost')!;
      const k = r.next();
      const stage = k < 0.18 ? won : k < 0.33 ? lost : open[Math.min(open.length - 1, Math.floor(r.next() * r.next() * open.length * 1.6))];
      const upTo = stage.kind === 'open' ? open.indexOf(stage) : r.int(open.length);
      const path = [...open.slice(0, upTo + 1), ...(stage.kind === 'open' ? [] : [stage])].map((s) => stages.indexOf(s));
      const created = Math.max(a.createdAt, SEED_NOW - r.int(540 * DAY));
      const times = [created];
      for (let j = 1; j < path.length; j++) times.push(Math.min(SEED_NOW, times[j - 1] + (1 + r.int(30)) * DAY + r.int(DAY)));
      const entered = times[times.length - 1];
      const id = r.uuid();
      const probability = stage.probability;
      const amount = ((5 + r.int(2000)) * 500 + r.int(100) / 100).toFixed(2);
      const close = stage.kind === 'open' ? SEED_NOW + (r.int(270) - 30) * DAY : entered;
      const p = w.write([
        id,
        `${r.pick(DEALS)} ${i}`,
        a.id,
        pipelineOf.get(stage.id)!,
        stage.id,
        amount,
        r.chance(0.9) ? 'CNY' : 'USD',
        probability,
        false,
        date(close),
        a.ownerId,
        a.deptId,
        r.pick(['web', 'campaign', 'referral', 'trade_show', 'phone', 'other']),
        `{${r.pick(COMPETITORS).join(',')}}`,
        stage.kind === 'open' ? '安排方案演示' : null,
        stage.kind === 'lost' ? r.pick(LOST) : null,
        stage.kind === 'won' ? iso(entered) : null,
        stage.kind === 'lost' ? iso(entered) : null,
        iso(entered),
        iso(created),
        iso(entered),
        path.length,
        ...(campaign ? [campaign.next()] : []),
        ...(reached ? [`{${[...new Set(path.map((j) => stages[j].id))].join(',')}}`] : []),
      ]);
      walks.push({ id, ownerId: a.ownerId!, stages, path, times });
      if (p) await p;
    }
    await w.end();
    const h = new CopyWriter(c, 'opportunity_stage_history', ['id', 'opportunity_id', 'from_stage_id', 'to_stage_id', 'moved_at', 'moved_by', 'seconds_in_from']);
    const hr = new Rng(seed + 8);
    let rows = 0;
    for (const x of walks) {
      const list = x.stages;
      for (let j = 0; j < x.path.length; j++) {
        const p = h.write([
          hr.uuid(),
          x.id,
          j ? list[x.path[j - 1]].id : null,
          list[x.path[j]].id,
          iso(x.times[j]),
          x.ownerId,
          j ? Math.floor((x.times[j] - x.times[j - 1]) / 1000) : null,
        ]);
        rows++;
        if (p) await p;
      }
    }
    await h.end();
    await c.query('COMMIT');
    log(`opportunities: ${n.toLocaleString()} rows, ${rows.toLocaleString()} stage moves in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  } catch (e) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    c.release();
  }
  return [];
}
