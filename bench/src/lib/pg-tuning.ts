import { Client } from 'pg';

/**
 * Settings of the bench's own embedded PostgreSQL (written to its postgresql.auto.conf in
 * bench/.data, so the app's own embedded database is untouched). They are what a 2-core, 4-8 GB
 * production host would be given; the stock 128 MB shared_buffers would make a 1M-row benchmark
 * measure the OS page cache instead. Never applied to DATABASE_URL: that server is yours to tune.
 */
export const BENCH_PG_SETTINGS: Record<string, string> = {
  shared_buffers: '1GB',
  effective_cache_size: '3GB',
  work_mem: '16MB',
  maintenance_work_mem: '512MB',
  max_wal_size: '4GB',
  checkpoint_timeout: '30min',
  random_page_cost: '1.1',
};

/** Applies BENCH_PG_SETTINGS; true when a restart is needed for them to take effect. */
export async function tunePostgres(url: string): Promise<boolean> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    let restart = false;
    for (const [k, v] of Object.entries(BENCH_PG_SETTINGS)) {
      const { rows } = await c.query<{ setting: string; unit: string | null; context: string; pending: boolean }>(
        `SELECT setting, unit, context, pending_restart AS pending FROM pg_settings WHERE name = $1`,
        [k],
      );
      const { rows: want } = await c.query<{ v: string }>(`SELECT current_setting($1) AS v`, [k]);
      if (want[0].v === v) continue;
      await c.query(`ALTER SYSTEM SET ${k} = '${v}'`);
      if (rows[0].context === 'postmaster') restart = true;
    }
    await c.query('SELECT pg_reload_conf()');
    return restart;
  } finally {
    await c.end();
  }
}
