import 'reflect-metadata';
import { ConsoleLogger, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
import { ConfigError, loadConfig } from '@core/config/app-config';
import { openDatabaseOrExit, runMigrations } from '@core/database/database';
import { configureApp } from '@core/http/configure-app';
import { FirstStartService } from '@modules/admin/bootstrap/first-start.service';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(`Configuration error: ${e.message}`);
      process.exit(2);
    }
    throw e;
  }
  const logger = new ConsoleLogger('Keyuan', { json: config.logJson, colors: !config.logJson });
  const db = await openDatabaseOrExit(config, logger);
  let app: Awaited<ReturnType<typeof NestFactory.create>> | undefined;
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    logger.log(`${signal} received, shutting down`, 'Bootstrap');
    const force = setTimeout(() => process.exit(1), 15000);
    force.unref();
    try {
      await app?.close();
    } finally {
      await db.stop();
      process.exit(0);
    }
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));

  try {
    if (config.runMigrations) {
      const applied = await runMigrations(db.url);
      if (applied.length) logger.log(`Applied migrations: ${applied.join(', ')}`, 'Database');
    }
    app = await NestFactory.create(AppModule.forRoot(config, db.url), { logger, bufferLogs: true });
    configureApp(app, config);
    await app.listen(config.port, config.host);
  } catch (e) {
    logger.error(e instanceof Error ? e.stack : String(e), 'Bootstrap');
    await db.stop();
    process.exit(1);
  }
  const url = `http://localhost:${config.port}`;
  const admin = app.get(FirstStartService).createdAdmin;
  const lines = [
    `Keyuan CRM is running`,
    `  Web app:  ${url}/`,
    `  API:      ${url}/api/v1  (health: ${url}/api/v1/health)`,
    `  API docs: ${url}/docs`,
    admin
      ? `  Log in as ${admin.email} with ${admin.generated ? `the generated password ${admin.password}` : 'ADMIN_PASSWORD'}`
      : `  Log in as ${config.adminEmail} (demo users: rep1@keyuan.local, manager@keyuan.local / Demo123!)`,
  ];
  new Logger('Bootstrap').log(`\n${lines.join('\n')}`);
}

void main();
