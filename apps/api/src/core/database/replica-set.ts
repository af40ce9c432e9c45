import { Pool, type PoolClient } from 'pg';

export interface ReplicaSetOptions {
  /** DATABASE_READ_URL: one pool per URL, opened lazily (a replica down at boot is simply not used yet). */
  urls: string[];
  poolSize: number;
  /** DATABASE_READ_CONNECT_TIMEOUT_MS: a connection (or a free pool slot) not had within this is a failure. */
  connectTimeoutMs: number;
  /** DATABASE_READ_MAX_LAG_MS: a replica further behind the primary is skipped until it catches up (0: no limit). */
  maxLagMs: number;
  /** DATABASE_READ_CHECK_INTERVAL_MS: how often each replica's reachability and lag are checked. */
  checkIntervalMs: number;
  applicationName?: string;
  /** The primary's current WAL position (`pg_current_wal_lsn()`), read once per check. */
  primaryLsn: () => Promise<string>;
  warn?: (message: string) => void;
  log?: (message: string) => void;
}

type ReplicaState = 'unknown' | 'up' | 'lagging' | 'down';

interface Replica {
  /** host:port/database, never the password */
  label: string;
  pool: Pool;
  state: ReplicaState;
  lagMs: number | null;
}

/** Parses a pg_lsn text (`16/B374D848`) into a comparable number. */
export function parseLsn(lsn: string): bigint {
  const [hi, lo] = lsn.split('/');
  return (BigInt(`0x${hi}`) << 32n) + BigInt(`0x${lo}`);
}

/**
 * The replica's lag from the primary positions sampled at earlier checks: the replica has not replayed what the
 * primary had written at the oldest sample beyond its replay position, so it is at least that old. No clocks are
 * compared across servers, an idle primary shows no lag, and a replica whose WAL stream is cut shows its true
 * staleness (pg_last_xact_replay_timestamp() does neither).
 */
export function lagFromSamples(samples: readonly { at: number; lsn: bigint }[], replay: bigint, now: number): number {
  const behind = samples.find((s) => s.lsn > replay);
  return behind ? Math.max(0, now - behind.at) : 0;
}

const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
const CONNECTION_MESSAGE =
  /connection terminated|not queryable|timeout exceeded when trying to connect|connection timeout|server closed the connection|pgbouncer|server conn crashed|query_wait_timeout|no more connections allowed|the database system is (starting up|shutting down|in recovery mode)/i;

function errorParts(e: unknown): { code?: string; message: string }[] {
  const parts: { code?: string; message: string }[] = [];
  for (let x: unknown = e, depth = 0; x && typeof x === 'object' && depth < 3; depth++) {
    const o = x as { code?: unknown; message?: unknown; driverError?: unknown; cause?: unknown };
    parts.push({ code: typeof o.code === 'string' ? o.code : undefined, message: typeof o.message === 'string' ? o.message : '' });
    x = o.driverError ?? o.cause;
  }
  return parts;
}

/**
 * `unavailable`: the replica (or PgBouncer in front of it) cannot serve at all — refused/reset/timed-out
 * connections, SQLSTATE class 08 (PgBouncer answers its own failures with 08P01), 57P01–57P03 (shut down,
 * crashed, starting up), 53300 (too many connections); `conflict`: a hot-standby recovery conflict cancelled
 * the statement (40001 / 40P01, "conflict with recovery") — the replica is fine, that statement is not;
 * `other`: the statement's own error (syntax, a constraint, a timeout it asked for), never retried.
 */
export function replicaErrorKind(e: unknown): 'unavailable' | 'conflict' | 'other' {
  const parts = errorParts(e);
  if (parts.some((p) => p.code === '40001' || p.code === '40P01' || /conflict with recovery/i.test(p.message))) return 'conflict';
  if (
    parts.some(
      (p) =>
        (p.code && (CONNECTION_CODES.has(p.code) || p.code.startsWith('08') || ['57P01', '57P02', '57P03', '53300'].includes(p.code))) ||
        CONNECTION_MESSAGE.test(p.message),
    )
  ) {
    return 'unavailable';
  }
  return 'other';
}

/**
 * The read replicas: their pools, and which of them may take reads now. A background check every
 * `checkIntervalMs` asks each replica for its replay position (bounded by the connect timeout) and compares it
 * with the primary's recent positions: an unreachable replica is `down`, one further behind than `maxLagMs`
 * is `lagging`, and neither takes reads until a later check finds it back. A query that finds a replica
 * unreachable marks it down at once (`markDown`), so the following requests do not try it again.
 */
export class ReplicaSet {
  private readonly replicas: Replica[];
  private readonly owner = new WeakMap<PoolClient, Replica>();
  private samples: { at: number; lsn: bigint }[] = [];
  private timer?: NodeJS.Timeout;
  private checking?: Promise<void>;

  constructor(private readonly options: ReplicaSetOptions) {
    this.replicas = options.urls.map((url) => {
      const pool = new Pool({
        connectionString: url,
        max: options.poolSize,
        connectionTimeoutMillis: options.connectTimeoutMs,
        application_name: options.applicationName,
      });
      const replica: Replica = { label: label(url), pool, state: 'unknown', lagMs: null };
      // an idle connection that dies (replica restart) must not crash the process; the pool drops it
      pool.on('error', () => this.markDown(replica, 'an idle connection was closed'));
      pool.on('connect', (client) => this.owner.set(client, replica));
      return replica;
    });
  }

  /** Some replica may take reads now. */
  usable(): boolean {
    return this.replicas.some((r) => r.state === 'up');
  }

  /** The replicas' states, for logs and tests. */
  status(): { label: string; state: ReplicaState; lagMs: number | null }[] {
    return this.replicas.map(({ label, state, lagMs }) => ({ label, state, lagMs }));
  }

  /** A connection to a replica that may take reads (one at random); rejects when none may. */
  async acquire(): Promise<[PoolClient, (err?: Error | boolean) => void]> {
    const up = this.replicas.filter((r) => r.state === 'up');
    if (!up.length) throw Object.assign(new Error('No read replica is available'), { code: 'ECONNREFUSED' });
    const replica = up[Math.floor(Math.random() * up.length)];
    try {
      const client = await replica.pool.connect();
      return [client, (err) => client.release(err)];
    } catch (e) {
      if (replicaErrorKind(e) === 'unavailable') this.markDown(replica, message(e));
      throw e;
    }
  }

  /** The replica a connection came from stops taking reads until a check finds it reachable again. */
  markDownConnection(client: unknown, reason: string): void {
    const replica = client && typeof client === 'object' ? this.owner.get(client as PoolClient) : undefined;
    if (replica) this.markDown(replica, reason);
  }

  private markDown(replica: Replica, reason: string): void {
    if (replica.state === 'down') return;
    replica.state = 'down';
    this.options.warn?.(`Read replica ${replica.label} is unavailable (${reason}); its reads run on the primary until it answers again`);
  }

  /** Checks once now, then every checkIntervalMs (the timer does not keep the process alive). */
  async start(): Promise<void> {
    await this.check();
    this.timer = setInterval(() => void this.check(), this.options.checkIntervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.checking;
    await Promise.all(this.replicas.map((r) => r.pool.end().catch(() => undefined)));
  }

  /** One round of checks (a round still running is joined, not doubled). */
  check(): Promise<void> {
    this.checking ??= this.round().finally(() => (this.checking = undefined));
    return this.checking;
  }

  private async round(): Promise<void> {
    const { maxLagMs, checkIntervalMs } = this.options;
    const at = Date.now();
    try {
      this.samples.push({ at, lsn: parseLsn(await this.options.primaryLsn()) });
    } catch {
      // the primary did not answer: judge the replicas by the positions already sampled
    }
    // old enough samples to show any lag beyond the limit, no more
    const keep = at - Math.max(maxLagMs, 1000) - 2 * checkIntervalMs;
    while (this.samples.length > 1 && this.samples[0].at < keep) this.samples.shift();
    await Promise.all(this.replicas.map((r) => this.checkOne(r)));
  }

  private async checkOne(replica: Replica): Promise<void> {
    let client: PoolClient | undefined;
    let timer: NodeJS.Timeout | undefined;
    try {
      client = await replica.pool.connect();
      const c = client;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${this.options.connectTimeoutMs} ms`)), this.options.connectTimeoutMs);
      });
      const { rows } = await Promise.race([
        c.query<{ standby: boolean; replay: string | null }>(`SELECT pg_is_in_recovery() AS standby, pg_last_wal_replay_lsn()::text AS replay`),
        timeout,
      ]);
      client.release();
      client = undefined;
      const { standby, replay } = rows[0];
      // not in recovery: a promoted replica (or the primary itself) is never behind
      const lag = !standby ? 0 : replay === null ? Number.POSITIVE_INFINITY : lagFromSamples(this.samples, parseLsn(replay), Date.now());
      this.settle(replica, this.options.maxLagMs > 0 && lag > this.options.maxLagMs ? 'lagging' : 'up', lag);
    } catch (e) {
      client?.release(true);
      this.markDown(replica, message(e));
      replica.lagMs = null;
    } finally {
      clearTimeout(timer);
    }
  }

  private settle(replica: Replica, state: 'up' | 'lagging', lag: number): void {
    const before = replica.state;
    replica.state = state;
    replica.lagMs = Number.isFinite(lag) ? lag : null;
    if (state === before) return;
    const behind = Number.isFinite(lag) ? `${(lag / 1000).toFixed(1)} s` : 'an unknown time';
    if (state === 'lagging') {
      this.options.warn?.(`Read replica ${replica.label} is ${behind} behind the primary (limit ${this.options.maxLagMs} ms); its reads run on the primary until it catches up`);
    } else if (before !== 'unknown') {
      this.options.log?.(`Read replica ${replica.label} takes reads again (${behind} behind)`);
    }
  }
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function label(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || 5432}${u.pathname}`;
  } catch {
    return 'replica';
  }
}
