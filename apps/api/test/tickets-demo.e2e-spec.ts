import { startApp, TestApp } from './helpers/test-app';
import { bearer } from './helpers/fixtures';

/** The demo service desk: a team, tickets in every status with conversations and survey answers, warranty records, return visits. */
describe('tickets demo data (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp({ config: { seedDemo: true } });
  }, 180_000);
  afterAll(() => t?.close());

  it('seeds a service desk the demo agents and their lead can work in', async () => {
    const lead = bearer(await t.login('servicelead@keyuan.local', 'Demo123!'));
    const agent = bearer(await t.login('service@keyuan.local', 'Demo123!'));
    const all = (await t.http.get('/api/v1/tickets?limit=200').set(lead).expect(200)).body.data as { id: string; status: string; surveyRating: number | null; assigneeId: string }[];
    expect(new Set(all.map((x) => x.status))).toEqual(new Set(['new', 'open', 'pending', 'resolved', 'closed', 'reopened']));
    expect(all.some((x) => x.surveyRating)).toBe(true);
    expect(new Set(all.map((x) => x.assigneeId)).size).toBe(2); // round-robin over both agents
    const conversation = (await t.http.get(`/api/v1/tickets/${all.find((x) => x.status === 'reopened')!.id}/comments`).set(lead).expect(200)).body.data;
    expect(conversation.length).toBeGreaterThan(1);
    const mine = (await t.http.get('/api/v1/tickets?queue=mine').set(agent).expect(200)).body.data;
    expect(mine.length).toBeGreaterThan(0);
    const teams = (await t.http.get('/api/v1/ticket-teams').set(agent).expect(200)).body.data;
    expect(teams[0]).toMatchObject({ name: '一线支持 Tier 1', leadName: '孙丽 Sun Li' });
    expect((await t.http.get('/api/v1/sla-policies').set(agent).expect(200)).body.data.map((p: { priority: string }) => p.priority)).toEqual(['urgent', 'high', 'normal', 'low']);
    expect((await t.http.get('/api/v1/service-records').set(lead).expect(200)).body.data).toHaveLength(3);
    expect((await t.http.get('/api/v1/return-visits').set(lead).expect(200)).body.data).toHaveLength(5);
    expect(teams.map((x: { name: string }) => x.name)).toEqual(['一线支持 Tier 1', '二线支持 Tier 2']);
    // the types and channels, feedback included
    expect(new Set(all.map((x) => (x as unknown as { type: string }).type))).toEqual(new Set(['inquiry', 'complaint', 'fault', 'feedback', 'service_request']));
  });
});
