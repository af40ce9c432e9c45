import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { BENCH_DIR, RESULTS_DIR } from '../lib/env';
import type { Role } from '../scenarios/types';
import type { Explained } from './explain';
import type { LoadResult } from './load';

export interface ReadResult {
  key: string;
  scenario: string;
  role: Role;
  /** HTTP requests per iteration (the floor answers one iteration per request). */
  requestsPerIteration: number;
  statements: number;
  plans: Explained[];
  api?: LoadResult;
  floor?: LoadResult;
  /** 1-minute load average when the scenario started: above the core count, a neighbour was busy. */
  loadAvg?: number;
  /** BENCH_OPEN_LOOP: the API (and the floor) at a fixed rate, a fraction of the floor's closed-loop capacity. */
  openLoop?: { fraction: number; rate: number; api: LoadResult; floor?: LoadResult };
}

export interface BenchReport {
  startedAt: string;
  loadAvgAtStart: number;
  finishedAt?: string;
  connections: number;
  durationSec: number;
  reads: ReadResult[];
  writes: { key: string; scenario: string; role: Role; api: LoadResult; loadAvg: number }[];
  bulk: { scenario: string; role: Role; rows: number; ms: number; peakRssMb: number; note?: string }[];
  skipped: { scenario: string; role: Role; note: string }[];
  serverPeakRssMb: number;
}

const TARGET_P95 = 50;
const TARGET_RATIO = 0.5;

/** API iterations per second over the floor's (one floor request = one API iteration). */
export function floorRatio(r: ReadResult): number {
  if (!r.api || !r.floor || !r.floor.rps) return 0;
  return r.api.rps / r.requestsPerIteration / r.floor.rps;
}

function resultsTable(rep: BenchReport): string {
  const seedFile = join(RESULTS_DIR, 'seed.json');
  const seed = existsSync(seedFile) ? (JSON.parse(readFileSync(seedFile, 'utf8')) as { ms: { total: number; load: number; indexes: number }; counts: Record<string, number>; date: string }) : null;
  const cpu = cpus();
  const lines = [
    `Run ${rep.startedAt.slice(0, 16).replace('T', ' ')} UTC on ${cpu.length} cores (${cpu[0]?.model?.trim()}), ${Math.round(totalmem() / 2 ** 30)} GB RAM;`,
    `${rep.connections} connections, ${rep.durationSec} s per scenario; server peak RSS ${rep.serverPeakRssMb.toFixed(0)} MB; load average at start ${rep.loadAvgAtStart.toFixed(1)} (column "load": the 1-minute load average when the scenario started; above ${cpu.length}, other work shared the machine).`,
    seed
      ? `Seed (${seed.date.slice(0, 10)}): ${fmtCounts(seed.counts)} in ${(seed.ms.total / 1000).toFixed(0)} s (load ${(seed.ms.load / 1000).toFixed(0)} s, indexes ${(seed.ms.indexes / 1000).toFixed(0)} s).`
      : 'Seed: no bench/results/seed.json.',
    '',
  ];
  const open = rep.reads.some((r) => r.openLoop);
  lines.push(
    '| scenario | role | req/s | p50 ms | p95 ms | p99 ms | errors | RSS MB | floor req/s | floor p95 | vs floor | SQL ms (EXPLAIN) | load |' +
      (open ? ' open-loop req/s | open p50 ms | open p95 ms | floor open p95 ms |' : ''),
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|' + (open ? '---:|---:|---:|---:|' : ''),
  );
  for (const r of rep.reads) {
    const a = r.api;
    const f = r.floor;
    const ratio = floorRatio(r);
    const miss = (a && a.p95 > TARGET_P95) || (f && ratio < TARGET_RATIO) ? ' ⚠' : '';
    const sqlMs = r.plans.map((p) => p.executionMs.toFixed(1) + (p.seqScans.length ? ` (seq ${p.seqScans.join(',')})` : '')).join(' + ');
    lines.push(
      `| ${r.scenario}${r.requestsPerIteration > 1 ? ` (${r.requestsPerIteration} req)` : ''} | ${r.role} | ${a ? a.rps.toFixed(0) : '-'} | ${a?.p50 ?? '-'} | ${a?.p95 ?? '-'} | ${a?.p99 ?? '-'} | ${a?.errors ?? '-'} | ${a ? a.rssMb.toFixed(0) : '-'} | ${f ? f.rps.toFixed(0) : '-'} | ${f?.p95 ?? '-'} | ${f ? `${(ratio * 100).toFixed(0)} %${miss}` : '-'} | ${sqlMs} | ${r.loadAvg?.toFixed(1) ?? ''} |` +
        (open ? (r.openLoop ? ` ${r.openLoop.rate.toFixed(0)} (${r.openLoop.api.rps.toFixed(0)} done) | ${r.openLoop.api.p50} | ${r.openLoop.api.p95}${r.openLoop.api.p95 > (/\bq = |search/.test(r.scenario) ? 100 : TARGET_P95) ? ' ⚠' : ''} | ${r.openLoop.floor?.p95 ?? '-'} |` : ' | | | |') : ''),
    );
  }
  for (const w of rep.writes) {
    const a = w.api;
    // a write's errors by status (e.g. `50 (422: 50)`): a refused overshoot is a 422, anything else is a fault
    const byStatus = Object.entries(a.statuses ?? {}).filter(([code]) => !code.startsWith('2'));
    const errors = byStatus.length ? `${a.errors} (${byStatus.map(([code, n]) => `${code}: ${n}`).join(', ')})` : `${a.errors}`;
    lines.push(`| ${w.scenario} | ${w.role} | ${a.rps.toFixed(0)} | ${a.p50} | ${a.p95} | ${a.p99} | ${errors} | ${a.rssMb.toFixed(0)} | | | | | ${w.loadAvg.toFixed(1)} |` + (open ? ' | | | |' : ''));
  }
  if (rep.bulk.length) {
    lines.push('', '| bulk | role | rows | time | peak RSS MB | note |', '|---|---|---:|---:|---:|---|');
    for (const b of rep.bulk) lines.push(`| ${b.scenario} | ${b.role} | ${b.rows} | ${(b.ms / 1000).toFixed(1)} s | ${b.peakRssMb.toFixed(0)} | ${b.note ?? ''} |`);
  }
  if (rep.skipped.length) {
    lines.push('', 'Skipped:', ...rep.skipped.map((s) => `- ${s.scenario} (${s.role}): ${s.note}`));
  }
  return lines.join('\n');
}

function fmtCounts(c: Record<string, number>): string {
  return ['leads', 'contacts', 'accounts', 'contact_points', 'activities', 'tasks', 'users']
    .filter((k) => c[k] !== undefined)
    .map((k) => `${c[k].toLocaleString('en-US')} ${k}`)
    .join(', ');
}

function plansMarkdown(rep: BenchReport): string {
  const out = [`# Query plans (${rep.startedAt})`, '', 'EXPLAIN (ANALYZE, BUFFERS) of every statement of every list, search and detail scenario, per role, on the bench data set. Generated by `pnpm bench`.', ''];
  for (const r of rep.reads) {
    out.push(`## ${r.scenario} — ${r.role}`, '');
    for (const p of r.plans) {
      out.push('```sql', p.sql.trim(), '-- params: ' + JSON.stringify(p.params), '```', '```', p.plan, '```', '');
    }
  }
  return out.join('\n');
}

/** latest.json, plans.md, and the results section of bench/README.md between its markers. */
export function writeReport(rep: BenchReport): void {
  writeFileSync(join(RESULTS_DIR, 'latest.json'), JSON.stringify(rep, null, 1) + '\n');
  writeFileSync(join(RESULTS_DIR, 'plans.md'), plansMarkdown(rep) + '\n');
  const table = resultsTable(rep);
  writeFileSync(join(RESULTS_DIR, 'latest.md'), table + '\n');
  const readme = join(BENCH_DIR, 'README.md');
  if (existsSync(readme)) {
    const text = readFileSync(readme, 'utf8');
    const start = '<!-- results:start -->';
    const end = '<!-- results:end -->';
    const i = text.indexOf(start);
    const j = text.indexOf(end);
    if (i >= 0 && j > i) writeFileSync(readme, `${text.slice(0, i + start.length)}\n${table}\n${text.slice(j)}`);
  }
  console.log('\n' + table + '\n');
}
