import { startApp, TestApp } from './helpers/test-app';
import { bearer } from './helpers/fixtures';

/** Email demo data: a default sales mailbox and the service mailbox, two templates, and rep1's sent, received and failed mail. */
describe('email demo data (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startApp({ config: { seedDemo: true } });
  }, 180_000);
  afterAll(() => t?.close());

  it('has mailboxes, templates with variables, and a thread on rep1’s contact; another team sees none of it', async () => {
    const admin = await t.login();
    {
      const boxes = (await t.http.get('/api/v1/email/accounts').set(bearer(admin)).expect(200)).body.data as {
        address: string;
        isDefault: boolean;
        isServiceMailbox: boolean;
        smtpPasswordSet: boolean;
      }[];
      expect(boxes.map((b) => [b.address, b.isDefault, b.isServiceMailbox, b.smtpPasswordSet])).toEqual([
        ['sales@keyuan.local', true, false, false],
        ['support@keyuan.local', false, true, false],
      ]);
    }
    const rep1 = await t.login('rep1@keyuan.local', 'Demo123!');
    const templates = (await t.http.get('/api/v1/email/templates').set(bearer(rep1)).expect(200)).body
      .data as { kind: string; variables: string[] }[];
    expect(new Set(templates.map((x) => x.kind))).toEqual(new Set(['notification', 'marketing']));
    expect(templates.flatMap((x) => x.variables)).toContain('name');
    const mail = (await t.http.get('/api/v1/email/messages').set(bearer(rep1)).expect(200)).body.data as {
      direction: string;
      status: string;
      threadId: string;
      recordType: string;
    }[];
    expect(new Set(mail.map((m) => `${m.direction}:${m.status}`))).toEqual(
      new Set(['outbound:sent', 'inbound:received', 'outbound:failed']),
    );
    const reply = mail.find((m) => m.direction === 'inbound')!;
    expect(mail.filter((m) => m.threadId === reply.threadId)).toHaveLength(2);
    expect(mail.every((m) => m.recordType === 'contact')).toBe(true);
    const rep3 = await t.login('rep3@keyuan.local', 'Demo123!');
    expect((await t.http.get('/api/v1/email/messages').set(bearer(rep3)).expect(200)).body.data).toEqual([]);
  });
});
