import { Logger } from '@nestjs/common';
import { DataSource, type DataSourceOptions } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { installReadRouting } from './read-routing';
import { ReplicaSet } from './replica-set';

/**
 * The API's data source, on the primary; with DATABASE_READ_URL, also the replicas' pools, their background
 * check (reachability and lag) and the read routing over them. A replica down at boot does not stop the API:
 * its reads run on the primary until a check finds it up.
 */
export async function openRoutedDataSource(options: DataSourceOptions, config: AppConfig): Promise<DataSource> {
  const ds = new DataSource(options);
  if (!config.databaseReadUrls.length) return ds.initialize();
  const logger = new Logger('Database');
  const replicas = new ReplicaSet({
    urls: config.databaseReadUrls,
    poolSize: config.dbPoolSize,
    connectTimeoutMs: config.databaseReadConnectTimeoutMs,
    maxLagMs: config.databaseReadMaxLagMs,
    checkIntervalMs: config.databaseReadCheckIntervalMs,
    applicationName: 'keyuan-api',
    primaryLsn: async () => ((await ds.query(`SELECT pg_current_wal_lsn()::text AS lsn`)) as { lsn: string }[])[0].lsn,
    warn: (m) => logger.warn(m),
    log: (m) => logger.log(m),
  });
  let warned = 0;
  installReadRouting(ds, replicas, (e) => {
    if (Date.now() - warned < 60_000) return;
    warned = Date.now();
    logger.warn(`A read failed on a replica and ran on the primary (${e instanceof Error ? e.message : String(e)})`);
  });
  await ds.initialize();
  await replicas.start();
  const destroy = ds.destroy.bind(ds);
  ds.destroy = async () => {
    await replicas.stop();
    return destroy();
  };
  (ds as DataSource & { replicas?: ReplicaSet }).replicas = replicas;
  return ds;
}

/** The replicas behind a data source opened by openRoutedDataSource (undefined without DATABASE_READ_URL). */
export function replicasOf(ds: DataSource): ReplicaSet | undefined {
  return (ds as DataSource & { replicas?: ReplicaSet }).replicas;
}
