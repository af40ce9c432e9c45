import { APP_CONFIG, AppConfig } from '@core/config/app-config';
import { runMigrations } from '@core/database/database';
import { startApp, TestApp } from './helpers/test-app';
import { bearer, buildOrg, createUser, Org } from './helpers/fixtures';
import { JobsService } from '@core/jobs/jobs.service';
import { replicasOf } from '@core/database/routed-data-source';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { machinePgBouncer, machinePostgresBin, ReplicatedPostgres, startPgBouncer, startReplicatedPostgres } from './helpers/pg-replication';

const bin = machinePostgresBin();
if (!bin) {
  console.log(
    'read-replica e2e skipped: no PostgreSQL server binaries (initdb, postgres, pg_basebackup) under /usr/lib/postgresql/<version>/bin; install Debian\'s postgresql package or set PG_BIN_DIR',
  );
}

const pgbouncer = machinePgBouncer();
if (bin && !pgbouncer) console.log('read-replica e2e: the PgBouncer case is skipped: no /usr/sbin/pgbouncer (Debian\'s pgbouncer) or PGBOUNCER_BIN');

// long enough for a busy 2-core machine to finish a write and the reads after it inside the window; the test
// closes the window itself (on the primary) where it needs it closed
const RYW_MS = 15000;

/** Polls `check` until it holds (bounded): the replica's replay and the read-your-writes window are state, not fixed delays. */
async function until(what: string, check: () => Promise<boolean>, timeoutMs = 15000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * A primary and a streaming replica from the machine's PostgreSQL (initdb, pg_basebackup -R, standby mode) and
 * two API instances with DATABASE_READ_URL. Replay on the replica is paused while a lead is written, so a read
 * that answers without the lead was served by the replica, and one that answers with it by the primary.
 */
(bin ? describe : describe.skip)('reads on a streaming replica, two instances (e2e)', () => {
  let pg: ReplicatedPostgres;
  let a: TestApp;
  let b: TestApp;
  let org: Org;
  let reader: { id: string; email: string; token: string };

  const replayed = async () => {
    const [{ lsn }] = await pg.sql<{ lsn: string }>('primary', `SELECT pg_current_wal_lsn()::text AS lsn`);
    await until('the replica to replay the primary', async () => {
      const [r] = await pg.sql<{ ok: boolean }>('replica', `SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn AS ok`, [lsn]);
      return r.ok;
    });
  };
  const names = (res: { body: { data: { name: string }[] } }) => res.body.data.map((l) => l.name);

  beforeAll(async () => {
    pg = await startReplicatedPostgres(bin!, async (url) => void (await runMigrations(url)));
    // these instances keep reading a replica whose replay is paused (no lag limit); the lag case starts its own.
    // Reports are not cached here: the analytics figures must come from the database each replica read chooses.
    const config = { databaseReadUrls: [pg.replicaUrl], readYourWritesMs: RYW_MS, databaseReadMaxLagMs: 0, analyticsCacheSeconds: 0 };
    a = await startApp({ url: pg.primaryUrl, config });
    b = await startApp({ url: pg.primaryUrl, config });
    org = await buildOrg(a);
    reader = await createUser(a, org, { role: 'admin' });
    await replayed();
  }, 120000);

  afterAll(async () => {
    await b?.close();
    await a?.close();
    await pg?.stop();
  });

  it('writes go to the primary; reads go to the replica; the writer reads its own writes on either instance', async () => {
    const writer = org.adminToken;
    await pg.sql('replica', `SELECT pg_wal_replay_pause()`);
    await until('replay to pause', async () => (await pg.sql<{ s: string }>('replica', `SELECT pg_get_wal_replay_pause_state() AS s`))[0].s === 'paused');

    // a write on the replica would fail (read-only): 201 means the primary took it
    const name = `副本测试 Replica ${Date.now()}`;
    const lead = (await a.http.post('/api/v1/leads').set(bearer(writer)).send({ name, company: '复制科技', phone: '13911112222', source: 'web' }).expect(201)).body;
    expect(await pg.sql('primary', `SELECT 1 FROM leads WHERE id = $1`, [lead.id])).toHaveLength(1);
    expect(await pg.sql('replica', `SELECT 1 FROM leads WHERE id = $1`, [lead.id])).toHaveLength(0);

    // read-your-writes: the writer's list, on the other instance too, comes from the primary
    for (const t of [a, b]) {
      expect(names(await t.http.get('/api/v1/leads').query({ q: name }).set(bearer(writer)).expect(200))).toEqual([name]);
    }

    // another user's list, search, export, timeline and analytics come from the (paused) replica
    for (const t of [a, b]) {
      expect(names(await t.http.get('/api/v1/leads').query({ q: name }).set(bearer(reader.token)).expect(200))).toEqual([]);
    }
    const search = await b.http.get('/api/v1/search').query({ q: name }).set(bearer(reader.token)).expect(200);
    expect(search.body.leads).toEqual([]);
    const csv = await b.http.get('/api/v1/leads/export').set(bearer(reader.token)).expect(200);
    expect(csv.text).not.toContain(name);
    await b.http.get(`/api/v1/leads/${lead.id}/timeline`).set(bearer(reader.token)).expect(404);
    // analytics count days in the business time zone
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: b.app.get<AppConfig>(APP_CONFIG).timezone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
    const sources = async () =>
      (await b.http.get(`/api/v1/analytics/lead-sources?from=${today}&to=${today}`).set(bearer(reader.token)).expect(200)).body.bySource as { key: string; leads: number }[];
    expect((await sources()).find((s) => s.key === 'web')).toBeUndefined();
    // a detail read is not replica-routed: the reader sees the lead there
    await b.http.get(`/api/v1/leads/${lead.id}`).set(bearer(reader.token)).expect(200);

    // once the window has passed (closed here on the primary), the writer's lists come from the replica too
    await pg.sql('primary', `UPDATE read_your_writes SET until = now()`);
    await until('the read-your-writes window to close', async () =>
      names(await b.http.get('/api/v1/leads').query({ q: name }).set(bearer(writer)).expect(200)).length === 0,
    );

    // replay resumes: every reader sees the lead
    await pg.sql('replica', `SELECT pg_wal_replay_resume()`);
    await replayed();
    expect(names(await a.http.get('/api/v1/leads').query({ q: name }).set(bearer(reader.token)).expect(200))).toEqual([name]);
    await b.http.get(`/api/v1/leads/${lead.id}/timeline`).set(bearer(reader.token)).expect(200);
    expect((await sources()).find((s) => s.key === 'web')).toMatchObject({ leads: 1 });
  });

  it('an update is read back by its writer at once, on the other instance, while the replica lags', async () => {
    const name = `RYW update ${Date.now()}`;
    const lead = (await a.http.post('/api/v1/leads').set(bearer(reader.token)).send({ name, phone: '13911113333', source: 'web' }).expect(201)).body;
    await replayed();
    await pg.sql('replica', `SELECT pg_wal_replay_pause()`);
    try {
      await a.http.patch(`/api/v1/leads/${lead.id}`).set(bearer(reader.token)).set('If-Match', `"${lead.version}"`).send({ title: '采购总监' }).expect(200);
      const list = await b.http.get('/api/v1/leads').query({ q: name }).set(bearer(reader.token)).expect(200);
      expect(list.body.data[0]).toMatchObject({ id: lead.id, title: '采购总监' });
      // the admin, who did not write, reads the replica's older row
      const other = await b.http.get('/api/v1/leads').query({ q: name }).set(bearer(org.adminToken)).expect(200);
      expect(other.body.data[0].title ?? null).toBeNull();
    } finally {
      await pg.sql('replica', `SELECT pg_wal_replay_resume()`);
    }
  });

  (pgbouncer ? it : it.skip)('works through PgBouncer in transaction mode: jobs, writes, replica reads, read-your-writes', async () => {
    const port = (url: string) => new URL(url).port;
    const bouncer = await startPgBouncer(pgbouncer!, {
      keyuan: `host=127.0.0.1 port=${port(pg.primaryUrl)} dbname=keyuan`,
      keyuan_replica: `host=127.0.0.1 port=${port(pg.replicaUrl)} dbname=keyuan`,
    });
    let c: TestApp | undefined;
    try {
      // 10 client connections per pool and pg-boss's 3 share 4 server connections: any session state would leak
      c = await startApp({
        url: `postgres://postgres@127.0.0.1:${bouncer.port}/keyuan`,
        config: { databaseReadUrls: [`postgres://postgres@127.0.0.1:${bouncer.port}/keyuan_replica`], readYourWritesMs: RYW_MS, databaseReadMaxLagMs: 0, jobsEnabled: true },
      });
      expect(c.app.get(JobsService).queueing).toBe(true);
      const token = await c.login(reader.email, 'Passw0rd!');
      const stamp = Date.now();
      const created = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          c!.http.post('/api/v1/leads').set(bearer(token)).set('Idempotency-Key', `bouncer-${stamp}-${i}`).send({ name: `Bouncer ${stamp} ${i}`, phone: `139${String(stamp).slice(-6)}${String(i).padStart(2, '0')}`, source: 'web' }),
        ),
      );
      expect(created.map((r) => r.status)).toEqual(Array(12).fill(201));
      // the writer reads its own writes through PgBouncer at once
      const mine = await c.http.get('/api/v1/leads').query({ q: `Bouncer ${stamp}`, limit: 50 }).set(bearer(token)).expect(200);
      expect(mine.body.total).toBe(12);
      // another user's reads go to the replica through PgBouncer's replica pool
      await replayed();
      await pg.sql('replica', `SELECT pg_wal_replay_pause()`);
      try {
        const late = (await c.http.post('/api/v1/leads').set(bearer(token)).send({ name: `Bouncer ${stamp} late`, phone: '13977778888', source: 'web' }).expect(201)).body;
        const others = await c.http.get('/api/v1/leads').query({ q: `Bouncer ${stamp}`, limit: 50 }).set(bearer(org.adminToken)).expect(200);
        expect(others.body.total).toBe(12);
        expect(others.body.data.map((l: { id: string }) => l.id)).not.toContain(late.id);
      } finally {
        await pg.sql('replica', `SELECT pg_wal_replay_resume()`);
      }
    } finally {
      await c?.close();
      await bouncer.stop();
    }
  });

  it('a replica further behind than DATABASE_READ_MAX_LAG_MS takes no reads until it catches up', async () => {
    const c = await startApp({ url: pg.primaryUrl, config: { databaseReadUrls: [pg.replicaUrl], readYourWritesMs: RYW_MS, databaseReadMaxLagMs: 1000, databaseReadCheckIntervalMs: 200 } });
    const replicas = replicasOf(c.app.get(DataSource))!;
    const state = () => replicas.status()[0].state;
    try {
      await replayed();
      await until('the replica to be up', async () => state() === 'up');
      await pg.sql('replica', `SELECT pg_wal_replay_pause()`);
      const name = `Lagging ${Date.now()}`;
      const started = Date.now();
      await a.http.post('/api/v1/leads').set(bearer(reader.token)).send({ name, phone: '13911115555', source: 'web' }).expect(201);
      expect(await pg.sql('replica', `SELECT 1 FROM leads WHERE name = $1`, [name])).toHaveLength(0);
      // the admin (no write of its own) reads the lead once the replica is more than a second behind: from the primary
      await until('the lagging replica to be skipped', async () => state() === 'lagging');
      expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
      expect(names(await c.http.get('/api/v1/leads').query({ q: name }).set(bearer(org.adminToken)).expect(200))).toEqual([name]);
      const csv = await c.http.get('/api/v1/leads/export').set(bearer(org.adminToken)).expect(200);
      expect(csv.text).toContain(name);
      // the paused replica still lacks it: those answers were not the replica's
      expect(await pg.sql('replica', `SELECT 1 FROM leads WHERE name = $1`, [name])).toHaveLength(0);
      await pg.sql('replica', `SELECT pg_wal_replay_resume()`);
      await until('the caught-up replica to take reads again', async () => state() === 'up');
      expect(replicas.status()[0].lagMs).toBeLessThan(1000);
    } finally {
      await pg.sql('replica', `SELECT pg_wal_replay_resume()`);
      await c.close();
    }
  });

  it('a read running on the replica when it is shut down is answered from the primary; then reads use the primary', async () => {
    const name = `Outage ${Date.now()}`;
    await a.http.post('/api/v1/leads').set(bearer(reader.token)).send({ name, phone: '13911114444', source: 'web' }).expect(201);
    await replayed();
    // an ACCESS EXCLUSIVE lock taken on the primary is replayed on the replica: the admin's list waits there
    const locker = new Client({ connectionString: pg.primaryUrl });
    await locker.connect();
    try {
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE leads IN ACCESS EXCLUSIVE MODE');
      // the lock's WAL record sits in a part-filled page until something flushes it: a committed transaction
      // with an id (synchronous commit) flushes the WAL up to its commit, the lock's record included
      await until('the lock to be replayed on the replica', async () =>
        (await pg.sql('primary', `SELECT txid_current()`)) &&
        (await pg.sql('replica', `SELECT 1 FROM pg_locks WHERE relation = 'leads'::regclass AND mode = 'AccessExclusiveLock' AND granted`)).length > 0,
      );
      const pending = a.http.get('/api/v1/leads').query({ q: name }).set(bearer(org.adminToken)).then((r) => r);
      await until('the list to wait on the replica', async () =>
        (await pg.sql('replica', `SELECT 1 FROM pg_stat_activity WHERE application_name = 'keyuan-api' AND wait_event_type = 'Lock'`)).length > 0,
      );
      // fast shutdown: the waiting statement fails with 57P01 and runs again on the primary (behind the lock)
      await pg.stopReplica();
      await locker.query('ROLLBACK');
      const res = await pending;
      expect(res.status).toBe(200);
      expect(names(res)).toEqual([name]);
    } finally {
      await locker.end();
    }
    expect(replicasOf(a.app.get(DataSource))!.status()[0].state).toBe('down');
    for (const t of [a, b]) {
      expect(names(await t.http.get('/api/v1/leads').query({ q: name }).set(bearer(org.adminToken)).expect(200))).toEqual([name]);
    }
    // and an instance that starts while the replica is down still starts, on the primary alone
    const c = await startApp({ url: pg.primaryUrl, config: { databaseReadUrls: [pg.replicaUrl], readYourWritesMs: RYW_MS } });
    try {
      expect(replicasOf(c.app.get(DataSource))!.status()[0].state).toBe('down');
      expect(names(await c.http.get('/api/v1/leads').query({ q: name }).set(bearer(org.adminToken)).expect(200))).toEqual([name]);
    } finally {
      await c.close();
    }
  });
});
