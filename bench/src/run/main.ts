/**
 * `pnpm bench`: the production server on the bench database, driven by autocannon from this process
 * (loopback, BENCH_CONNECTIONS=32 connections, BENCH_DURATION seconds per scenario) as admin, manager
 * and sales rep; then the floor (the same SQL on bare node:http + pg). Writes bench/results/latest.json,
 * bench/results/plans.md (EXPLAIN ANALYZE of every list and search) and the table in bench/README.md.
 *
 * BENCH_ONLY=<text>[|<text>...] runs the scenarios whose name contains one of the texts; BENCH_ROLES=admin,rep limits roles.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import { ADMIN_EMAIL, BENCH_PASSWORD, buildApiIfNeeded, fmtDuration, MANAGER_EMAIL, openBenchDatabase, REP_EMAIL, RESULTS_DIR, sleep } from '../lib/env';
import { SCENARIOS } from '../scenarios';
import { Role, ROLES, ScenarioContext } from '../scenarios/types';
import { captureSql, Statement } from './capture';
import { explainAll } from './explain';
import { LoadRequest, runLoad } from './load';
import { BenchReport, floorRatio, writeReport } from './report';
import { RunningProcess, startApi, startFloor } from './server';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS || 32);
const DURATION = Number(process.env.BENCH_DURATION || 5);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 1);
const ONLY = process.env.BENCH_ONLY;
/** BENCH_OPEN_LOOP=0.5: after each read's closed-loop runs, the API and the floor at half the floor's capacity. */
const OPEN_LOOP = Number(process.env.BENCH_OPEN_LOOP || 0);
const ROLE_FILTER = process.env.BENCH_ROLES ? (process.env.BENCH_ROLES.split(',') as Role[]) : ROLES;
const EMAILS: Record<Role, string> = { admin: ADMIN_EMAIL, manager: MANAGER_EMAIL, rep: REP_EMAIL };

interface Prepared {
  key: string;
  scenario: string;
  kind: 'read' | 'write';
  role: Role;
  requests: LoadRequest[];
}

async function login(baseUrl: string, email: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: BENCH_PASSWORD }),
  });
  if (!res.ok) throw new Error(`login of ${email} answered ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

async function contexts(db: Pool, server: RunningProcess): Promise<Record<Role, ScenarioContext>> {
  const { rows } = await db.query<{ id: string; email: string; path: string | null }>(
    `SELECT u.id, u.email, d.path FROM users u LEFT JOIN departments d ON d.id = u.department_id WHERE u.email = ANY($1)`,
    [Object.values(EMAILS)],
  );
  const byEmail = new Map(rows.map((r) => [r.email, r]));
  const heavy = byEmail.get(REP_EMAIL);
  if (!heavy) throw new Error('The bench users are missing: run `pnpm bench:seed` first');
  // a block of unique numbers for this run (phones of created leads), reserved in the database
  const { rows: counter } = await db.query<{ v: string }>(
    `INSERT INTO system_settings (key, value) VALUES ('bench_unique_counter', '100000000')
     ON CONFLICT (key) DO UPDATE SET value = to_jsonb((system_settings.value)::text::bigint + 1000000), updated_at = now()
     RETURNING value::text AS v`,
  );
  let unique = Number(counter[0].v);
  const out = {} as Record<Role, ScenarioContext>;
  for (const role of ROLES) {
    const u = byEmail.get(EMAILS[role])!;
    const token = await login(server.baseUrl, EMAILS[role]);
    const headers = { authorization: `Bearer ${token}` };
    const scopeSql =
      role === 'admin'
        ? 'true'
        : role === 'rep'
          ? `owner_id = '${u.id}'`
          : `(owner_id = '${u.id}' OR department_id IN (SELECT id FROM departments WHERE path LIKE '${u.path}%'))`;
    out[role] = {
      role,
      userId: u.id,
      heavyRepId: heavy.id,
      db,
      scopeSql,
      headers,
      baseUrl: server.baseUrl,
      rss: server.rss,
      nextUnique: () => unique++,
      api: async <T>(path: string, init: { method?: string; body?: unknown } = {}) => {
        const res = await fetch(server.baseUrl + path, {
          method: init.method ?? 'GET',
          headers: { 'content-type': 'application/json', ...headers },
          body: init.body === undefined ? undefined : JSON.stringify(init.body),
        });
        if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${path} answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
        return (await res.json()) as T;
      },
    };
  }
  return out;
}

async function main() {
  const started = Date.now();
  const log = (m: string) => console.log(`[bench ${fmtDuration(Date.now() - started).padStart(10)}] ${m}`);
  buildApiIfNeeded();
  const db = await openBenchDatabase();
  const pool = new Pool({ connectionString: db.url, max: 2, application_name: 'keyuan-bench' });
  const rawDir = join(RESULTS_DIR, 'raw');
  mkdirSync(rawDir, { recursive: true });
  const sqlLog = join(rawDir, 'sql.jsonl');
  rmSync(sqlLog, { force: true });
  const report: BenchReport = { startedAt: new Date().toISOString(), loadAvgAtStart: loadavg()[0], connections: CONNECTIONS, durationSec: DURATION, reads: [], writes: [], bulk: [], skipped: [], serverPeakRssMb: 0 };
  const selected = SCENARIOS.filter((s) => !ONLY || ONLY.split('|').some((part) => s.name.includes(part)));
  const prepared: Prepared[] = [];
  const statements: Record<string, Statement[]> = {};
  let server: RunningProcess | undefined;
  let floor: RunningProcess | undefined;
  // Ctrl-C: stop the servers and the embedded database instead of leaving them running
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.once(sig, () => {
      void Promise.all([server?.stop(), floor?.stop()])
        .then(() => db.stop())
        .finally(() => process.exit(130));
    });
  }
  try {
    // 1. capture: one request per read scenario and role on a server logging its SQL, then EXPLAIN it
    log('starting the API with SQL capture (applies pending migrations)');
    // caches of whole answers off (analytics' ANALYTICS_CACHE_SECONDS): the floor replays the SQL a computed answer runs
    server = await startApi(db.url, { sqlLogFile: sqlLog, env: { ANALYTICS_CACHE_SECONDS: '0' } });
    let ctx = await contexts(pool, server);
    for (const s of selected) {
      if (s.kind === 'bulk') continue;
      for (const role of (s.roles ?? ROLES).filter((r) => ROLE_FILTER.includes(r))) {
        const reqs = await s.requests(ctx[role]);
        if (typeof reqs === 'string') {
          report.skipped.push({ scenario: s.name, role, note: reqs });
          continue;
        }
        const key = `${s.name} | ${role}`;
        prepared.push({ key, scenario: s.name, kind: s.kind, role, requests: reqs });
        if (s.kind !== 'read') continue;
        await captureSql(server.baseUrl, sqlLog, reqs, ctx[role].headers); // warm the caches
        statements[key] = await captureSql(server.baseUrl, sqlLog, reqs, ctx[role].headers);
        const plans = await explainAll(pool, statements[key]);
        report.reads.push({ key, scenario: s.name, role, requestsPerIteration: reqs.length, statements: statements[key].length, plans });
        log(`captured ${key}: ${statements[key].length} statements, ${plans.map((p) => `${p.executionMs} ms`).join(' + ')}`);
      }
    }
    await server.stop();

    // 2. load: the production server (no SQL capture) and the floor side by side, each read scenario on
    // the API and right after on the floor, so both see the same machine (a busy neighbour hits both)
    const floorFile = join(rawDir, 'floor-scenarios.json');
    const pathOf = new Map<string, string>();
    const byPath: Record<string, Statement[]> = {};
    Object.keys(statements).forEach((k, i) => {
      byPath[`s${i}`] = statements[k];
      pathOf.set(k, `/s${i}`);
    });
    writeFileSync(floorFile, JSON.stringify(byPath));
    log('starting the API for the load, and the floor server');
    server = await startApi(db.url);
    floor = await startFloor(db.url, floorFile);
    ctx = await contexts(pool, server);
    const load = async (target: RunningProcess, requests: LoadRequest[], headers?: Record<string, string>) => {
      if (WARMUP > 0) await runLoad({ baseUrl: target.baseUrl, requests, headers, connections: CONNECTIONS, durationSec: WARMUP });
      return runLoad({ baseUrl: target.baseUrl, requests, headers, connections: CONNECTIONS, durationSec: DURATION, rss: target.rss });
    };
    for (const p of prepared) {
      const loadAvg = loadavg()[0];
      const r = await load(server, p.requests, ctx[p.role].headers);
      if (p.kind === 'write') {
        report.writes.push({ key: p.key, scenario: p.scenario, role: p.role, api: r, loadAvg });
        log(`${p.key}: ${r.rps.toFixed(0)} req/s, p50 ${r.p50} p95 ${r.p95} p99 ${r.p99} ms, ${r.errors} errors, RSS ${r.rssMb.toFixed(0)} MB`);
        continue;
      }
      const rr = report.reads.find((x) => x.key === p.key)!;
      rr.api = r;
      rr.loadAvg = loadAvg;
      rr.floor = await load(floor, [{ path: pathOf.get(p.key)! }]);
      if (OPEN_LOOP > 0 && rr.floor.rps > 0) {
        // the floor's iterations/s × the requests of one API iteration: the same work on both
        const rate = OPEN_LOOP * rr.floor.rps * p.requests.length;
        const at = (target: RunningProcess, requests: LoadRequest[], headers?: Record<string, string>, r = rate) =>
          runLoad({ baseUrl: target.baseUrl, requests, headers, connections: CONNECTIONS, durationSec: DURATION, rss: target.rss, overallRate: r });
        const api = await at(server, p.requests, ctx[p.role].headers);
        const fl = await at(floor, [{ path: pathOf.get(p.key)! }], undefined, OPEN_LOOP * rr.floor.rps);
        rr.openLoop = { fraction: OPEN_LOOP, rate, api, floor: fl };
        log(`${p.key}: open loop at ${rate.toFixed(0)} req/s: API p50 ${api.p50} p95 ${api.p95} ms (${api.rps.toFixed(0)} done), floor p95 ${fl.p95} ms`);
      }
      log(`${p.key}: ${r.rps.toFixed(0)} req/s, p50 ${r.p50} p95 ${r.p95} p99 ${r.p99} ms, ${r.errors} errors, RSS ${r.rssMb.toFixed(0)} MB; floor ${rr.floor.rps.toFixed(0)} req/s → ${(100 * floorRatio(rr)).toFixed(0)} %`);
    }
    await floor.stop();
    floor = undefined;
    for (const s of selected) {
      if (s.kind !== 'bulk') continue;
      for (const role of (s.roles ?? ROLES).filter((r) => ROLE_FILTER.includes(r))) {
        const res = await s.run(ctx[role]);
        if (typeof res === 'string') report.skipped.push({ scenario: s.name, role, note: res });
        else report.bulk.push({ scenario: s.name, role, ...res });
        log(`${s.name} | ${role}: ${typeof res === 'string' ? `skipped: ${res}` : `${res.rows} rows in ${fmtDuration(res.ms)}, peak RSS ${res.peakRssMb.toFixed(0)} MB`}`);
      }
    }
    report.serverPeakRssMb = server.rss.overallPeakMb;
    await server.stop();
    server = undefined;
    report.finishedAt = new Date().toISOString();
    writeReport(report);
    log('results: bench/results/latest.json, bench/results/plans.md, the table in bench/README.md');
  } finally {
    await server?.stop();
    await floor?.stop();
    await pool.end();
    await sleep(100);
    await db.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
