import type { Pool, PoolClient } from 'pg';
import { Rng } from './random';

/**
 * Issue 18: 20 custom fields on leads, half of them filterable (the API's btree expression index per
 * filterable field), and a value of each on most leads. The values come from their own random stream, so
 * the rest of the data set stays what it was.
 */
type Def = { key: string; type: string; zh: string; en: string; filterable: boolean; options?: string[] };

const TIERS = ['t1', 't2', 't3', 't4', 't5', 't6', 't7', 't8'];
export const LEAD_CUSTOM_FIELDS: Def[] = [
  { key: 'cfTier', type: 'select', zh: '客户等级', en: 'Tier', filterable: true, options: TIERS },
  { key: 'cfDue', type: 'date', zh: '回访日期', en: 'Due date', filterable: true },
  { key: 'cfBudget', type: 'money', zh: '预算', en: 'Budget', filterable: true },
  { key: 'cfSeats', type: 'number', zh: '席位数', en: 'Seats', filterable: true },
  { key: 'cfRegion', type: 'select', zh: '大区', en: 'Region', filterable: true, options: ['north', 'east', 'south', 'west', 'central'] },
  { key: 'cfSignedAt', type: 'datetime', zh: '意向时间', en: 'Intent at', filterable: true },
  { key: 'cfVip', type: 'boolean', zh: '重点客户', en: 'VIP', filterable: true },
  { key: 'cfCode', type: 'text', zh: '客户编码', en: 'Code', filterable: true },
  { key: 'cfRank', type: 'number', zh: '排名', en: 'Rank', filterable: true },
  { key: 'cfRenewal', type: 'date', zh: '续约日期', en: 'Renewal', filterable: true },
  { key: 'cfNote1', type: 'text', zh: '备注一', en: 'Note 1', filterable: false },
  { key: 'cfNote2', type: 'longText', zh: '备注二', en: 'Note 2', filterable: false },
  { key: 'cfWebsite', type: 'url', zh: '网站', en: 'Website', filterable: false },
  { key: 'cfAltEmail', type: 'email', zh: '备用邮箱', en: 'Alt e-mail', filterable: false },
  { key: 'cfAltPhone', type: 'phone', zh: '备用电话', en: 'Alt phone', filterable: false },
  { key: 'cfTags', type: 'multiSelect', zh: '兴趣', en: 'Interests', filterable: false, options: ['crm', 'erp', 'bi', 'hr'] },
  { key: 'cfScore2', type: 'number', zh: '评分二', en: 'Score 2', filterable: false },
  { key: 'cfFlag', type: 'boolean', zh: '已核实', en: 'Verified', filterable: false },
  { key: 'cfSince', type: 'date', zh: '合作起始', en: 'Since', filterable: false },
  { key: 'cfChannel', type: 'select', zh: '渠道', en: 'Channel', filterable: false, options: ['direct', 'partner', 'online'] },
];

const DAY = 86_400_000;
const ymd = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** One lead's `custom` object as JSON (about 80 % of the fields filled, as forms leave some empty). */
export function leadCustomValues(r: Rng, now: number, i: number): string {
  const out: Record<string, unknown> = {};
  for (const f of LEAD_CUSTOM_FIELDS) {
    if (!r.chance(0.8)) continue;
    switch (f.type) {
      case 'select':
        out[f.key] = r.pick(f.options!);
        break;
      case 'multiSelect':
        out[f.key] = [...new Set([r.pick(f.options!), r.pick(f.options!)])];
        break;
      case 'date':
        out[f.key] = ymd(now - 365 * DAY + r.int(730) * DAY);
        break;
      case 'datetime':
        out[f.key] = new Date(now - r.int(365 * DAY)).toISOString();
        break;
      case 'money':
        out[f.key] = r.int(10_000_000) / 100;
        break;
      case 'number':
        out[f.key] = r.int(1000);
        break;
      case 'boolean':
        out[f.key] = r.chance(0.5);
        break;
      case 'url':
        out[f.key] = `https://example${i % 1000}.cn/`;
        break;
      case 'email':
        out[f.key] = `alt${i}@example.cn`;
        break;
      case 'phone':
        out[f.key] = `+86139${String(10_000_000 + (i % 89_999_999)).padStart(8, '0')}`;
        break;
      default:
        out[f.key] = `${f.key}-${r.int(100_000)}`;
    }
  }
  return JSON.stringify(out);
}

/** Whether the leads table has the `custom` column (migration 1765530000000). */
export async function leadsHaveCustom(pool: Pool | PoolClient): Promise<boolean> {
  const { rowCount } = await pool.query(`SELECT 1 FROM information_schema.columns WHERE table_name = 'leads' AND column_name = 'custom'`);
  return !!rowCount;
}

/**
 * The definitions, and for the filterable ones the index the API builds when a field is marked filterable
 * (core/custom-fields/custom-field-indexes.ts: same name, expression and predicate), built after the load.
 */
export async function seedLeadCustomFields(pool: Pool, log: (m: string) => void): Promise<string[]> {
  if (!(await leadsHaveCustom(pool))) return ['custom fields: leads have no custom column yet (migration 1765530000000)'];
  const t0 = Date.now();
  await pool.query(`DELETE FROM custom_fields WHERE kind = 'leads'`);
  for (const [i, f] of LEAD_CUSTOM_FIELDS.entries()) {
    const options = (f.options ?? []).map((k) => ({ key: k, labelZh: k.toUpperCase(), labelEn: k.toUpperCase() }));
    await pool.query(
      `INSERT INTO custom_fields (kind, key, label_zh, label_en, type, options, position, filterable) VALUES ('leads', $1, $2, $3, $4, $5::jsonb, $6, $7)`,
      [f.key, f.zh, f.en, f.type, JSON.stringify(options), i, f.filterable],
    );
  }
  const stale = await pool.query<{ name: string }>(`SELECT indexname AS name FROM pg_indexes WHERE tablename = 'leads' AND indexname LIKE 'ix_cf_leads_%'`);
  for (const { name } of stale.rows) await pool.query(`DROP INDEX IF EXISTS ${name}`);
  for (const f of LEAD_CUSTOM_FIELDS.filter((x) => x.filterable)) {
    const name = `ix_cf_leads_${f.key}`.toLowerCase();
    await pool.query(`CREATE INDEX ${name} ON leads ((COALESCE(custom -> '${f.key}', 'null'::jsonb)), id) WHERE deleted_at IS NULL`);
  }
  log(`custom fields: 20 on leads, 10 filterable indexes built in ${Date.now() - t0} ms`);
  return [];
}
