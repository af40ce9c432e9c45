// `pnpm start`: builds whatever is missing or out of date, then runs the production server
// (API + SPA on one port; embedded PostgreSQL unless DATABASE_URL is set; demo data on first start).
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { buildWhatIsMissing, root } from './lib.mjs';

await buildWhatIsMissing();
const child = spawn(process.execPath, [join(root, 'apps/api/dist/main.js')], {
  cwd: root,
  stdio: 'inherit',
  env: { NODE_ENV: 'production', LOG_FORMAT: process.env.LOG_FORMAT ?? 'text', ...process.env },
});
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
