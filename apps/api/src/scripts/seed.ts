import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { AppModule } from '../app.module';
import { loadConfig } from '@core/config/app-config';
import { openDatabaseOrExit, runMigrations } from '@core/database/database';
import { DemoDataService } from '@modules/admin/bootstrap/demo-data.service';

/** `pnpm db:seed`: load the demo data once (skips when it is already there). */
async function main() {
  const config = { ...loadConfig(), seedDemo: false };
  const db = await openDatabaseOrExit(config);
  try {
    await runMigrations(db.url);
    const app = await NestFactory.createApplicationContext(AppModule.forRoot(config, db.url), { logger: ['error', 'warn'] });
    await app.init();
    const ds = app.get(DataSource);
    const seeded: unknown[] = await ds.query(`SELECT 1 FROM system_settings WHERE key = 'demo_seeded'`);
    if (seeded.length) console.log('Demo data is already loaded');
    else await ds.transaction((m) => app.get(DemoDataService).seed(m));
    await app.close();
  } finally {
    await db.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
