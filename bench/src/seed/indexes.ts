import type { Pool } from 'pg';

export interface SavedIndex {
  table: string;
  name: string;
  def: string;
}

/**
 * Secondary indexes of the tables about to be bulk-loaded (not primary keys or constraints). They are
 * dropped before COPY and built once afterwards: building an index once is far cheaper than keeping
 * it up to date row by row, above all the trigram GIN indexes.
 */
export async function dropSecondaryIndexes(pool: Pool, tables: string[]): Promise<SavedIndex[]> {
  const { rows } = await pool.query<SavedIndex>(
    `SELECT c.relname AS table, i.relname AS name, pg_get_indexdef(i.oid) AS def
       FROM pg_index x
       JOIN pg_class i ON i.oid = x.indexrelid
       JOIN pg_class c ON c.oid = x.indrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relname = ANY($1)
        AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.oid)`,
    [tables],
  );
  for (const r of rows) await pool.query(`DROP INDEX IF EXISTS "${r.name}"`);
  return rows;
}

/** Rebuilds the saved indexes over `parallel` connections, the GIN ones (slowest) first. */
export async function rebuildIndexes(pool: Pool, saved: SavedIndex[], parallel: number, log: (m: string) => void): Promise<void> {
  const { rows } = await pool.query<{ t: string; b: string }>(
    `SELECT relname AS t, pg_relation_size(oid)::text AS b FROM pg_class WHERE relname = ANY($1)`,
    [[...new Set(saved.map((s) => s.table))]],
  );
  const size = new Map(rows.map((r) => [r.t, Number(r.b)]));
  const weight = (s: SavedIndex) => (/USING gin/i.test(s.def) ? 10 : 1) * (1 + (size.get(s.table) ?? 0));
  const queue = [...saved].sort((a, b) => weight(b) - weight(a));
  const worker = async () => {
    const c = await pool.connect();
    try {
      await c.query(`SET maintenance_work_mem = '512MB'`);
      await c.query(`SET max_parallel_maintenance_workers = 0`);
      for (let s = queue.shift(); s; s = queue.shift()) {
        const t0 = Date.now();
        // IF NOT EXISTS: a seed step may have built one of them already (the custom module's per-field indexes)
        await c.query(s.def.replace(/^CREATE (UNIQUE )?INDEX /, 'CREATE $1INDEX IF NOT EXISTS '));
        const ms = Date.now() - t0;
        if (ms > 2000) log(`  ${s.name} ${(ms / 1000).toFixed(1)} s`);
      }
    } finally {
      c.release();
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
}
