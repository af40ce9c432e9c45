import { ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { API_DIST, API_ROOT, ROOT, sleep } from '../lib/env';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => resolve(typeof addr === 'object' && addr ? addr.port : 0));
    });
  });
}

/** Resident memory of a process in MB, from /proc/<pid>/status (VmRSS). */
export function rssMb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** Samples a process's RSS every 100 ms; `window()` starts a new peak measurement. */
export class RssSampler {
  private timer: NodeJS.Timeout;
  peakMb = 0;
  overallPeakMb = 0;

  constructor(private readonly pid: number) {
    this.timer = setInterval(() => this.sample(), 100);
    this.timer.unref();
  }

  sample(): number {
    const mb = rssMb(this.pid);
    this.peakMb = Math.max(this.peakMb, mb);
    this.overallPeakMb = Math.max(this.overallPeakMb, mb);
    return mb;
  }

  window(): void {
    this.peakMb = this.sample();
  }

  stop(): void {
    clearInterval(this.timer);
  }
}

export interface RunningProcess {
  child: ChildProcess;
  baseUrl: string;
  rss: RssSampler;
  stop(): Promise<void>;
}

async function waitHealthy(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (child.exitCode !== null) throw new Error(`server exited with code ${child.exitCode} before answering ${url}`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      /* not up yet */
    }
    await sleep(200);
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
}

function stopper(child: ChildProcess): () => Promise<void> {
  return async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    child.kill('SIGTERM');
    await Promise.race([exited, sleep(10_000)]);
    if (child.exitCode === null) child.kill('SIGKILL');
  };
}

/**
 * The production server (`node apps/api/dist/main.js`) on the bench database: no jobs, no request log,
 * login rate limit out of the way, tokens that outlive the run. `sqlLogFile` turns on SQL capture.
 */
export async function startApi(databaseUrl: string, opts: { sqlLogFile?: string; env?: Record<string, string> } = {}): Promise<RunningProcess> {
  const port = await freePort();
  // BENCH_API_NODE_OPTIONS: node flags of the API process only (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`, or
  // `--max-old-space-size=256` as `pnpm start` runs it); NODE_OPTIONS would reach the floor and the load generator too
  const nodeFlags = (process.env.BENCH_API_NODE_OPTIONS ?? '').split(/\s+/).filter(Boolean);
  const child = spawn(process.execPath, [...nodeFlags, join(API_DIST, 'main.js')], {
    cwd: API_ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl,
      HOST: '127.0.0.1',
      PORT: String(port),
      JOBS_ENABLED: 'false',
      LOG_REQUESTS: 'false',
      SEED_DEMO: 'false',
      AUTH_RATE_LIMIT: '100000/60',
      // the help center's search is public and limited per IP: the load generator is one IP
      PUBLIC_RATE_LIMIT: '10000000/60',
      ACCESS_TOKEN_TTL: String(6 * 3600),
      ...(opts.sqlLogFile ? { SQL_LOG_FILE: opts.sqlLogFile } : {}),
      ...opts.env,
    },
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  // the first start after a new migration builds its indexes on the bench's millions of rows
  await waitHealthy(`${baseUrl}/api/v1/health`, child, 15 * 60_000);
  return { child, baseUrl, rss: new RssSampler(child.pid!), stop: stopper(child) };
}

/** The framework-free floor server (bench/dist/run/floor-server.js) replaying captured SQL. */
export async function startFloor(databaseUrl: string, scenarioFile: string): Promise<RunningProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, [join(__dirname, 'floor-server.js')], {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), FLOOR_SCENARIOS: scenarioFile },
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitHealthy(`${baseUrl}/health`, child, 20_000);
  return { child, baseUrl, rss: new RssSampler(child.pid!), stop: stopper(child) };
}
