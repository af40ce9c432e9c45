// A PostgreSQL primary with a streaming replica, from the machine's PostgreSQL binaries (initdb, postgres,
// pg_basebackup), on free loopback ports and in a temporary folder; as root the servers run as the postgres
// OS user, like the embedded PostgreSQL. Used by the read-replica e2e test.
import type { ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { freePort, postgresUser, runPg } from '@core/database/embedded-postgres';

const PROGRAMS = ['initdb', 'postgres', 'pg_basebackup'];

/** PG_BIN_DIR, else the newest /usr/lib/postgresql/<version>/bin holding initdb, postgres and pg_basebackup; null when none does. */
export function machinePostgresBin(): string | null {
  const candidates = process.env.PG_BIN_DIR
    ? [process.env.PG_BIN_DIR]
    : existsSync('/usr/lib/postgresql')
      ? readdirSync('/usr/lib/postgresql')
          .filter((v) => /^\d+$/.test(v))
          .sort((x, y) => Number(y) - Number(x))
          .map((v) => `/usr/lib/postgresql/${v}/bin`)
      : [];
  return candidates.find((dir) => PROGRAMS.every((p) => existsSync(join(dir, p)))) ?? null;
}

export interface ReplicatedPostgres {
  primaryUrl: string;
  replicaUrl: string;
  /** Runs SQL on the primary's or the replica's `keyuan` database with a connection of its own. */
  sql<T = Record<string, unknown>>(on: 'primary' | 'replica', text: string, params?: unknown[]): Promise<T[]>;
  /** Stops the replica only (an outage). */
  stopReplica(): Promise<void>;
  stop(): Promise<void>;
}

const SETTINGS = {
  listen_addresses: '127.0.0.1',
  unix_socket_directories: '',
  fsync: 'off',
  full_page_writes: 'off',
  max_connections: '60',
  wal_level: 'replica',
  max_wal_senders: '4',
  hot_standby: 'on',
};

const settingArgs = () => Object.entries(SETTINGS).flatMap(([k, v]) => ['-c', `${k}=${v}`]);

/** Starts the pair; `prepare(primaryUrl)` runs on the primary's empty `keyuan` database before the replica is copied from it. */
export async function startReplicatedPostgres(bin: string, prepare?: (url: string) => Promise<void>): Promise<ReplicatedPostgres> {
  const user = postgresUser();
  const folder = mkdtempSync(join(tmpdir(), 'keyuan-replica-test-'));
  chmodSync(folder, 0o755);
  const primaryDir = join(folder, 'primary');
  const replicaDir = join(folder, 'replica');
  for (const d of [primaryDir, replicaDir]) {
    mkdirSync(d, { mode: 0o700 });
    if (user.uid !== undefined) chownSync(d, user.uid, user.gid!);
  }
  const servers: ChildProcess[] = [];
  const stopServer = async (p: ChildProcess) => {
    if (p.exitCode !== null || p.signalCode !== null) return;
    const exited = new Promise<void>((r) => p.once('exit', () => r()));
    p.kill('SIGINT');
    const timer = setTimeout(() => p.kill('SIGQUIT'), 5000);
    await exited;
    clearTimeout(timer);
  };
  // a worker that dies without stop() must not leave the servers behind
  const killAll = () => servers.forEach((p) => p.kill('SIGQUIT'));
  process.once('exit', killAll);
  const stop = async () => {
    process.removeListener('exit', killAll);
    for (const p of [...servers].reverse()) await stopServer(p);
    rmSync(folder, { recursive: true, force: true });
  };
  try {
    await runPg(join(bin, 'initdb'), [`--pgdata=${primaryDir}`, '--auth=trust', '--username=postgres', '--encoding=UTF8', '--locale=C.UTF-8', '--lc-messages=C'], user);
    const primaryPort = await freePort();
    servers.push(await runPg(join(bin, 'postgres'), ['-D', primaryDir, '-p', String(primaryPort), ...settingArgs()], user, (log) => log.includes('ready to accept connections')));
    const primaryUrl = `postgres://postgres@127.0.0.1:${primaryPort}/keyuan`;
    await withClient(`postgres://postgres@127.0.0.1:${primaryPort}/postgres`, (c) => c.query(`CREATE DATABASE keyuan TEMPLATE template0 ENCODING 'UTF8'`));
    if (prepare) await prepare(primaryUrl);
    // -R: standby.signal and primary_conninfo, so the copy starts as a streaming standby
    await runPg(join(bin, 'pg_basebackup'), ['-h', '127.0.0.1', '-p', String(primaryPort), '-U', 'postgres', '-D', replicaDir, '-R', '-X', 'stream', '-c', 'fast'], user);
    const replicaPort = await freePort();
    servers.push(await runPg(join(bin, 'postgres'), ['-D', replicaDir, '-p', String(replicaPort), ...settingArgs()], user, (log) => log.includes('ready to accept read-only connections')));
    const replicaUrl = `postgres://postgres@127.0.0.1:${replicaPort}/keyuan`;
    return {
      primaryUrl,
      replicaUrl,
      sql: (on, text, params) => withClient(on === 'primary' ? primaryUrl : replicaUrl, async (c) => (await c.query(text, params)).rows),
      stopReplica: () => stopServer(servers[1]),
      stop,
    };
  } catch (e) {
    await stop();
    throw e;
  }
}

async function withClient<T>(url: string, fn: (c: Client) => Promise<T>): Promise<T> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** PGBOUNCER_BIN, else Debian's /usr/sbin/pgbouncer; null when missing. */
export function machinePgBouncer(): string | null {
  const file = process.env.PGBOUNCER_BIN || '/usr/sbin/pgbouncer';
  return existsSync(file) ? file : null;
}

/**
 * PgBouncer in transaction mode on a free loopback port, `default_pool_size` server connections per database:
 * `databases` maps a name to `host=… port=… dbname=…`. As root it runs as the postgres OS user.
 */
export async function startPgBouncer(file: string, databases: Record<string, string>, poolSize = 4): Promise<{ port: number; stop(): Promise<void> }> {
  const user = postgresUser();
  const folder = mkdtempSync(join(tmpdir(), 'keyuan-pgbouncer-test-'));
  chmodSync(folder, 0o755);
  const port = await freePort();
  const ini = [
    '[databases]',
    ...Object.entries(databases).map(([name, conn]) => `${name} = ${conn}`),
    '[pgbouncer]',
    'listen_addr = 127.0.0.1',
    `listen_port = ${port}`,
    `unix_socket_dir = ${folder}`,
    'auth_type = trust',
    `auth_file = ${join(folder, 'users.txt')}`,
    'pool_mode = transaction',
    'server_reset_query =',
    `default_pool_size = ${poolSize}`,
    'max_client_conn = 200',
    'ignore_startup_parameters = extra_float_digits',
  ].join('\n');
  writeFileSync(join(folder, 'pgbouncer.ini'), `${ini}\n`);
  writeFileSync(join(folder, 'users.txt'), '"postgres" ""\n');
  if (user.uid !== undefined) for (const f of ['', 'pgbouncer.ini', 'users.txt']) chownSync(join(folder, f), user.uid, user.gid!);
  const server = await runPg(file, [join(folder, 'pgbouncer.ini')], user, (log) => log.includes('process up'));
  const killOnExit = () => server.kill('SIGKILL');
  process.once('exit', killOnExit);
  return {
    port,
    stop: async () => {
      process.removeListener('exit', killOnExit);
      if (server.exitCode === null && server.signalCode === null) {
        const exited = new Promise<void>((r) => server.once('exit', () => r()));
        server.kill('SIGTERM'); // immediate shutdown (SIGINT waits for clients)
        await exited;
      }
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
