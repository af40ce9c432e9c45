import type { DataSource, QueryRunner, ReplicationMode } from 'typeorm';
import { currentDatabaseRouting, type DatabaseRouting } from '../context/request-context';
import { replicaErrorKind, type ReplicaSet } from './replica-set';

/**
 * Read routing: the data source is opened on the primary alone and `replicas` (core/database/replica-set) holds
 * the replicas' pools; this file decides which statements use them. Every query runner starts on the primary.
 *
 * A query runner created while a request is served decides its connection on its FIRST statement: a pure read
 * (SELECT / WITH / EXPLAIN / VALUES / TABLE / SHOW that locks and writes nothing) outside a transaction goes to
 * a replica when the request's routing says `replica` and some replica may take reads (reachable, not lagging);
 * anything else (a write, a transaction, DDL, `SET`) goes to the primary. A runner is one statement for
 * `ds.query()`, a query builder's `getMany()` or a stream, and a whole transaction for `ds.transaction()` (its
 * first statement is START TRANSACTION), so a read inside a transaction never leaves the primary.
 * A statement that writes marks the request (`wrote`) and turns its remaining reads to the primary.
 *
 * A replica that fails costs the read its offload, not its answer: a connection that cannot be had, and a read
 * that fails because the replica is unavailable (connection refused/reset, PgBouncer errors, 57P01 shutdown)
 * or was cancelled by a hot-standby recovery conflict (40001), run again on the primary, once, within the
 * same request; the rest of the request then reads the primary. A stream that already started is not
 * re-run (its rows may be on their way to the client): only its connection falls back.
 */
export function installReadRouting(ds: DataSource, replicas: ReplicaSet, onReplicaError?: (e: unknown) => void): void {
  const driver = ds.driver as unknown as {
    isReplicated?: boolean;
    createQueryRunner(mode: ReplicationMode): QueryRunner;
    obtainSlaveConnection(): Promise<unknown>;
    connectedQueryRunners: unknown[];
  };
  driver.isReplicated = true;
  driver.obtainSlaveConnection = () => replicas.acquire();
  const create = driver.createQueryRunner.bind(driver);
  driver.createQueryRunner = () => {
    // TypeORM asks for `slave` for every query builder read; only the routing below may send one there
    const runner = create('master');
    const routing = currentDatabaseRouting();
    if (routing) routeRunner(runner, routing, replicas, driver.connectedQueryRunners, onReplicaError);
    return runner;
  };
}

/** The PostgresQueryRunner members routing touches. */
interface Runner {
  isTransactionActive: boolean;
  isReleased: boolean;
  connect(): Promise<unknown>;
  databaseConnection?: unknown;
  databaseConnectionPromise?: unknown;
  releaseCallback?: (err?: unknown) => void;
  mode: ReplicationMode;
  query(sql: string, parameters?: unknown[], structured?: boolean): Promise<unknown>;
  stream(sql: string, parameters?: unknown[], onEnd?: unknown, onError?: unknown): Promise<unknown>;
}

function routeRunner(qr: QueryRunner, routing: DatabaseRouting, replicas: ReplicaSet, connected: unknown[], onReplicaError?: (e: unknown) => void): void {
  const runner = qr as unknown as Runner;
  /** Gives the replica connection back (broken: the pool drops it) and points the runner at the primary. */
  const toPrimary = (e: unknown) => {
    onReplicaError?.(e);
    routing.reads = 'primary';
    if (!runner.isReleased) runner.releaseCallback?.(e instanceof Error ? e : true);
    const i = connected.indexOf(runner);
    if (i !== -1) connected.splice(i, 1);
    runner.releaseCallback = undefined;
    runner.databaseConnection = undefined;
    runner.databaseConnectionPromise = undefined;
    runner.isReleased = false;
    runner.mode = 'master';
  };
  const connect = runner.connect.bind(runner);
  runner.connect = async () => {
    if (runner.mode !== 'slave') return connect();
    try {
      return await connect();
    } catch (e) {
      // TypeORM keeps the failed promise: forget it, and take the primary
      toPrimary(e);
      return connect();
    }
  };
  const decide = (sql: string) => {
    const kind = statementKind(sql);
    if (kind === 'write') {
      routing.wrote = true;
      routing.reads = 'primary';
    }
    const unconnected = !runner.databaseConnection && !runner.databaseConnectionPromise;
    if (unconnected && !runner.isTransactionActive && kind === 'read' && routing.reads === 'replica' && replicas.usable()) runner.mode = 'slave';
  };
  const query = runner.query.bind(runner);
  const stream = runner.stream.bind(runner);
  runner.query = async (sql, parameters, structured) => {
    decide(sql);
    if (runner.mode !== 'slave') return query(sql, parameters, structured);
    try {
      return await query(sql, parameters, structured);
    } catch (e) {
      const kind = replicaErrorKind(e);
      if (kind === 'other' || runner.isTransactionActive || runner.mode !== 'slave') throw e;
      if (kind === 'unavailable') replicas.markDownConnection(runner.databaseConnection, e instanceof Error ? e.message : String(e));
      toPrimary(e);
      return query(sql, parameters, structured);
    }
  };
  runner.stream = (sql, parameters, onEnd, onError) => {
    decide(sql);
    return stream(sql, parameters, onEnd, onError);
  };
}

/** `read`: may run on a replica; `control`: transaction control and settings (primary, writes nothing); `write`: anything else. */
export type StatementKind = 'read' | 'control' | 'write';

const READ_START = /^[\s(]*(SELECT|WITH|EXPLAIN|VALUES|TABLE|SHOW)\b/i;
const CONTROL_START = /^\s*(START\s+TRANSACTION|BEGIN|COMMIT|END|ROLLBACK|SAVEPOINT|RELEASE|SET|RESET|SHOW)\b/i;
/** Words that make a SELECT/WITH write, lock or touch session state (data-modifying CTEs, sequences, locks, NOTIFY). */
const SIDE_EFFECTS =
  /\b(INSERT|UPDATE|DELETE|MERGE|TRUNCATE|nextval|setval|set_config|pg_notify|pg_advisory_\w+|pg_try_advisory_\w+|txid_current|pg_current_xact_id|lo_\w+)\b|\bFOR\s+(NO\s+KEY\s+UPDATE|UPDATE|SHARE|KEY\s+SHARE)\b|\bINTO\b/i;

/** Classifies one SQL statement; string literals, quoted identifiers and comments are ignored. */
export function statementKind(sql: string): StatementKind {
  const text = sql
    .replace(/--[^\n]*/g, ' ')
    .replace(/\/\*[\s\S]*?\*\//g, ' ')
    .replace(/'(?:[^']|'')*'/g, "''")
    .replace(/"(?:[^"]|"")*"/g, '""');
  if (READ_START.test(text) && !SIDE_EFFECTS.test(text)) return 'read';
  if (CONTROL_START.test(text)) return 'control';
  return 'write';
}
