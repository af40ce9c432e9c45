import { startApp, TestApp } from './helpers/test-app';
import { bearer } from './helpers/fixtures';

/** Demo campaigns: several types and statuses, linked leads and opportunities, a non-trivial ROI. */
describe('campaigns demo data (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startApp({ config: { seedDemo: true } });
  }, 180_000);
  afterAll(() => t?.close());

  it('has campaigns of different types and statuses with leads, won deals and an ROI', async () => {
    const token = await t.login('marketing@keyuan.local', 'Demo123!');
    const list = await t.http.get('/api/v1/campaigns?limit=50').set(bearer(token)).expect(200);
    const campaigns = list.body.data as { id: string; type: string; status: string; name: string }[];
    expect(campaigns.length).toBeGreaterThanOrEqual(4);
    expect(new Set(campaigns.map((c) => c.type)).size).toBeGreaterThanOrEqual(4);
    expect(new Set(campaigns.map((c) => c.status)).size).toBeGreaterThanOrEqual(3);
    const details = await Promise.all(campaigns.map(async (c) => (await t.http.get(`/api/v1/campaigns/${c.id}`).set(bearer(token)).expect(200)).body));
    const launch = details.find((d) => d.type === 'event');
    expect(launch.stats).toMatchObject({ leads: 4, convertedLeads: 2, opportunities: 2 });
    expect(launch.stats.wonOpportunities).toBeGreaterThanOrEqual(1);
    expect(launch.stats.roi).toMatch(/^-?\d+\.\d{4}$/);
    expect(launch.stats.roi).not.toBe('-1.0000');
    expect(details.some((d) => d.stats.roi === null)).toBe(true);
    const segment = await t.http.get(`/api/v1/campaigns/${launch.id}/segment`).set(bearer(token)).expect(200);
    expect(segment.body.count).toBeGreaterThan(0);
    // a rep reads them too (to link deals)
    const rep1 = await t.login('rep1@keyuan.local', 'Demo123!');
    expect((await t.http.get('/api/v1/campaigns').set(bearer(rep1)).expect(200)).body.total).toBe(campaigns.length);
  });
});
