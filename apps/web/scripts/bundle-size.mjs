// Prints the gzipped initial JavaScript of the login page and of the app shell (layout + home),
// from dist/.vite/manifest.json. With --check, fails when either is over the budget.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const BUDGET_KB = Number(process.env.BUNDLE_BUDGET_KB ?? 250);
const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const manifestPath = join(dist, '.vite', 'manifest.json');
if (!existsSync(manifestPath)) {
  console.error('dist/.vite/manifest.json is missing: run `pnpm --filter @keyuan/web build` first.');
  process.exit(1);
}
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));

/** The JS a browser must load before showing these entries: their static imports, transitively. */
function closure(keys) {
  const files = new Set();
  const seen = new Set();
  const visit = (key) => {
    if (seen.has(key)) return;
    seen.add(key);
    const chunk = manifest[key];
    if (!chunk) throw new Error(`not in the manifest: ${key}`);
    if (chunk.file.endsWith('.js')) files.add(chunk.file);
    for (const dep of chunk.imports ?? []) visit(dep);
  };
  keys.forEach(visit);
  return [...files];
}

const gzipKb = (files) =>
  files.reduce((sum, f) => sum + gzipSync(readFileSync(join(dist, f)), { level: 9 }).length, 0) / 1024;

const pages = {
  'login page': ['index.html', 'src/features/auth/pages/LoginPage.vue'],
  'app shell (layout + home)': ['index.html', 'src/layouts/AppLayout.vue', 'src/features/home/pages/HomePage.vue'],
};

let failed = false;
for (const [name, keys] of Object.entries(pages)) {
  const files = closure(keys);
  const kb = gzipKb(files);
  const over = kb > BUDGET_KB;
  failed ||= over;
  console.log(`${over ? 'OVER' : 'ok  '} ${name}: ${kb.toFixed(1)} KB gzip initial JS (${files.length} files, budget ${BUDGET_KB} KB)`);
}
const echarts = Object.values(manifest).filter((c) => c.file.endsWith('.js') && /echarts|EChart/i.test(`${c.name ?? ''}${c.src ?? ''}`));
if (echarts.length) console.log(`     charts load lazily: ${echarts.map((c) => c.file).join(', ')}`);
if (failed && process.argv.includes('--check')) {
  console.error(`Bundle budget exceeded (${BUDGET_KB} KB gzip).`);
  process.exit(1);
}
