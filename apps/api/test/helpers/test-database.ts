import { createHash, randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { MIGRATIONS } from '../../src/migrations';
import { runMigrations } from '@core/database/database';

function adminUrl(): string {
  const url = process.env.TEST_ADMIN_DATABASE_URL;
  if (!url) throw new Error('TEST_ADMIN_DATABASE_URL is not set: run the tests through jest (global setup)');
  return url;
}

function withDatabase(url: string, db: string): string {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
}

/** Name of the migrated template database for the current set of migrations. */
function templateName(): string {
  const hash = createHash('sha1').update(MIGRATIONS.map((m) => m.name).join(',')).digest('hex').slice(0, 12);
  return `keyuan_tpl_${hash}`;
}

async function withAdmin<T>(fn: (c: Client) => Promise<T>): Promise<T> {
  const c = new Client({ connectionString: adminUrl() });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/**
 * A fresh database for one test file, copied from a migrated template (built once per migration set,
 * under an advisory lock so parallel workers wait for the first).
 */
export async function createTestDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const tpl = templateName();
  const name = `keyuan_t_${process.env.JEST_WORKER_ID ?? '0'}_${randomBytes(4).toString('hex')}`;
  await withAdmin(async (c) => {
    await c.query(`SELECT pg_advisory_lock(hashtext('keyuan-test-template'))`);
    try {
      const exists = await c.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [tpl]);
      if (!exists.rowCount) {
        const building = `${tpl}_build`;
        await c.query(`DROP DATABASE IF EXISTS ${building}`);
        await c.query(`CREATE DATABASE ${building} TEMPLATE template0 ENCODING 'UTF8'`);
        await runMigrations(withDatabase(adminUrl(), building));
        await c.query(`ALTER DATABASE ${building} RENAME TO ${tpl}`);
      }
      await c.query(`CREATE DATABASE ${name} TEMPLATE ${tpl}`);
    } finally {
      await c.query(`SELECT pg_advisory_unlock(hashtext('keyuan-test-template'))`);
    }
  });
  return {
    url: withDatabase(adminUrl(), name),
    drop: () => withAdmin(async (c) => void (await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`))),
  };
}
