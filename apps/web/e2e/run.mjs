// Browser tests: playwright-core driving the system chromium (never a downloaded browser)
// against the production build served by the API. Run `pnpm start` (or any server with the
// built SPA and the API) first; E2E_BASE_URL points at it.
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { specs } from './specs.mjs';

const here = dirname(fileURLToPath(import.meta.url));
export const config = {
  baseUrl: (process.env.E2E_BASE_URL ?? 'http://127.0.0.1:3000').replace(/\/$/, ''),
  admin: { email: process.env.E2E_ADMIN_EMAIL ?? 'admin@keyuan.local', password: process.env.E2E_ADMIN_PASSWORD ?? 'Admin123!' },
  rep: { email: process.env.E2E_REP_EMAIL ?? 'rep1@keyuan.local', password: process.env.E2E_REP_PASSWORD ?? 'Demo123!' },
  screenshots: join(here, 'screenshots'),
  headed: process.env.E2E_HEADED === '1',
};

const executablePath =
  process.env.CHROMIUM_PATH ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find(existsSync);
if (!executablePath) {
  console.error('No chromium found: apt-get install -y chromium fonts-noto-cjk (or set CHROMIUM_PATH).');
  process.exit(1);
}

async function waitForServer(url, seconds = 60) {
  const deadline = Date.now() + seconds * 1000;
  let last;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`${url}/api/v1/health`);
      if (res.ok) return;
      last = `HTTP ${res.status}`;
    } catch (err) {
      last = err.cause?.code ?? err.message;
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error(`The API at ${url} is not answering /api/v1/health (${last}). Start it with \`pnpm start\`.`);
}

mkdirSync(config.screenshots, { recursive: true });
await waitForServer(config.baseUrl, Number(process.env.E2E_WAIT_SECONDS ?? 60));

const browser = await chromium.launch({
  executablePath,
  headless: !config.headed,
  args: [
    ...(config.headed ? [] : ['--headless']),
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});

const only = process.env.E2E_ONLY;
const state = {}; // shared between specs (e.g. the user one spec creates)
let passed = 0;
let failed = 0;
const started = Date.now();
for (const spec of specs) {
  // E2E_ONLY: a part of the test names; several parts separated by |
  if (only && !only.split('|').some((part) => spec.name.includes(part))) continue;
  const context = await browser.newContext({ baseURL: config.baseUrl, locale: 'en-US', viewport: { width: 1366, height: 850 } });
  const page = await context.newPage();
  // waits are for states, never for time; the bound only says how long a busy 2-core CI machine may take to reach one
  page.setDefaultTimeout(Number(process.env.E2E_TIMEOUT_MS ?? 30000));
  const consoleErrors = [];
  page.on('pageerror', (err) => consoleErrors.push(err.message));
  const t0 = Date.now();
  try {
    await spec.run({ page, context, config, state, browser });
    passed++;
    console.log(`  ✓ ${spec.name} (${Date.now() - t0} ms)`);
  } catch (err) {
    failed++;
    const shot = join(config.screenshots, `FAILED-${spec.name.replace(/\W+/g, '-')}.png`);
    await page.screenshot({ path: shot, fullPage: true }).catch(() => {});
    console.log(`  ✗ ${spec.name} (${Date.now() - t0} ms)\n    ${String(err.stack ?? err).split('\n').slice(0, 6).join('\n    ')}`);
    if (consoleErrors.length) console.log(`    page errors: ${consoleErrors.join(' | ')}`);
    console.log(`    screenshot: ${shot}`);
  } finally {
    await context.close();
  }
}
await browser.close();
console.log(`\nbrowser tests against ${config.baseUrl} in ${((Date.now() - started) / 1000).toFixed(1)} s, screenshots in ${config.screenshots}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
