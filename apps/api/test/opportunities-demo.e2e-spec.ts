import { DataSource } from 'typeorm';
import { startApp, TestApp } from './helpers/test-app';
import { bearer } from './helpers/fixtures';

/** Demo opportunities: two pipelines, every stage filled, reps of two teams, stage history; reps see only theirs. */
describe('opportunities demo data (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startApp({ config: { seedDemo: true } });
    // seeding the demo organisation takes long on a busy 2-core machine
  }, 180_000);
  afterAll(() => t?.close());

  it('fills every stage of the default and the renewals pipeline, with history and owners in different departments', async () => {
    const ds = t.app.get(DataSource);
    const empty: unknown[] = await ds.query(
      `SELECT s.id FROM pipeline_stages s WHERE s.deleted_at IS NULL AND NOT EXISTS (SELECT 1 FROM opportunities o WHERE o.stage_id = s.id AND o.deleted_at IS NULL)`,
    );
    expect(empty).toEqual([]);
    const [c] = await ds.query(`
      SELECT (SELECT count(*)::int FROM pipelines WHERE deleted_at IS NULL) AS pipelines,
             (SELECT count(DISTINCT department_id)::int FROM opportunities) AS departments,
             (SELECT count(*)::int FROM opportunities o WHERE NOT EXISTS (SELECT 1 FROM opportunity_stage_history h WHERE h.opportunity_id = o.id AND h.to_stage_id = o.stage_id)) AS without_history,
             (SELECT count(*)::int FROM opportunities o JOIN pipeline_stages s ON s.id = o.stage_id WHERE s.kind = 'lost' AND o.lost_reason IS NULL) AS lost_without_reason`);
    expect(c).toEqual({ pipelines: 2, departments: expect.any(Number), without_history: 0, lost_without_reason: 0 });
    expect(c.departments).toBeGreaterThanOrEqual(2);

    const rep1 = await t.login('rep1@keyuan.local', 'Demo123!');
    const mine = await t.http.get('/api/v1/opportunities?limit=200').set(bearer(rep1)).expect(200);
    expect(mine.body.total).toBeGreaterThan(2);
    expect(mine.body.data.every((o: { ownerName: string }) => o.ownerName === '李雷 Li Lei')).toBe(true);
    const pipelines = (await t.http.get('/api/v1/pipelines').set(bearer(rep1)).expect(200)).body.data;
    expect(pipelines.map((p: { nameZh: string }) => p.nameZh)).toEqual(['新业务', '续约']);
  });
  it('has line items on a few opportunities (amount = their total) and converts the demo board to CNY without missing rates', async () => {
    const ds = t.app.get(DataSource);
    const rows: { n: number; mismatched: number }[] = await ds.query(
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE o.amount <> (SELECT sum(l.amount) FROM opportunity_lines l WHERE l.opportunity_id = o.id))::int AS mismatched
         FROM opportunities o WHERE o.has_lines`,
    );
    expect(rows[0].n).toBeGreaterThanOrEqual(2);
    expect(rows[0].mismatched).toBe(0);
    const admin = await t.login();
    const board = (await t.http.get('/api/v1/opportunities/summary').set(bearer(admin)).expect(200)).body;
    expect(board.totals.map((c: { currency: string }) => c.currency)).toContain('USD');
    expect(board.missingRates).toEqual([]);
    expect(board.base).toMatchObject({ currency: 'CNY', unconverted: 0 });
  });
});
