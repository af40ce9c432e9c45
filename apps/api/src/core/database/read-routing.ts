import type { DataSource, QueryRunner, ReplicationMode } from 'typeorm';
import { currentDatabaseRouting, type DatabaseRouting } from '../context/request-context';

/**
 * Read routing over TypeORM's replication (`replication: { master, slaves }` with `defaultMode: 'master'`,
 * so nothing goes to a replica unless this file sends it there).
 *
 * Every query runner created while a request is served decides its connection on its FIRST statement:
 * a pure read (SELECT / WITH / EXPLAIN / VALUES / TABLE / SHOW that locks and writes nothing) outside a
 * transaction goes to a replica when the request's routing says `replica`; anything else (a write, a
 * transaction, DDL, `SET`) goes to the primary. A runner is one statement for `ds.query()`, a query
 * builder's `getMany()` or a stream, and a whole transaction for `ds.transaction()` (its first statement
 * is START TRANSACTION), so a read inside a transaction never leaves the primary.
 * A statement that writes marks the request (`wrote`) and turns its remaining reads to the primary.
 */
export function installReadRouting(ds: DataSource, onReplicaError?: (e: unknown) => void): void {
  const driver = ds.driver as unknown as { isReplicated?: boolean; createQueryRunner(mode: ReplicationMode): QueryRunner };
  if (!driver.isReplicated) return;
  const create = driver.createQueryRunner.bind(driver);
  driver.createQueryRunner = (mode: ReplicationMode) => {
    const runner = create(mode);
    const routing = currentDatabaseRouting();
    if (routing) routeRunner(runner, routing, onReplicaError);
    return runner;
  };
}

/** The PostgresQueryRunner members routing touches. */
interface Runner {
  isTransactionActive: boolean;
  connect(): Promise<unknown>;
  databaseConnection?: unknown;
  databaseConnectionPromise?: unknown;
  mode: ReplicationMode;
  query(sql: string, parameters?: unknown[], structured?: boolean): Promise<unknown>;
  stream(sql: string, parameters?: unknown[], onEnd?: unknown, onError?: unknown): Promise<unknown>;
}

function routeRunner(qr: QueryRunner, routing: DatabaseRouting, onReplicaError?: (e: unknown) => void): void {
  const runner = qr as unknown as Runner;
  // a replica that cannot be reached costs the read its offload, not its answer: it runs on the primary
  const connect = runner.connect.bind(runner);
  runner.connect = async () => {
    if (runner.mode !== 'slave') return connect();
    try {
      return await connect();
    } catch (e) {
      onReplicaError?.(e);
      runner.mode = 'master';
      runner.databaseConnectionPromise = undefined;
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
    if (unconnected && !runner.isTransactionActive && kind === 'read' && routing.reads === 'replica') runner.mode = 'slave';
  };
  const query = runner.query.bind(runner);
  const stream = runner.stream.bind(runner);
  runner.query = (sql, parameters, structured) => {
    decide(sql);
    return query(sql, parameters, structured);
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
