// Small helpers shared by the root scripts (start, dev, test). Node built-ins only.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export function run(cmd, args, opts = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: root, stdio: 'inherit', ...opts });
    child.on('error', reject);
    child.on('exit', (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(' ')} failed (${signal ?? `exit ${code}`})`)),
    );
  });
}

/** Newest modification time of the files under the given paths (folders walked, node_modules and dist skipped). */
export function newestMtime(paths) {
  let newest = 0;
  const walk = (p) => {
    if (!existsSync(p)) return;
    const st = statSync(p);
    if (st.isDirectory()) {
      for (const e of readdirSync(p)) if (e !== 'node_modules' && e !== 'dist') walk(join(p, e));
    } else newest = Math.max(newest, st.mtimeMs);
  };
  paths.forEach((p) => walk(join(root, p)));
  return newest;
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

export async function waitForHttp(url, timeoutMs = 60000) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      /* not up yet */
    }
    if (Date.now() > end) throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

/** The build outputs `pnpm start` needs, with the sources each depends on. */
export const BUILDS = [
  { name: '@keyuan/shared', out: 'libs/shared/dist/index.js', src: ['libs/shared/src', 'libs/shared/tsconfig.json'] },
  { name: '@keyuan/api', out: 'apps/api/dist/main.js', src: ['apps/api/src', 'apps/api/tsconfig.json', 'libs/shared/src'] },
  {
    name: '@keyuan/web',
    out: 'apps/web/dist/index.html',
    src: ['apps/web/src', 'apps/web/index.html', 'apps/web/vite.config.ts', 'libs/sdk/src', 'libs/shared/src'],
  },
];

/** Builds each package whose output is missing or older than its sources. */
export async function buildWhatIsMissing(builds = BUILDS) {
  for (const b of builds) {
    if (!existsSync(join(root, b.src[0]))) continue;
    const out = join(root, b.out);
    const stale = !existsSync(out) || statSync(out).mtimeMs < newestMtime(b.src);
    if (stale) {
      console.log(`Building ${b.name} ...`);
      await run('pnpm', ['--filter', b.name, 'run', 'build']);
    }
  }
}
