import type { Pool } from 'pg';
import type { Statement } from './capture';

export interface Explained {
  sql: string;
  params: unknown[];
  plan: string;
  executionMs: number;
  /** Big tables read by a sequential scan (a plan that will not hold at volume). */
  seqScans: string[];
}

const BIG = /Seq Scan on (leads|accounts|contacts|contact_points|activities|tasks|outbox_events)\b/g;
/** Statements about the business tables (the per-request user lookup of the auth guard is left out). */
const INTERESTING = /\b(leads|accounts|contacts|contact_points|activities|tasks|outbox_events|opportunities|contracts|payments|payment_installments|tickets)\b/;

/** Each statement is run this many times; the fastest is reported (`BENCH_EXPLAIN_RUNS`, default 3). */
const EXPLAIN_RUNS = Math.max(1, Number(process.env.BENCH_EXPLAIN_RUNS) || 3);

export async function explainAll(pool: Pool, statements: Statement[]): Promise<Explained[]> {
  const out: Explained[] = [];
  for (const s of statements) {
    // EXPLAIN ANALYZE runs the statement: reads only (a WITH that writes is left out)
    const read = /^\s*SELECT\b/i.test(s.sql) || (/^\s*WITH\b/i.test(s.sql) && !/\b(INSERT|UPDATE|DELETE)\b/i.test(s.sql));
    if (!INTERESTING.test(s.sql) || !read) continue;
    // the fastest of EXPLAIN_RUNS: a single run can be a connection's first statement (cold catalog caches: 9 ms of
    // planning and 22 ms in all were seen for a page that takes 2.4 ms warm, with the same buffers)
    let best: { plan: string; ms: number } | null = null;
    for (let i = 0; i < EXPLAIN_RUNS; i++) {
      const { rows } = await pool.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${s.sql}`, s.params);
      const plan = rows.map((r) => r['QUERY PLAN']).join('\n');
      const m = /Execution Time: ([\d.]+) ms/.exec(plan);
      const ms = m ? Number(m[1]) : NaN;
      if (!best || ms < best.ms || Number.isNaN(best.ms)) best = { plan, ms };
    }
    out.push({ sql: s.sql, params: s.params, plan: best!.plan, executionMs: best!.ms, seqScans: [...best!.plan.matchAll(BIG)].map((x) => x[1]) });
  }
  return out;
}
