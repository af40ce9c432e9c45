import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, posix, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * Feature boundaries: a feature imports another feature only through its public file
 * (`@/features/<name>`, i.e. `features/<name>/index.ts`). The app shell (router, layouts) may also
 * import a feature's entry points `routes.ts` and `register.ts`.
 */
const SHELL_ENTRY_POINTS = new Set(['routes', 'register']);
const IMPORT = /(?:^|[\s;])(?:import|export)\s+(?:type\s+)?(?:[\w*{}\s,$]+?\s+from\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/gm;

/** `features/<name>/<rest>` of a src-relative path, without the extension; null outside features. */
function featurePath(srcPath: string): { feature: string; rest: string } | null {
  const m = /^features\/([^/]+)(?:\/(.*?))?(?:\.(?:ts|vue))?$/.exec(srcPath);
  if (!m || m[1].startsWith('_')) return null;
  return { feature: m[1], rest: m[2] ?? '' };
}

/** Deep cross-feature imports in `files` (src-relative path → source), as `file → import` lines. */
export function boundaryViolations(files: Record<string, string>): string[] {
  const out: string[] = [];
  for (const [file, source] of Object.entries(files)) {
    const from = featurePath(file);
    for (const match of source.matchAll(IMPORT)) {
      const spec = match[1] ?? match[2];
      let target: string;
      if (spec.startsWith('@/')) target = spec.slice(2);
      else if (spec.startsWith('.')) target = posix.normalize(posix.join(posix.dirname(file), spec));
      else continue;
      const to = featurePath(target);
      if (!to || to.feature === from?.feature) continue;
      const rest = to.rest.replace(/\/?index$/, '');
      if (rest === '' || (!from && SHELL_ENTRY_POINTS.has(rest))) continue;
      out.push(`${file} → ${spec}`);
    }
  }
  return out;
}

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

function sources(dir: string, acc: Record<string, string> = {}): Record<string, string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) sources(full, acc);
    else if (/\.(ts|vue)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) {
      acc[relative(SRC, full).split('\\').join('/')] = readFileSync(full, 'utf8');
    }
  }
  return acc;
}

describe('feature boundaries', () => {
  it('finds deep cross-feature imports, relative or aliased, static or lazy', () => {
    const violations = boundaryViolations({
      'features/accounts/pages/A.vue': [
        "import { leadsApi } from '@/features/leads/api';",
        "import ReleaseDialog from '../../pools/components/ReleaseDialog.vue';",
        "const Page = () => import('@/features/contacts/pages/ContactsPage.vue');",
        "import { RecordTimeline } from '@/features/activities';",
        "import { accountsApi } from '@/features/accounts/api';",
        "import AccountSummary from '../components/AccountSummary.vue';",
        "import type { Pool } from '@/features/pools/index';",
      ].join('\n'),
      'router/routes.ts': "import { leadRoutes } from '@/features/leads/routes';\nimport '@/features/leads/register';\nimport { x } from '@/features/leads/api';",
      'layouts/Bell.vue': "import { notificationsApi } from '@/features/notifications';",
    });
    expect(violations).toEqual([
      'features/accounts/pages/A.vue → @/features/leads/api',
      'features/accounts/pages/A.vue → ../../pools/components/ReleaseDialog.vue',
      'features/accounts/pages/A.vue → @/features/contacts/pages/ContactsPage.vue',
      'router/routes.ts → @/features/leads/api',
    ]);
  });

  it('holds on the source tree', () => {
    const { 'features/__tests__/boundaries.test.ts': _self, ...files } = sources(SRC);
    expect(Object.keys(files).length).toBeGreaterThan(50);
    expect(boundaryViolations(files)).toEqual([]);
  });
});
