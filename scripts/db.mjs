// `pnpm db:migrate` / `pnpm db:seed`: build the API if it is missing or stale, then run the script
// (DATABASE_URL, or the embedded PostgreSQL under EMBEDDED_PG_DIR).
import { join } from 'node:path';
import { BUILDS, buildWhatIsMissing, root, run } from './lib.mjs';

const task = process.argv[2];
if (!['migrate', 'seed', 'backup', 'restore'].includes(task)) {
  console.error('usage: node scripts/db.mjs migrate|seed|backup [file]|restore <file>');
  process.exit(2);
}
await buildWhatIsMissing(BUILDS.filter((b) => b.name !== '@keyuan/web'));
if (task === 'backup' || task === 'restore') await run(process.execPath, [join(root, 'apps/api/dist/scripts/backup.js'), task, ...process.argv.slice(3)]);
else await run(process.execPath, [join(root, 'apps/api/dist/scripts', `${task}.js`)]);
