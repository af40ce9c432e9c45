import type { Pool } from 'pg';
import { CopyWriter } from './copy';
import { SEED_NOW } from './customers';
import type { Org } from './org';
import { Rng } from './random';

const DAY = 24 * 3600 * 1000;
const date = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const iso = (ms: number) => new Date(ms).toISOString();
const TYPES = ['event', 'sms', 'email', 'ad', 'social', 'other'];
const STATUSES = [['planned', 15], ['active', 25], ['completed', 50], ['cancelled', 10]] as const;
const NAMES = ['新品发布会', '行业峰会', '双十一短信', '白皮书邮件', '搜索广告', '视频号直播', '客户答谢会', 'Webinar', 'Trade fair', 'Partner day'];

/**
 * Which campaign a lead or opportunity came from (`share` of them have one): skewed so the first
 * campaigns are the big ones (index ⌊u²·n⌋: the first holds ~4.5 % of the links at 500 campaigns), so a
 * stats query over thousands of leads exists. Its own random stream: the rows of the other tables stay
 * the same as without campaigns.
 */
export class CampaignPicker {
  private readonly r: Rng;
  constructor(
    readonly ids: string[],
    seed: number,
    private readonly share: number,
  ) {
    this.r = new Rng(seed);
  }
  next(): string | null {
    if (!this.ids.length || !this.r.chance(this.share)) return null;
    const u = this.r.next();
    return this.ids[Math.floor(u * u * this.ids.length)];
  }
}

/**
 * `n` campaigns (issue 13) through COPY FREEZE, owned by the sales managers, every type and status, start
 * dates over the last two years, budgets and costs in CNY. Runs before leads and opportunities, which
 * then link to them (the `TRUNCATE campaigns CASCADE` empties those too: they are loaded after).
 */
export async function seedCampaigns(pool: Pool, org: Org, n: number, seed: number, existing: string[], log: (m: string) => void): Promise<string[]> {
  if (!existing.includes('campaigns')) return [];
  const t0 = Date.now();
  const r = new Rng(seed + 40);
  const ids: string[] = [];
  const c = await pool.connect();
  try {
    await c.query('BEGIN');
    await c.query('TRUNCATE campaigns CASCADE');
    const w = new CopyWriter(
      c,
      'campaigns',
      ['id', 'name', 'type', 'status', 'start_date', 'end_date', 'budget', 'actual_cost', 'expected_revenue', 'currency', 'description', 'owner_id', 'department_id', 'created_at', 'updated_at'],
      { freeze: true },
    );
    for (let i = 0; i < n; i++) {
      const id = r.uuid();
      const owner = r.pick(org.managers.length ? org.managers : [org.admin]);
      const start = SEED_NOW - r.int(730) * DAY;
      const budget = (1 + r.int(200)) * 1000;
      const status = r.weighted(STATUSES);
      const cost = status === 'planned' ? null : (budget * (0.3 + r.next() * 0.9)).toFixed(2);
      const p = w.write([
        id, `${r.pick(NAMES)} ${i}`, r.pick(TYPES), status, date(start), date(start + r.int(60) * DAY), budget.toFixed(2), cost,
        (budget * (2 + r.int(8))).toFixed(2), 'CNY', null, owner.id, owner.deptId, iso(start - 30 * DAY), iso(start),
      ]);
      ids.push(id);
      if (p) await p;
    }
    await w.end();
    await c.query('COMMIT');
  } catch (e) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    c.release();
  }
  log(`campaigns: ${n.toLocaleString()} rows in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return ids;
}
