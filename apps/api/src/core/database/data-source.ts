import { DataSource, DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../../migrations';
import { SnakeNamingStrategy } from './snake-naming.strategy';
import { SqlFileLogger } from './sql-file-logger';
import { TypeOrmNestLogger } from './typeorm-nest-logger';

/** Entities are registered by each module (TypeOrmModule.forFeature + autoLoadEntities), so core names none. */
/**
 * `sqlLogFile`: also append every statement with its parameters to that file (SQL_LOG_FILE).
 * `readUrls` (DATABASE_READ_URL): streaming replicas, each with its own pool of `poolSize`; TypeORM's
 * replication then holds the pools and core/database/read-routing decides which statements use them
 * (`defaultMode: 'master'`: nothing reaches a replica unless routed there).
 */
export function dataSourceOptions(url: string, poolSize = 10, sqlLogFile?: string, readUrls: string[] = []): DataSourceOptions {
  return {
    type: 'postgres',
    ...(readUrls.length
      ? { replication: { master: { url }, slaves: readUrls.map((u) => ({ url: u })), defaultMode: 'master' as const } }
      : { url }),
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    namingStrategy: new SnakeNamingStrategy(),
    extra: { max: poolSize, application_name: 'keyuan-api' },
    ...(sqlLogFile
      ? { logging: ['query', 'error'], logger: new SqlFileLogger(sqlLogFile) }
      : { logging: ['error', 'warn'], logger: new TypeOrmNestLogger() }),
  };
}

export function createDataSource(url: string, poolSize?: number): DataSource {
  return new DataSource(dataSourceOptions(url, poolSize));
}
