// `pnpm test`: every check, in order — build, lint, types, OpenAPI/SDK drift, API unit + e2e tests
// (real PostgreSQL: DATABASE_URL or embedded), web unit tests, bundle budget, then the production
// server booted on a fresh embedded PostgreSQL with demo data and driven by the browser tests.
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { freePort, root, run, waitForHttp } from './lib.mjs';

const only = process.argv.slice(2);
const started = Date.now();
const timings = [];
async function step(name, fn) {
  if (only.length && !only.includes(name)) return;
  const t0 = Date.now();
  console.log(`\n━━ ${name} ━━`);
  await fn();
  timings.push([name, ((Date.now() - t0) / 1000).toFixed(1)]);
}

const webPkg = join(root, 'apps/web/package.json');
const webScripts = existsSync(webPkg) ? JSON.parse(readFileSync(webPkg, 'utf8')).scripts ?? {} : {};
const pnpm = (...args) => run('pnpm', args);

// build first: type checks and lint of the apps need the built workspace libraries (libs/shared)
await step('build', () => pnpm('build'));
await step('lint', () => pnpm('lint'));
await step('typecheck', () => pnpm('typecheck'));
await step('openapi', () => pnpm('openapi:check'));
await step('api', () =>
  pnpm('--filter', '@keyuan/api', 'exec', 'jest', '--ci', `--maxWorkers=${process.env.JEST_WORKERS ?? 2}`),
);
if (webScripts.test) await step('web', () => pnpm('--filter', '@keyuan/web', 'run', 'test'));
if (webScripts['check:bundle']) await step('bundle', () => pnpm('--filter', '@keyuan/web', 'run', 'check:bundle'));
await step('e2e', async () => {
  // The production server exactly as `pnpm start` runs it, on a fresh embedded PostgreSQL (the path a
  // new user takes), with demo data, then the browser tests against it and a graceful shutdown.
  const dataDir = mkdtempSync(join(tmpdir(), 'keyuan-e2e-'));
  chmodSync(dataDir, 0o755); // as root, PostgreSQL runs as the postgres OS user, which must reach its data
  // where the server really keeps it (a shared folder when the temp folder is private): removed at the end
  const { usableDataDir } = createRequire(import.meta.url)(join(root, 'apps/api/dist/core/database/embedded-postgres.js'));
  const pgDir = usableDataDir(join(dataDir, 'pg'));
  const port = await freePort();
  const env = { ...process.env, NODE_ENV: 'production', PORT: String(port), EMBEDDED_PG_DIR: join(dataDir, 'pg'),
    ADMIN_EMAIL: 'admin@keyuan.local', ADMIN_PASSWORD: 'Admin123!', SEED_DEMO: 'true', LOG_REQUESTS: 'false', LOG_FORMAT: 'text',
    // the browser tests sign in many times within a minute
    AUTH_RATE_LIMIT: '1000/60' };
  delete env.DATABASE_URL;
  const server = spawn(process.execPath, [join(root, 'apps/api/dist/main.js')], { cwd: root, env, stdio: 'inherit' });
  const exited = new Promise((resolve) => server.on('exit', (code, signal) => resolve({ code, signal })));
  try {
    await Promise.race([
      waitForHttp(`http://127.0.0.1:${port}/api/v1/health`, 90000),
      exited.then(({ code }) => { throw new Error(`server exited early (code ${code})`); }),
    ]);
    const docs = await fetch(`http://127.0.0.1:${port}/docs-json`);
    if (!docs.ok) throw new Error('/docs-json is not served');
    if (webScripts['test:e2e']) {
      await run('pnpm', ['--filter', '@keyuan/web', 'run', 'test:e2e'], {
        env: { ...process.env, E2E_BASE_URL: `http://127.0.0.1:${port}`, E2E_ADMIN_EMAIL: env.ADMIN_EMAIL, E2E_ADMIN_PASSWORD: env.ADMIN_PASSWORD },
      });
    }
  } finally {
    server.kill('SIGTERM');
    const { code } = await Promise.race([exited, new Promise((r) => setTimeout(() => r({ code: 'timeout' }), 20000))]);
    rmSync(dataDir, { recursive: true, force: true });
    if (!pgDir.startsWith(dataDir)) rmSync(dirname(pgDir), { recursive: true, force: true });
    if (code !== 0) throw new Error(`server did not shut down cleanly on SIGTERM (${code})`);
  }
});

console.log('\n━━ summary ━━');
for (const [name, s] of timings) console.log(`  ${name.padEnd(10)} ${s} s`);
console.log(`  total      ${((Date.now() - started) / 1000).toFixed(1)} s — all green`);
