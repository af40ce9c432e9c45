// `pnpm start`: builds whatever is missing or out of date, then runs the production server
// (API + SPA on one port; embedded PostgreSQL unless DATABASE_URL is set; demo data on first start).
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { buildWhatIsMissing, root } from './lib.mjs';

await buildWhatIsMissing();
// V8 sized for a 4 GB heap lets garbage pile up to 400+ MB before a full collection (an import of 100,000 rows
// peaked at 467 MB RSS with a live heap of ~75 MB); a 256 MB old space keeps it near 230 MB. NODE_OPTIONS wins.
const heap = /max-old-space-size/.test(process.env.NODE_OPTIONS ?? '') ? [] : ['--max-old-space-size=256'];
const child = spawn(process.execPath, [...heap, join(root, 'apps/api/dist/main.js')], {
  cwd: root,
  stdio: 'inherit',
  env: { NODE_ENV: 'production', LOG_FORMAT: process.env.LOG_FORMAT ?? 'text', ...process.env },
});
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
