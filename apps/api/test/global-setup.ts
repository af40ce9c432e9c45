// Gives every jest run a PostgreSQL server: DATABASE_URL when set (CI uses the machine's service),
// otherwise the embedded one, started the way the app starts it (so as root from a private folder too),
// in a throwaway folder. Workers create one database per test file from it.
import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  EmbeddedPostgresError,
  startEmbeddedPostgres,
  type EmbeddedPostgresHandle,
} from '../src/core/database/embedded-postgres';

export interface TestPostgres {
  pg: EmbeddedPostgresHandle;
  folder: string;
}

export default async function globalSetup(): Promise<void> {
  if (process.env.DATABASE_URL) {
    process.env.TEST_ADMIN_DATABASE_URL = process.env.DATABASE_URL;
    return;
  }
  const folder = mkdtempSync(join(tmpdir(), 'keyuan-test-pg-'));
  chmodSync(folder, 0o755);
  const pg = await startEmbeddedPostgres({
    dir: join(folder, 'data'),
    database: 'postgres',
    settings: { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off', max_connections: '300' },
  }).catch((e: unknown) => {
    if (!(e instanceof EmbeddedPostgresError)) throw e;
    console.error(e.message); // the sentence says what to do; a stack trace would not
    process.exit(1);
  });
  (globalThis as { __KEYUAN_PG__?: TestPostgres }).__KEYUAN_PG__ = { pg, folder };
  process.env.TEST_ADMIN_DATABASE_URL = pg.url;
}
