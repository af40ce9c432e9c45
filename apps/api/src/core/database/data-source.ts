import { DataSource, DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../../migrations';
import { SnakeNamingStrategy } from './snake-naming.strategy';
import { SqlFileLogger } from './sql-file-logger';
import { TypeOrmNestLogger } from './typeorm-nest-logger';

/** Entities are registered by each module (TypeOrmModule.forFeature + autoLoadEntities), so core names none. */
/**
 * `sqlLogFile`: also append every statement with its parameters to that file (SQL_LOG_FILE).
 * The data source is always on the primary: read replicas (DATABASE_READ_URL) are core/database/replica-set's
 * pools, used by core/database/read-routing.
 */
export function dataSourceOptions(url: string, poolSize = 10, sqlLogFile?: string): DataSourceOptions {
  return {
    type: 'postgres',
    url,
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
