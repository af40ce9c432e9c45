import { startApp, TestApp } from './helpers/test-app';
import { bearer } from './helpers/fixtures';

/** Finance demo data: plans on the signed demo contracts, partly paid, overdue installments, invoices; receivables convert. */
describe('payments demo data (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startApp({ config: { seedDemo: true } });
  }, 180_000);
  afterAll(() => t?.close());

  it('has partly paid plans, overdue installments, payments and invoices; a rep sees only their own', async () => {
    const token = await t.login('finance@keyuan.local', 'Demo123!');
    const plans = (await t.http.get('/api/v1/payment-plans?limit=200').set(bearer(token)).expect(200)).body.data as { status: string; contractId: string }[];
    const statuses = new Set(plans.map((p) => p.status));
    for (const s of ['paid', 'partially_paid', 'overdue', 'pending']) expect([s, statuses.has(s)]).toEqual([s, true]);
    expect((await t.http.get('/api/v1/payments').set(bearer(token)).expect(200)).body.total).toBeGreaterThanOrEqual(4);
    const invoices = (await t.http.get('/api/v1/invoices').set(bearer(token)).expect(200)).body.data as { status: string }[];
    expect(new Set(invoices.map((i) => i.status))).toEqual(new Set(['issued', 'requested']));
    const receivables = (await t.http.get('/api/v1/receivables').set(bearer(token)).expect(200)).body;
    expect(Number(receivables.summary.totalOverdue)).toBeGreaterThan(0);
    expect(receivables.summary.aging).toHaveLength(5);
    const rep1 = await t.login('rep1@keyuan.local', 'Demo123!');
    const mine = (await t.http.get('/api/v1/receivables?limit=200').set(bearer(rep1)).expect(200)).body;
    expect(mine.total).toBeGreaterThan(0);
    expect(mine.total).toBeLessThan(receivables.total);
  });
});
