import { loadConfig } from '@core/config/app-config';
import { openDatabaseOrExit, runMigrations } from '@core/database/database';

/** `pnpm db:migrate`: apply pending migrations to DATABASE_URL or the embedded database. */
async function main() {
  const config = loadConfig();
  const db = await openDatabaseOrExit(config);
  try {
    const applied = await runMigrations(db.url);
    console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Database is up to date');
  } finally {
    await db.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
