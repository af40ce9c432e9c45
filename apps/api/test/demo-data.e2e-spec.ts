import { startApp, TestApp } from './helpers/test-app';
import { bearer } from './helpers/fixtures';

/** The first start with SEED_DEMO loads a usable demo organisation and its customers. */
describe('demo data (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp({ config: { seedDemo: true } });
    // seeding the demo organisation (password hashes, thousands of rows) takes long on a busy 2-core machine
  }, 180_000);
  afterAll(() => t?.close());

  it('creates the demo users with their roles and departments', async () => {
    const rep = await t.login('rep1@keyuan.local', 'Demo123!');
    const me = await t.http.get('/api/v1/auth/me').set(bearer(rep)).expect(200);
    expect(me.body.roles.map((r: { key: string }) => r.key)).toEqual(['sales_rep']);
    const tree = await t.http.get('/api/v1/departments/tree').set(bearer(await t.login())).expect(200);
    expect(JSON.stringify(tree.body)).toContain('华东销售组');
  });

  it('gives reps their own leads, managers their department, and fills the pool', async () => {
    const rep = await t.login('rep1@keyuan.local', 'Demo123!');
    const mine = await t.http.get('/api/v1/leads?limit=200').set(bearer(rep)).expect(200);
    expect(mine.body.total).toBeGreaterThan(3);
    expect(mine.body.data.every((l: { ownerName: string }) => l.ownerName === '李雷 Li Lei')).toBe(true);
    const manager = await t.login('manager@keyuan.local', 'Demo123!');
    const dept = await t.http.get('/api/v1/leads?limit=200').set(bearer(manager)).expect(200);
    expect(dept.body.total).toBeGreaterThan(mine.body.total);
    const pools = await t.http.get('/api/v1/pools').set(bearer(rep)).expect(200);
    expect(pools.body.total).toBeGreaterThan(0);
    const inPool = await t.http.get(`/api/v1/pools/${pools.body.data[0].id}/leads`).set(bearer(rep)).expect(200);
    expect(inPool.body.total).toBeGreaterThan(0);
  });

  it('gives reps follow-ups (calls, some inbound, visits, notes) and tasks overdue, due today and upcoming', async () => {
    const rep = await t.login('rep1@keyuan.local', 'Demo123!');
    const my = await t.http.get('/api/v1/tasks/my').set(bearer(rep)).expect(200);
    // two are due later today, unless the first start happens minutes before midnight
    expect(my.body.counts.overdue).toBe(2);
    expect(my.body.counts.today + my.body.counts.upcoming).toBe(5);
    const manager = await t.login('manager@keyuan.local', 'Demo123!');
    for (const query of ['type=call&direction=inbound', 'type=visit', 'type=note']) {
      const res = await t.http.get(`/api/v1/activities?${query}`).set(bearer(manager)).expect(200);
      expect(res.body.total).toBeGreaterThan(0);
    }
    const accounts = await t.http.get('/api/v1/accounts?limit=200').set(bearer(rep)).expect(200);
    expect(accounts.body.data.some((a: { lastActivityAt: string | null }) => a.lastActivityAt)).toBe(true);
  });

  it('has 50+ bilingual knowledge base articles, some internal, some drafts, searchable in both languages', async () => {
    const rep = bearer(await t.login('rep1@keyuan.local', 'Demo123!'));
    const all = (await t.http.get('/api/v1/kb/articles?limit=200').set(rep).expect(200)).body.data as { title: string; status: string; visibility: string }[];
    expect(all.length).toBeGreaterThanOrEqual(50);
    expect(new Set(all.map((a) => a.status))).toEqual(new Set(['draft', 'published', 'archived']));
    expect(new Set(all.map((a) => a.visibility))).toEqual(new Set(['internal', 'public']));
    const zh = (await t.http.get(`/api/v1/kb/articles?q=${encodeURIComponent('退款')}`).set(rep).expect(200)).body.data as { title: string; snippet: string }[];
    expect(zh[0].title).toContain('退款');
    expect(zh[0].snippet).toContain('<mark>退款</mark>');
    const en = (await t.http.get('/api/v1/kb/articles?q=refunds').set(rep).expect(200)).body.data as { title: string }[];
    expect(en[0].title.toLowerCase()).toContain('refund');
    const help = (await t.http.get('/api/v1/public/kb/articles?limit=200').expect(200)).body.data as unknown[];
    expect(help.length).toBeGreaterThan(10);
    expect(help.length).toBeLessThan(all.length);
  });

  it('has a product catalogue with Chinese names and quotes in every status', async () => {
    const admin = bearer(await t.login());
    const products = await t.http.get('/api/v1/products?limit=50').set(admin).expect(200);
    expect(products.body.data.map((p: { name: string }) => p.name)).toContain('智能收银终端');
    const quotes = await t.http.get('/api/v1/quotes?limit=200').set(admin).expect(200);
    const statuses = new Set(quotes.body.data.map((q: { status: string }) => q.status));
    for (const s of ['draft', 'pending_approval', 'approved', 'rejected', 'sent', 'accepted', 'declined', 'expired']) expect(statuses).toContain(s);
    const pending = quotes.body.data.find((q: { status: string }) => q.status === 'pending_approval');
    const detail = await t.http.get(`/api/v1/quotes/${pending.id}`).set(admin).expect(200);
    expect(detail.body.approvalId).toBeTruthy();
    expect(detail.body.lines).toHaveLength(3);
  });

  it('has contracts in every status, some made from accepted quotes, the large one waiting for approval', async () => {
    const admin = bearer(await t.login());
    const contracts = (await t.http.get('/api/v1/contracts?limit=200').set(admin).expect(200)).body.data as { id: string; status: string; quoteId: string | null; amount: string }[];
    const statuses = new Set(contracts.map((c) => c.status));
    for (const s of ['draft', 'pending_approval', 'active', 'expired', 'terminated']) expect(statuses).toContain(s);
    expect(contracts.filter((c) => c.quoteId).length).toBeGreaterThanOrEqual(1);
    const pending = contracts.find((c) => c.status === 'pending_approval')!;
    expect((await t.http.get(`/api/v1/contracts/${pending.id}`).set(admin).expect(200)).body.approvalId).toBeTruthy();
    // an accepted quote stays free for "create contract" in the browser
    const quotes = (await t.http.get('/api/v1/quotes?status=accepted&limit=200').set(admin).expect(200)).body.data as { id: string }[];
    const taken = new Set(contracts.map((c) => c.quoteId));
    expect(quotes.some((q) => !taken.has(q.id))).toBe(true);
  });
});
