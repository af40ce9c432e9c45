import { startApp, TestApp } from './helpers/test-app';
import { bearer } from './helpers/fixtures';

/** SMS demo data: two templates, messages sent to rep1's contacts (one failed), and an unread reply in rep1's inbox. */
describe('sms demo data (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startApp({ config: { seedDemo: true } });
  }, 180_000);
  afterAll(() => t?.close());

  it('has templates of both kinds, sent messages and a reply in the inbox; another team sees none of it', async () => {
    const marketing = await t.login('marketing@keyuan.local', 'Demo123!');
    const templates = (await t.http.get('/api/v1/sms/templates').set(bearer(marketing)).expect(200)).body.data as { kind: string }[];
    expect(new Set(templates.map((x) => x.kind))).toEqual(new Set(['notification', 'marketing']));
    const rep1 = await t.login('rep1@keyuan.local', 'Demo123!');
    const sent = (await t.http.get('/api/v1/sms/messages?direction=outbound').set(bearer(rep1)).expect(200)).body.data as { status: string; contactId: string }[];
    expect(sent.length).toBeGreaterThanOrEqual(3);
    expect(new Set(sent.map((m) => m.status))).toEqual(new Set(['delivered', 'failed']));
    const inbox = (await t.http.get('/api/v1/sms/inbox').set(bearer(rep1)).expect(200)).body;
    expect(inbox.unreadTotal).toBe(1);
    expect(inbox.data).toHaveLength(1);
    expect(inbox.data[0]).toMatchObject({ lastBody: '可以的，十点见。', unread: 1, contactId: expect.any(String) });
    const thread = (await t.http.get(`/api/v1/sms/inbox/${inbox.data[0].id}`).set(bearer(rep1)).expect(200)).body;
    expect(thread.messages.map((m: { direction: string }) => m.direction)).toEqual(['outbound', 'outbound', 'inbound']);
    const rep3 = await t.login('rep3@keyuan.local', 'Demo123!');
    expect((await t.http.get('/api/v1/sms/inbox').set(bearer(rep3)).expect(200)).body.data).toEqual([]);
  });
});
