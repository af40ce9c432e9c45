import { DataSource } from 'typeorm';
import { Webhook } from 'standardwebhooks';
import { OutboxService } from '@core/events/outbox/outbox.service';
import { FakeTwilio } from '@modules/sms/testing/fake-providers';
import { startApp, TestApp } from './helpers/test-app';
import { bearer, buildOrg, createUser, Org } from './helpers/fixtures';
import { WebhookReceiver } from './helpers/webhook-receiver';

interface Delivered {
  type: string;
  data: { id: string; object: string; action: string; changes: { field: string; new: unknown }[] };
}
interface FeedPage {
  data: { id: string; types: string[]; data: Delivered['data'] }[];
  nextCursor: string;
  hasMore: boolean;
}

/**
 * `sms.received`: an inbound SMS through the provider's signed callback (the Twilio fake signs it) writes its
 * outbox event in the message's transaction; webhooks and the change feed carry it to the readers of the contact
 * or lead it matched (the sms grant's scope over their owner), an unmatched one to `all`-scope readers only.
 */
describe('sms.received events (e2e)', () => {
  let t: TestApp;
  let org: Org;
  let rx: WebhookReceiver;
  let fake: FakeTwilio;
  let ds: DataSource;
  let rep: { id: string; token: string };

  beforeAll(async () => {
    rx = await new WebhookReceiver().start();
    fake = await new FakeTwilio().start();
    t = await startApp({ config: { webhookAllowLoopback: true } });
    org = await buildOrg(t);
    ds = t.app.get(DataSource);
    await t.http
      .put('/api/v1/sms/settings')
      .set(bearer(org.adminToken))
      .send({ provider: 'twilio', publicBaseUrl: 'https://crm.example.com', credentials: { accountSid: fake.accountSid, authToken: fake.authToken, from: fake.from, endpoint: fake.url } })
      .expect(200);
    const role = await t.http
      .post('/api/v1/roles')
      .set(bearer(org.adminToken))
      .send({
        key: 'sms_sync',
        name: 'SMS sync',
        permissions: [
          { module: 'integrations', actions: ['read', 'create'], scope: 'all' },
          { module: 'sms', actions: ['read'], scope: 'own' },
          { module: 'accounts', actions: ['read', 'create'], scope: 'own' },
          { module: 'contacts', actions: ['read', 'create'], scope: 'own' },
        ],
      })
      .expect(201);
    rep = await createUser(t, org, { role: role.body.id, departmentId: org.depts.east });
  });
  afterAll(async () => {
    await t.close();
    await fake.stop();
    await rx.stop();
  });

  const settle = () => t.app.get(OutboxService).settled();
  const inbound = (sid: string, from: string, body: string) => {
    const cb = fake.sign('https://crm.example.com/api/v1/sms/webhooks/twilio/inbound', { AccountSid: fake.accountSid, Body: body, From: from, MessageSid: sid, To: fake.from });
    return t.http.post('/api/v1/sms/webhooks/twilio/inbound').set('x-twilio-signature', cb.signature).type('form').send(cb.params);
  };
  const subscribe = async (headers: Record<string, string>, path: string) =>
    (await t.http.post('/api/v1/webhooks').set(headers).send({ name: path, url: `${rx.url}${path}`, events: ['sms.received'] }).expect(201)).body as { id: string; secret: string };
  /** The feed until `count` events show: other databases' transactions on the shared server may hold its horizon a moment. */
  const feed = async (token: string, count: number) => {
    let seen: FeedPage['data'] = [];
    let after = '';
    for (let i = 0; i < 300; i++) {
      const p = (await t.http.get(`/api/v1/events?types=sms.received&limit=100${after ? `&after=${after}` : ''}`).set(bearer(token)).expect(200)).body as FeedPage;
      seen = [...seen, ...p.data];
      after = p.nextCursor;
      if (!p.hasMore && seen.length >= count) break;
      if (!p.hasMore) await new Promise((r) => setTimeout(r, 100));
    }
    return seen;
  };

  it('delivers sms.received to the readers of the matched contact, masked per subscriber, and lists it in the change feed', async () => {
    const adminSub = await subscribe(bearer(org.adminToken), '/admin');
    const repSub = await subscribe(bearer(rep.token), '/rep');
    const account = (await t.http.post('/api/v1/accounts').set(bearer(rep.token)).send({ name: '短信客户有限公司' }).expect(201)).body;
    const contact = (await t.http.post('/api/v1/contacts').set(bearer(rep.token)).send({ name: '赵六', accountId: account.id, mobile: '13912345678' }).expect(201)).body;
    await settle();
    await inbound('SMrx1', '+8613912345678', '请回电话').expect(200);
    // an unknown number matches no contact or lead: only readers of every message see it
    await inbound('SMrx2', '+8613700000001', '你好，我是新客户').expect(200);
    // the provider retrying a callback adds nothing
    await inbound('SMrx1', '+8613912345678', '请回电话').expect(200);
    await settle();
    const [matched] = await ds.query(`SELECT id FROM sms_messages WHERE provider_id = 'in:SMrx1'`);
    const [unmatched] = await ds.query(`SELECT id FROM sms_messages WHERE provider_id = 'in:SMrx2'`);
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM outbox_events WHERE entity_type = 'sms'`);
    expect(n).toBe(2);

    const bodies = (path: string, secret: string) =>
      rx.on(path).map((r) => new Webhook(secret).verify(r.body, r.headers as Record<string, string>) as Delivered);
    const toAdmin = bodies('/admin', adminSub.secret);
    expect(toAdmin.map((b) => b.data.id).sort()).toEqual([matched.id, unmatched.id].sort());
    const first = toAdmin.find((b) => b.data.id === matched.id)!;
    expect(first).toMatchObject({ type: 'sms.received', data: { object: 'sms', action: 'receive' } });
    const field = (b: Delivered, f: string) => b.data.changes.find((c) => c.field === f)?.new;
    expect(field(first, 'phone')).toBe('+8613912345678');
    expect(field(first, 'body')).toBe('请回电话');
    expect(field(first, 'contactId')).toBe(contact.id);
    // the rep receives its own contact's message only, the phone masked (no viewSensitive)
    const toRep = bodies('/rep', repSub.secret);
    expect(toRep.map((b) => b.data.id)).toEqual([matched.id]);
    expect(field(toRep[0], 'phone')).toBe('139****5678');
    expect(JSON.stringify(toRep)).not.toContain('13912345678');

    // the change feed: the same events in the same scopes
    const adminFeed = await feed(org.adminToken, 2);
    expect(adminFeed.map((e) => e.data.id).sort()).toEqual([matched.id, unmatched.id].sort());
    expect(adminFeed.every((e) => e.types.includes('sms.received'))).toBe(true);
    const repFeed = await feed(rep.token, 1);
    expect(repFeed.map((e) => e.data.id)).toEqual([matched.id]);
    expect(JSON.stringify(repFeed)).not.toContain('13912345678');
  });

  it('refuses a subscription to sms.received without read access to SMS', async () => {
    const role = await t.http
      .post('/api/v1/roles')
      .set(bearer(org.adminToken))
      .send({ key: 'no_sms', name: 'No SMS', permissions: [{ module: 'integrations', actions: ['read', 'create'], scope: 'all' }] })
      .expect(201);
    const user = await createUser(t, org, { role: role.body.id, departmentId: org.depts.east });
    await t.http.post('/api/v1/webhooks').set(bearer(user.token)).send({ name: 'x', url: `${rx.url}/x`, events: ['sms.received'] }).expect(403);
    expect((await t.http.get('/api/v1/events?types=sms.received').set(bearer(user.token)).expect(200)).body.data).toEqual([]);
  });
});
