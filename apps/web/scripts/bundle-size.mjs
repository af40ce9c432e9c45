// Prints what a browser loads for the login page, the app shell (layout + home) and a list page (leads):
// the number of JS/CSS files and the gzipped JS, from dist/.vite/chunks.json (written by the build's
// chunk-map plugin, see chunk-groups.ts). With --check, fails when a page is over either budget.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

/**
 * Gzipped JS a page may load before it shows (the list page includes Element Plus for every page, and one
 * language's messages for every feature: raised from 380 to 400 KB when contracts, campaigns, currencies,
 * payments, tickets, the knowledge base and business calendars brought ~10 KB of messages and their routes).
 */
const BUDGET_KB = Number(process.env.BUNDLE_BUDGET_KB ?? 400);
/** JS and CSS files a page may load (issue 12: a cold list page fetched 90–110; the target is ≤ ~25 requests). */
const BUDGET_FILES = Number(process.env.BUNDLE_BUDGET_FILES ?? 24);
const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const chunksPath = join(dist, '.vite', 'chunks.json');
if (!existsSync(chunksPath)) {
  console.error('dist/.vite/chunks.json is missing: run `pnpm --filter @keyuan/web build` first.');
  process.exit(1);
}
const chunks = JSON.parse(readFileSync(chunksPath, 'utf8'));
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const entry = html.match(/src="\/(assets\/index-[^"]+\.js)"/)?.[1];
/** Stylesheets index.html links (one when CSS is not split per chunk). */
const htmlCss = [...html.matchAll(/href="\/(assets\/[^"]+\.css)"/g)].map((m) => m[1]);
if (!entry || !chunks[entry]) throw new Error('the entry script of index.html is not in chunks.json');

/** The chunk holding a source module (the page a route loads lazily). */
function chunkOf(module) {
  const found = Object.entries(chunks).find(([, c]) => c.modules.some((m) => m.endsWith(module)));
  if (!found) throw new Error(`no chunk holds ${module}`);
  return found[0];
}

/** The JS files a browser must load for these chunks (their static imports, transitively) and their CSS. */
function closure(files) {
  const js = new Set();
  const visit = (file) => {
    if (js.has(file)) return;
    js.add(file);
    for (const dep of chunks[file].imports) visit(dep);
  };
  files.forEach(visit);
  const css = new Set([...htmlCss, ...[...js].flatMap((f) => chunks[f].css)]);
  return { js: [...js], css: [...css] };
}

const gzipKb = (files) => files.reduce((sum, f) => sum + gzipSync(readFileSync(join(dist, f)), { level: 9 }).length, 0) / 1024;

/** Every page loads the messages of one language before it shows (the larger one counts). */
const LANGUAGE = 'src/locales/zh-CN/index.ts';
const pages = {
  'login page': [LANGUAGE, 'src/features/auth/pages/LoginPage.vue'],
  'app shell (layout + home)': [LANGUAGE, 'src/layouts/AppLayout.vue', 'src/features/home/pages/HomePage.vue'],
  'list page (layout + leads)': [LANGUAGE, 'src/layouts/AppLayout.vue', 'src/features/leads/pages/LeadsPage.vue'],
};

let failed = false;
for (const [name, modules] of Object.entries(pages)) {
  const { js, css } = closure([entry, ...modules.map(chunkOf)]);
  const kb = gzipKb(js);
  const files = js.length + css.length;
  const over = kb > BUDGET_KB || files > BUDGET_FILES;
  failed ||= over;
  console.log(
    `${over ? 'OVER' : 'ok  '} ${name}: ${kb.toFixed(1)} KB gzip JS in ${js.length} JS + ${css.length} CSS files (budget ${BUDGET_KB} KB, ${BUDGET_FILES} files)`,
  );
}
// Chunks the shell and every page share must not import a feature chunk that imports them back: in such a
// cycle a module can run before the one it needs (a production build once stayed blank: the shared chunk
// imported the approvals badge, whose chunk called the shared chunk's component helper before it existed).
const common = Object.keys(chunks).filter((f) => /assets\/(index|app|vendor|shared|element-plus)[-.]/.test(f));
for (const start of common) {
  const path = [];
  const seen = new Set();
  const walk = (file) => {
    if (file === start && path.length) return [...path, file];
    if (seen.has(file)) return null;
    seen.add(file);
    path.push(file);
    for (const dep of chunks[file]?.imports ?? []) {
      const found = walk(dep);
      if (found) return found;
    }
    path.pop();
    return null;
  };
  const cycle = walk(start);
  if (cycle) {
    failed = true;
    console.log(`CYCLE ${cycle.join(' → ')}: import the feature lazily (defineAsyncComponent / import()) from the shell`);
  }
}
const charts = Object.keys(chunks).filter((f) => /echarts/.test(f));
if (charts.length) console.log(`     charts load lazily: ${charts.join(', ')}`);
if (failed && process.argv.includes('--check')) {
  console.error(`Bundle budget exceeded (${BUDGET_KB} KB gzip JS or ${BUDGET_FILES} files per page), or a chunk cycle through the shell.`);
  process.exit(1);
}
