/**
 * `pnpm bench:seed [--force]`: the bench data set (seeded random, the same rows on every run) in the
 * bench's embedded PostgreSQL (bench/.data/postgres) or DATABASE_URL. COPY only, secondary indexes
 * built once at the end, then ANALYZE. Writes its timings to bench/results/seed.json.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { Pool } from 'pg';
import { apiModule, BENCH_DIR, buildApiIfNeeded, fmtDuration, openBenchDatabase, RESULTS_DIR } from '../lib/env';
import { tunePostgres } from '../lib/pg-tuning';
import { seedCustomers, Sizes } from './customers';
import { dropSecondaryIndexes, rebuildIndexes, SavedIndex } from './indexes';
import { seedOrg } from './org';
import { Rng } from './random';
import { seedWork } from './work';
import { seedOpportunities } from './opportunities';
import { seedSales } from './sales';
import { seedContracts } from './contracts';
import { seedCustomRecords } from './custom-records';
import { seedPayments } from './payments';
import { seedTickets } from './tickets';
import { seedEvents } from './events';
import { CampaignPicker, seedCampaigns } from './campaigns';
import { seedKnowledgeBase } from './knowledge-base';
import { seedLeadCustomFields } from './custom-fields';

const SEED = Number(process.env.BENCH_SEED || 20261122);
/** BENCH_SCALE=0.05 makes a small data set for trying the kit out; 1 is the benchmark. */
const SCALE = Number(process.env.BENCH_SCALE || 1);
const SIZES: Sizes = {
  accounts: Math.round(300_000 * SCALE),
  contacts: Math.round(600_000 * SCALE),
  leads: Math.round(1_000_000 * SCALE),
  activities: Math.round(2_000_000 * SCALE),
  tasks: Math.round(200_000 * SCALE),
};
/** BENCH_OPPORTUNITIES sets the number of opportunities (before BENCH_SCALE); default 200,000. */
const OPPORTUNITIES = Math.round(Number(process.env.BENCH_OPPORTUNITIES || 200_000) * SCALE);
/** Issue 13: products and quotes (BENCH_QUOTE_LINES lines each, default 5). */
const SALES = {
  products: Math.round(Number(process.env.BENCH_PRODUCTS || 20_000) * SCALE),
  quotes: Math.round(Number(process.env.BENCH_QUOTES || 100_000) * SCALE),
  linesPerQuote: Number(process.env.BENCH_QUOTE_LINES || 5),
};
/** Issue 18: records of the custom module bench_visit (BENCH_CUSTOM_RECORDS before BENCH_SCALE; default 500,000). */
const CUSTOM_RECORDS = Math.round(Number(process.env.BENCH_CUSTOM_RECORDS || 500_000) * SCALE);
/** Issue 13: contracts (BENCH_CONTRACTS before BENCH_SCALE; default 50,000). */
const CONTRACTS = Math.round(Number(process.env.BENCH_CONTRACTS || 50_000) * SCALE);
/** Issue 14: a plan of BENCH_INSTALLMENTS (3) installments per contract, BENCH_PAYMENTS (120,000) payments and BENCH_INVOICES (60,000) invoices (times BENCH_SCALE). */
const FINANCE = {
  installments: Math.max(1, Number(process.env.BENCH_INSTALLMENTS || 3)),
  payments: Math.round(Number(process.env.BENCH_PAYMENTS || 120_000) * SCALE),
  invoices: Math.round(Number(process.env.BENCH_INVOICES || 60_000) * SCALE),
};
/** Issue 13: BENCH_CAMPAIGNS campaigns (default 500); 20 % of leads and 25 % of opportunities link to one. */
const CAMPAIGNS = Math.max(5, Math.round(Number(process.env.BENCH_CAMPAIGNS || 500) * SCALE));
/** Issue 15: knowledge base articles (BENCH_KB_ARTICLES, default 50,000, times BENCH_SCALE). */
const KB_ARTICLES = Math.round(Number(process.env.BENCH_KB_ARTICLES || 50_000) * SCALE);
/** Issue 15: tickets (BENCH_TICKETS before BENCH_SCALE; default 300,000) with BENCH_TICKET_COMMENTS (5) comments each on average. */
const TICKETS = Math.round(Number(process.env.BENCH_TICKETS || 300_000) * SCALE);
const TICKET_COMMENTS = Number(process.env.BENCH_TICKET_COMMENTS || 5);
/** Issue 17: committed outbox events for the change feed (BENCH_EVENTS before BENCH_SCALE; default 1,000,000). */
const EVENTS = Math.round(Number(process.env.BENCH_EVENTS || 1_000_000) * SCALE);
const BULK_TABLES = ['campaigns', 'accounts', 'contacts', 'leads', 'contact_points', 'activities', 'tasks', 'products', 'quotes', 'quote_lines', 'opportunities', 'opportunity_stage_history', 'contracts', 'contract_lines', 'finance_ledgers', 'payment_installments', 'payments', 'payment_allocations', 'invoices', 'invoice_titles', 'kb_articles', 'tickets', 'ticket_comments', 'outbox_events', 'custom_records'];
const PENDING = join(BENCH_DIR, '.data/pending-indexes.json');

async function main() {
  const force = process.argv.includes('--force');
  const started = Date.now();
  const log = (m: string) => console.log(`[seed ${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s] ${m}`);
  buildApiIfNeeded();
  let db = await openBenchDatabase();
  if (db.embedded && (await tunePostgres(db.url))) {
    log('tuned the embedded PostgreSQL (bench/.data only); restarting it');
    await db.stop();
    db = await openBenchDatabase();
  }
  const { runMigrations } = apiModule<{ runMigrations(url: string): Promise<string[]> }>('core/database/database.js');
  const applied = await runMigrations(db.url);
  if (applied.length) log(`migrations applied: ${applied.join(', ')}`);

  const pool = new Pool({
    connectionString: db.url,
    max: 3,
    application_name: 'keyuan-bench-seed',
    // no FK triggers row by row (the generator only writes valid references), no fsync wait per commit
    options: '-c session_replication_role=replica -c synchronous_commit=off',
  });
  // idle clients see the database stop after a failure: keep that from hiding the failure itself
  pool.on('error', () => undefined);
  try {
    const { rows } = await pool.query<{ n: string }>(`SELECT count(*)::text AS n FROM users`);
    if (Number(rows[0].n) > 0 && !force) {
      console.log('The bench database already holds data. `pnpm bench:seed --force` replaces it (or delete bench/.data).');
      return;
    }
    const existing = (await pool.query<{ t: string }>(`SELECT relname AS t FROM pg_class WHERE relkind = 'r' AND relname = ANY($1)`, [BULK_TABLES])).rows.map(
      (r) => r.t,
    );
    log('emptying the database');
    await pool.query(
      `TRUNCATE ${['departments', 'users', 'user_roles', 'pools', 'pool_members', 'pool_claims', 'notifications', 'audit_logs', 'refresh_tokens',
        'idempotency_keys', 'lead_forms', 'lead_assignment_rules', 'rate_limit_buckets', ...existing].join(', ')} CASCADE`,
    );
    await pool.query(`DELETE FROM system_settings WHERE key = 'demo_seeded'`);
    await pool.query(`INSERT INTO system_settings (key, value) VALUES ('demo_seeded', 'true') ON CONFLICT (key) DO NOTHING`);

    // indexes dropped by a run that did not finish come back too
    const pending: SavedIndex[] = existsSync(PENDING) ? (JSON.parse(readFileSync(PENDING, 'utf8')) as SavedIndex[]) : [];
    const dropped = await dropSecondaryIndexes(pool, existing);
    // the custom field indexes are the custom field seed's (built again after the load)
    const saved = [...pending.filter((p) => !dropped.some((d) => d.name === p.name)), ...dropped].filter((s) => !s.name.startsWith('ix_cf_'));
    mkdirSync(dirname(PENDING), { recursive: true });
    writeFileSync(PENDING, JSON.stringify(saved, null, 1));
    log(`dropped ${dropped.length} secondary indexes for the load`);

    const tLoad = Date.now();
    const c = await pool.connect();
    const org = await seedOrg(c, new Rng(SEED)).finally(() => c.release());
    log(`org: 20 departments, ${org.reps.length + org.managers.length + 1} users, ${org.pools.length} pools`);
    const campaignIds = await seedCampaigns(pool, org, CAMPAIGNS, SEED, existing, log);
    const ids = await seedCustomers(pool, org, SIZES, SEED, log, new CampaignPicker(campaignIds, SEED + 41, 0.2));
    const work = await seedWork(pool, org, ids, SIZES, SEED, existing, log);
    const oppCampaigns = (await pool.query(`SELECT 1 FROM information_schema.columns WHERE table_name = 'opportunities' AND column_name = 'campaign_id'`)).rowCount
      ? new CampaignPicker(campaignIds, SEED + 42, 0.25)
      : undefined;
    work.skipped.push(...(await seedOpportunities(pool, org, ids, OPPORTUNITIES, SEED, existing, log, oppCampaigns)));
    const sales = await seedSales(pool, org, ids, SALES, SEED, existing, log);
    work.skipped.push(...sales.skipped);
    work.skipped.push(...(await seedContracts(pool, ids, CONTRACTS, SEED, existing, log)));
    work.skipped.push(...(await seedCustomRecords(pool, ids, CUSTOM_RECORDS, SEED, existing, log)));
    work.skipped.push(...(await seedKnowledgeBase(pool, org, KB_ARTICLES, SEED, existing, log)));
    work.skipped.push(...(await seedPayments(pool, FINANCE, SEED, existing, log)));
    work.skipped.push(...(await seedTickets(pool, ids, TICKETS, TICKET_COMMENTS, SEED, existing, log)));
    work.skipped.push(...(await seedEvents(pool, ids, EVENTS, SEED, existing, log)));
    const loadMs = Date.now() - tLoad;

    const tIdx = Date.now();
    log(`building ${saved.length} indexes (2 at a time)`);
    await rebuildIndexes(pool, saved, 2, log);
    work.skipped.push(...(await seedLeadCustomFields(pool, log)));
    rmSync(PENDING, { force: true });
    const indexMs = Date.now() - tIdx;

    const tAn = Date.now();
    await pool.query('ANALYZE');
    const analyzeMs = Date.now() - tAn;
    const totalMs = Date.now() - started;
    const counts = Object.fromEntries(
      (
        await pool.query<{ t: string; n: string }>(
          `SELECT relname AS t, reltuples::bigint::text AS n FROM pg_class WHERE relkind = 'r' AND relname = ANY($1)`,
          [[...BULK_TABLES, 'users', 'departments']],
        )
      ).rows.map((r) => [r.t, Number(r.n)]),
    );
    const result = {
      date: new Date().toISOString(),
      machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, memGb: Math.round(totalmem() / 2 ** 30) },
      database: db.embedded ? 'embedded PostgreSQL (bench/.data/postgres)' : 'DATABASE_URL',
      seed: SEED,
      scale: SCALE,
      counts,
      skipped: work.skipped,
      ms: { load: loadMs, indexes: indexMs, analyze: analyzeMs, total: totalMs },
    };
    mkdirSync(RESULTS_DIR, { recursive: true });
    writeFileSync(join(RESULTS_DIR, 'seed.json'), JSON.stringify(result, null, 2) + '\n');
    log(`done in ${fmtDuration(totalMs)} (load ${fmtDuration(loadMs)}, indexes ${fmtDuration(indexMs)}, analyze ${fmtDuration(analyzeMs)})`);
    for (const s of work.skipped) log(`skipped: ${s}`);
  } finally {
    await pool.end();
    await db.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
