import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The workspace root (bench/dist/lib → ../../..). */
export const ROOT = resolve(__dirname, '../../..');
export const BENCH_DIR = join(ROOT, 'bench');
/**
 * The checkout whose API is measured: this one, or `BENCH_API_ROOT` (another worktree, e.g. an older commit) so a
 * before/after comparison runs the same kit on the same data set.
 */
export const API_ROOT = process.env.BENCH_API_ROOT ? resolve(process.env.BENCH_API_ROOT) : ROOT;
export const API_DIST = join(API_ROOT, 'apps/api/dist');
/** Embedded PostgreSQL data of the bench, git-ignored (`bench/.data/`). */
export const BENCH_PG_DIR = process.env.BENCH_PG_DIR ? resolve(process.env.BENCH_PG_DIR) : join(BENCH_DIR, '.data/postgres');
export const RESULTS_DIR = join(BENCH_DIR, 'results');

/** Every seeded user's password (the admin included). */
export const BENCH_PASSWORD = 'Bench-2026!';
export const ADMIN_EMAIL = 'admin@keyuan.local';
/** The sales rep whose own scope the bench uses (the heaviest owner of the data set). */
export const REP_EMAIL = 'rep.001@bench.keyuan.local';
/** The manager of a region (four teams): department scope. */
export const MANAGER_EMAIL = 'manager.east@bench.keyuan.local';

function newestMtime(p: string): number {
  if (!existsSync(p)) return 0;
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = 0;
  for (const e of readdirSync(p)) if (e !== 'node_modules' && e !== 'dist') newest = Math.max(newest, newestMtime(join(p, e)));
  return newest;
}

/** Builds @keyuan/shared and @keyuan/api when their output is missing or older than the sources. */
export function buildApiIfNeeded(): void {
  const builds = [
    { name: '@keyuan/shared', out: 'libs/shared/dist/index.js', src: 'libs/shared/src' },
    { name: '@keyuan/api', out: 'apps/api/dist/main.js', src: 'apps/api/src' },
  ];
  for (const b of builds) {
    const out = join(API_ROOT, b.out);
    const srcTime = Math.max(newestMtime(join(API_ROOT, b.src)), newestMtime(join(API_ROOT, 'libs/shared/src')));
    if (existsSync(out) && statSync(out).mtimeMs >= srcTime) continue;
    console.log(`Building ${b.name} ...`);
    const r = spawnSync('pnpm', ['--filter', b.name, 'run', 'build'], { cwd: API_ROOT, stdio: 'inherit' });
    if (r.status !== 0) throw new Error(`build of ${b.name} failed`);
  }
}

/** Loads a CommonJS module of the API build (its database helpers, built-in roles, password hashing). */
export function apiModule<T>(rel: string): T {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(join(API_DIST, rel)) as T;
}

export interface BenchDatabase {
  url: string;
  embedded: boolean;
  stop(): Promise<void>;
}

/** DATABASE_URL when set, else the bench's own embedded PostgreSQL in bench/.data/postgres. */
export async function openBenchDatabase(): Promise<BenchDatabase> {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, embedded: false, stop: async () => undefined };
  const { startEmbeddedPostgres } = apiModule<{
    startEmbeddedPostgres(o: { dir: string; port?: number; database: string; logger?: { log(m: string): void; warn(m: string): void } }): Promise<{
      url: string;
      stop(): Promise<void>;
    }>;
  }>('core/database/embedded-postgres.js');
  const pg = await startEmbeddedPostgres({
    dir: BENCH_PG_DIR,
    database: 'keyuan_bench',
    logger: { log: (m) => console.log(m), warn: (m) => console.warn(m) },
  });
  return { url: pg.url, embedded: true, stop: () => pg.stop() };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function fmtDuration(ms: number): string {
  const s = ms / 1000;
  return s < 60 ? `${s.toFixed(1)} s` : `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
}
