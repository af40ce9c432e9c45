// `pnpm db:migrate` / `pnpm db:seed`: build the API if it is missing or stale, then run the script
// (DATABASE_URL, or the embedded PostgreSQL under EMBEDDED_PG_DIR).
import { join } from 'node:path';
import { BUILDS, buildWhatIsMissing, root, run } from './lib.mjs';

const task = process.argv[2];
if (task !== 'migrate' && task !== 'seed') {
  console.error('usage: node scripts/db.mjs migrate|seed');
  process.exit(2);
}
await buildWhatIsMissing(BUILDS.filter((b) => b.name !== '@keyuan/web'));
await run(process.execPath, [join(root, 'apps/api/dist/scripts', `${task}.js`)]);
