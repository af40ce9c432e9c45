import { appendFileSync } from 'node:fs';
import type { Logger as TypeOrmLogger } from 'typeorm';

/**
 * Appends every SQL statement with its parameters to a file, one JSON line each (`SQL_LOG_FILE`).
 * For diagnosis and for the benchmark kit, which replays the exact statements of a request on a
 * framework-free server; synchronous writes keep the order and cost time, so never in normal use.
 */
export class SqlFileLogger implements TypeOrmLogger {
  constructor(private readonly file: string) {}

  logQuery(query: string, parameters?: unknown[]): void {
    appendFileSync(this.file, JSON.stringify({ t: Date.now(), sql: query, params: parameters ?? [] }) + '\n');
  }

  logQueryError(error: string | Error, query: string, parameters?: unknown[]): void {
    appendFileSync(this.file, JSON.stringify({ t: Date.now(), sql: query, params: parameters ?? [], error: String(error) }) + '\n');
  }

  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}
