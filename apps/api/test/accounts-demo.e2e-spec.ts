import { DataSource } from 'typeorm';
import { startApp, TestApp } from './helpers/test-app';
import { bearer } from './helpers/fixtures';

/** The demo data of accounts and contacts: realistic records across two teams, some in the East China pool. */
describe('accounts and contacts demo data (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startApp({ config: { seedDemo: true } });
    // seeding the demo organisation (password hashes, thousands of rows) takes long on a busy 2-core machine
  }, 180_000);
  afterAll(() => t?.close());

  it('seeds accounts with owners, a pool with ownerless accounts, contacts, and the dedupe index', async () => {
    const ds = t.app.get(DataSource);
    const [counts] = await ds.query(`
      SELECT (SELECT count(*)::int FROM accounts) AS accounts,
             (SELECT count(*)::int FROM accounts WHERE owner_id IS NULL AND pool_id IS NOT NULL) AS pooled,
             (SELECT count(*)::int FROM accounts WHERE phone IS NULL) AS no_phone,
             (SELECT count(*)::int FROM contacts) AS contacts,
             (SELECT count(*)::int FROM contacts WHERE mobile IS NULL) AS no_mobile,
             (SELECT count(*)::int FROM accounts a WHERE NOT EXISTS (SELECT 1 FROM contacts c WHERE c.account_id = a.id)) AS lonely,
             (SELECT count(*)::int FROM contact_points WHERE entity_type IN ('account', 'contact')) AS points`);
    expect(counts.accounts).toBeGreaterThanOrEqual(20);
    expect(counts.pooled).toBeGreaterThanOrEqual(3);
    expect(counts.no_phone).toBe(0);
    expect(counts.contacts).toBeGreaterThanOrEqual(counts.accounts);
    expect(counts.no_mobile).toBe(0);
    expect(counts.lonely).toBe(0);
    expect(counts.points).toBeGreaterThan(counts.accounts + counts.contacts);

    const rep1 = bearer(await t.login('rep1@keyuan.local', 'Demo123!'));
    const mine = await t.http.get('/api/v1/accounts?limit=200').set(rep1).expect(200);
    expect(mine.body.data.length).toBeGreaterThanOrEqual(4);
    // the sales roles let owners see their own customers unmasked (a per-role choice)
    expect(mine.body.data.filter((a: { phone: string | null }) => a.phone).every((a: { masked: boolean }) => a.masked === false)).toBe(true);
    const pools = await t.http.get('/api/v1/pools').set(rep1).expect(200);
    const pool = pools.body.data.find((p: { name: string }) => p.name === '华东公海 East China pool');
    expect(pool).toMatchObject({ claimLimit: 5, returnAfterDays: 30 });
    const pooled = await t.http.get(`/api/v1/pools/${pool.id}/accounts`).set(rep1).expect(200);
    expect(pooled.body.total).toBe(counts.pooled);
    await t.http.post(`/api/v1/accounts/${pooled.body.data[0].id}/claim`).set(rep1).expect(200);
    const contacts = await t.http.get('/api/v1/contacts?limit=200').set(rep1).expect(200);
    expect(contacts.body.data.some((c: { accountId: string }) => c.accountId === pooled.body.data[0].id)).toBe(true);
  });
});
