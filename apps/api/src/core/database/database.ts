import type { LoggerService } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { createDataSource } from './data-source';
import { EmbeddedPostgresError, startEmbeddedPostgres } from './embedded-postgres';

export interface DatabaseHandle {
  url: string;
  embedded: boolean;
  stop(): Promise<void>;
}

/** DATABASE_URL when set; otherwise an embedded PostgreSQL with its data under EMBEDDED_PG_DIR. */
export async function openDatabase(config: AppConfig, logger?: LoggerService): Promise<DatabaseHandle> {
  if (config.databaseUrl) return { url: config.databaseUrl, embedded: false, stop: async () => undefined };
  const pg = await startEmbeddedPostgres({
    dir: config.embeddedPgDir,
    port: config.embeddedPgPort || undefined,
    database: 'keyuan',
    logger: logger ? { log: (m: string) => logger.log(m, 'Database'), warn: (m: string) => logger.warn(m, 'Database') } : undefined,
  });
  logger?.log(`Embedded PostgreSQL running, data in ${config.embeddedPgDir}`, 'Database');
  return { url: pg.url, embedded: true, stop: () => pg.stop() };
}

/**
 * openDatabase for the entry points (server, db:migrate, db:seed): a database that cannot start ends the
 * process with the one sentence that says what to do, not a stack trace.
 */
export async function openDatabaseOrExit(config: AppConfig, logger?: LoggerService): Promise<DatabaseHandle> {
  try {
    return await openDatabase(config, logger);
  } catch (e) {
    if (!(e instanceof EmbeddedPostgresError)) throw e;
    if (logger) logger.error(e.message, 'Database');
    else console.error(e.message);
    process.exit(1);
  }
}

/** Applies pending migrations (each in its own transaction); returns the names applied. */
export async function runMigrations(url: string): Promise<string[]> {
  const ds = createDataSource(url, 2);
  await ds.initialize();
  try {
    const applied = await ds.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await ds.destroy();
  }
}
