import { Logger } from '@nestjs/common';
import type { Logger as TypeOrmLogger } from 'typeorm';

/**
 * TypeORM's messages through Nest's logger, so they take the app's format and levels. A failed query is
 * a warning: most are expected and answered (a unique clash becomes a 409), and one that is not reaches
 * the problem filter, which logs it as an error with its SQL. Tests log errors only (TEST_LOGS=true shows all).
 */
export class TypeOrmNestLogger implements TypeOrmLogger {
  private readonly logger = new Logger('SQL');

  logQuery(): void {}

  logQueryError(error: string | Error, query: string, parameters?: unknown[]): void {
    const params = parameters?.length ? ` -- ${JSON.stringify(parameters).slice(0, 500)}` : '';
    this.logger.warn(`query failed: ${error instanceof Error ? error.message : error}: ${query}${params}`);
  }

  logQuerySlow(time: number, query: string): void {
    this.logger.warn(`slow query (${time} ms): ${query}`);
  }

  logSchemaBuild(): void {}

  logMigration(): void {}

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.logger.warn(String(message));
  }
}
