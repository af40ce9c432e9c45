import type { Pool } from 'pg';
import { CopyWriter } from './copy';
import type { CustomerIds } from './customers';
import { SEED_NOW } from './customers';
import { Rng } from './random';

const DAY = 24 * 3600 * 1000;
/** The bench's custom module (issue 18); its id is fixed so scenarios and indexes name it. */
export const BENCH_OBJECT = { id: '0b1ec700-0000-4000-8000-000000000018', key: 'bench_visit' };
const TYPES = ['onsite', 'remote', 'phone', 'expo'];
const TOPICS = ['仓库巡检', '年度回访', '产品演示', '培训交付', '续约沟通', 'Quarterly review', 'Site survey'];

/**
 * A custom module `bench_visit` (上门拜访) with four fields (select and date filterable, number, text) and
 * `count` records on owned accounts (the heavy rep holds ~5 %), through COPY into the shared custom_records
 * table. The definitions go in as the API writes them; the filterable fields' partial expression indexes are
 * created here with the API's names and expressions (core/custom-fields/custom-field-indexes.ts), and the
 * sales roles get the module's permissions (rep: own, manager: department) as an admin would grant them.
 */
export async function seedCustomRecords(pool: Pool, ids: CustomerIds, count: number, seed: number, existing: string[], log: (m: string) => void): Promise<string[]> {
  if (!existing.includes('custom_records')) return ['custom modules: the table does not exist yet (migration 1765640000000)'];
  const r = new Rng(seed + 18);
  const c = await pool.connect();
  const kind = `obj.${BENCH_OBJECT.key}`;
  try {
    const t0 = Date.now();
    await c.query('BEGIN');
    await c.query('TRUNCATE custom_records');
    await c.query(`DELETE FROM custom_fields WHERE kind = $1`, [kind]);
    await c.query(`DELETE FROM custom_objects WHERE id = $1`, [BENCH_OBJECT.id]);
    await c.query(
      `INSERT INTO custom_objects (id, key, name_zh, name_en, plural_zh, plural_en, icon, name_field_zh, name_field_en)
       VALUES ($1, $2, '上门拜访', 'Site visit', '上门拜访', 'Site visits', 'Location', '主题', 'Subject')`,
      [BENCH_OBJECT.id, BENCH_OBJECT.key],
    );
    const options = JSON.stringify(TYPES.map((k) => ({ key: k, labelZh: k, labelEn: k })));
    await c.query(
      `INSERT INTO custom_fields (kind, key, label_zh, label_en, type, options, filterable, position) VALUES
        ($1, 'visitType', '方式', 'Type', 'select', $2::jsonb, true, 0),
        ($1, 'visitDate', '日期', 'Date', 'date', '[]', true, 1),
        ($1, 'score', '评分', 'Score', 'number', '[]', false, 2),
        ($1, 'notes', '备注', 'Notes', 'text', '[]', false, 3)`,
      [kind, options],
    );
    for (const [role, actions, scope] of [['sales_rep', ['read', 'create', 'update', 'export'], 'own'], ['sales_manager', ['read', 'create', 'update', 'delete', 'export'], 'department']] as const) {
      await c.query(
        `UPDATE roles SET permissions = (SELECT coalesce(jsonb_agg(g), '[]'::jsonb) FROM jsonb_array_elements(permissions) g WHERE g->>'module' <> $2) || $3::jsonb WHERE key = $1`,
        [role, kind, JSON.stringify([{ module: kind, actions, scope }])],
      );
    }
    const owned = ids.accounts.filter((a) => a.ownerId);
    const w = new CopyWriter(c, 'custom_records', ['id', 'object_id', 'owner_id', 'department_id', 'name', 'custom', 'created_at', 'updated_at', 'version'], { freeze: true });
    for (let i = 0; i < count; i++) {
      const a = owned[r.int(owned.length)];
      const created = new Date(Math.max(a.createdAt, SEED_NOW - r.int(730) * DAY)).toISOString();
      const custom = { visitType: r.pick(TYPES), visitDate: new Date(SEED_NOW - r.int(730) * DAY).toISOString().slice(0, 10), score: 1 + r.int(5), notes: `第 ${i + 1} 次` };
      const p = w.write([r.uuid(), BENCH_OBJECT.id, a.ownerId, a.deptId, `${r.pick(TOPICS)} ${i + 1}`, JSON.stringify(custom), created, created, 1]);
      if (p) await p;
    }
    await w.end();
    await c.query('COMMIT');
    // the API's per-field partial indexes (built after the load, like the other secondary indexes)
    const prefix = `ix_cr_${BENCH_OBJECT.id.replace(/-/g, '').slice(0, 12)}`;
    for (const key of ['visitType', 'visitDate']) {
      await c.query(
        `CREATE INDEX IF NOT EXISTS ${`${prefix}_${key}`.toLowerCase()} ON custom_records ((COALESCE(custom -> '${key}', 'null'::jsonb)), id) WHERE deleted_at IS NULL AND object_id = '${BENCH_OBJECT.id}'`,
      );
    }
    log(`custom module ${BENCH_OBJECT.key}: ${count.toLocaleString()} records in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    return [];
  } catch (e) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    c.release();
  }
}
