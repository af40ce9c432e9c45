import { DataSource } from 'typeorm';
import { Webhook } from 'standardwebhooks';
import { AuditService } from '@core/audit/audit.service';
import { OutboxService } from '@core/events/outbox/outbox.service';
import { WebhookDeliveryService } from '@modules/integrations/webhooks/webhook-delivery.service';
import { startApp, TestApp } from './helpers/test-app';
import { bearer, buildOrg, createUser, Org } from './helpers/fixtures';
import { WebhookReceiver } from './helpers/webhook-receiver';

/** Standard Webhooks from the outbox to a real receiver on loopback. */
describe('webhooks (e2e)', () => {
  let t: TestApp;
  let org: Org;
  let rx: WebhookReceiver;
  let ds: DataSource;
  let n = 0;

  beforeAll(async () => {
    rx = await new WebhookReceiver().start();
    t = await startApp({ config: { webhookAllowLoopback: true } });
    org = await buildOrg(t);
    ds = t.app.get(DataSource);
  });
  afterAll(async () => {
    await t.close();
    await rx.stop();
  });

  const admin = () => bearer(org.adminToken);
  const settle = () => t.app.get(OutboxService).settled();
  /** Makes every waiting retry due now and runs the worker (what its delayed job does when the time comes). */
  const runDue = async () => {
    await ds.query(`UPDATE webhook_deliveries SET next_attempt_at = now() WHERE status IN ('pending', 'retrying')`);
    await t.app.get(WebhookDeliveryService).deliverDue();
  };
  const subscribe = async (events: string[], url?: string) => {
    n += 1;
    const path = `/hook-${n}`;
    const res = await t.http.post('/api/v1/webhooks').set(admin()).send({ name: `Hook ${n}`, url: url ?? `${rx.url}${path}`, events }).expect(201);
    return { id: res.body.id as string, secret: res.body.secret as string, path };
  };
  const newLead = async (name = 'Webhook lead') => {
    const res = await t.http.post('/api/v1/leads').set(admin()).send({ name, source: 'web' }).expect(201);
    await settle();
    return res.body as { id: string; version: number };
  };
  const deliveries = async (subId: string) => (await t.http.get(`/api/v1/webhooks/${subId}/deliveries`).set(admin()).expect(200)).body.data;

  it('delivers a signed Standard Webhook that the standardwebhooks verifier accepts', async () => {
    const sub = await subscribe(['lead.created']);
    expect(sub.secret).toMatch(/^whsec_/);
    const lead = await newLead();
    const [got] = rx.on(sub.path);
    expect(got.headers['webhook-signature']).toMatch(/^v1,/);
    const payload = new Webhook(sub.secret).verify(got.body, got.headers as Record<string, string>) as { type: string; timestamp: string; data: { id: string } };
    expect(payload).toMatchObject({ type: 'lead.created', data: { id: lead.id, object: 'lead' } });
    expect(got.headers['webhook-id']).toContain('.lead.created');
    // a tampered body fails verification
    expect(() => new Webhook(sub.secret).verify(got.body.replace(lead.id, 'x'), got.headers as Record<string, string>)).toThrow();
    const [d] = await deliveries(sub.id);
    expect(d).toMatchObject({ status: 'succeeded', responseStatus: 200, responseBody: 'ok', attempts: 1, eventType: 'lead.created' });
    expect(d.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('signs with both secrets while one is rotated', async () => {
    const sub = await subscribe(['lead.created']);
    const rotated = (await t.http.post(`/api/v1/webhooks/${sub.id}/rotate-secret`).set(admin()).expect(200)).body.secret as string;
    await newLead('Rotated');
    const [got] = rx.on(sub.path);
    expect(got.headers['webhook-signature']!.toString().split(' ')).toHaveLength(2);
    new Webhook(sub.secret).verify(got.body, got.headers as Record<string, string>);
    new Webhook(rotated).verify(got.body, got.headers as Record<string, string>);
  });

  it('retries failures on the schedule, honouring Retry-After, then succeeds', async () => {
    const sub = await subscribe(['lead.created']);
    rx.reply(sub.path, 500, {}, 'boom').reply(sub.path, 503, { 'Retry-After': '600' });
    await newLead('Retry');
    let [d] = await deliveries(sub.id);
    expect(d).toMatchObject({ status: 'retrying', attempts: 1, responseStatus: 500, responseBody: 'boom' });
    const wait = (iso: string) => (new Date(iso).getTime() - Date.now()) / 1000;
    expect(wait(d.nextAttemptAt)).toBeGreaterThan(3);
    expect(wait(d.nextAttemptAt)).toBeLessThan(7);
    await runDue();
    [d] = await deliveries(sub.id);
    expect(d).toMatchObject({ status: 'retrying', attempts: 2, responseStatus: 503 });
    // the schedule says 5 min ±10 %, Retry-After 10 min: the later wins
    expect(wait(d.nextAttemptAt)).toBeGreaterThan(590);
    await runDue();
    [d] = await deliveries(sub.id);
    expect(d).toMatchObject({ status: 'succeeded', attempts: 3, responseStatus: 200, nextAttemptAt: null });
    expect(rx.on(sub.path).map((r) => r.headers['webhook-id'])).toEqual(Array(3).fill(rx.on(sub.path)[0].headers['webhook-id']));
  });

  it('keeps the order of one record’s events while an earlier one is retried', async () => {
    const sub = await subscribe(['lead.created', 'lead.updated']);
    rx.reply(sub.path, 500);
    const lead = await newLead('Ordered');
    await t.http.patch(`/api/v1/leads/${lead.id}`).set(admin()).send({ title: 'CTO', version: lead.version }).expect(200);
    await settle();
    expect(rx.on(sub.path)).toHaveLength(1);
    await runDue();
    expect(rx.on(sub.path).map((r) => JSON.parse(r.body).type)).toEqual(['lead.created', 'lead.created', 'lead.updated']);
  });

  it('disables a subscription at once on 410 Gone and notifies the admin', async () => {
    const sub = await subscribe(['lead.created']);
    rx.reply(sub.path, 410);
    await newLead('Gone');
    const s = (await t.http.get(`/api/v1/webhooks/${sub.id}`).set(admin()).expect(200)).body;
    expect(s).toMatchObject({ enabled: false, disabledReason: 'gone' });
    const [d] = await deliveries(sub.id);
    expect(d).toMatchObject({ status: 'failed', responseStatus: 410 });
    const notes = (await t.http.get('/api/v1/notifications').set(admin()).expect(200)).body.data;
    expect(notes.some((x: { kind: string; entityId: string }) => x.kind === 'webhook.disabled' && x.entityId === sub.id)).toBe(true);
    await newLead('After gone');
    expect(rx.on(sub.path)).toHaveLength(1);
  });

  it('disables a subscription failing for 3 days, and gives a delivery up after ten attempts', async () => {
    const sub = await subscribe(['lead.created']);
    rx.reply(sub.path, 500);
    await newLead('Failing');
    await ds.query(`UPDATE webhook_subscriptions SET failing_since = now() - interval '3 days 1 minute' WHERE id = $1`, [sub.id]);
    rx.reply(sub.path, 500);
    await runDue();
    expect((await t.http.get(`/api/v1/webhooks/${sub.id}`).set(admin()).expect(200)).body).toMatchObject({ enabled: false, disabledReason: 'failing' });

    const other = await subscribe(['lead.created']);
    rx.reply(other.path, 500);
    await newLead('Ten attempts');
    await ds.query(`UPDATE webhook_deliveries SET attempts = 9 WHERE subscription_id = $1`, [other.id]);
    rx.reply(other.path, 500);
    await runDue();
    expect((await deliveries(other.id))[0]).toMatchObject({ status: 'failed', attempts: 10 });
  });

  it('replays a delivery with the same webhook-id', async () => {
    const sub = await subscribe(['lead.created']);
    await newLead('Replay');
    const [d] = await deliveries(sub.id);
    const replay = await t.http.post(`/api/v1/webhooks/${sub.id}/deliveries/${d.id}/replay`).set(admin()).expect(201);
    expect(replay.body).toMatchObject({ replayOf: d.id, messageId: d.messageId });
    await settle();
    const got = rx.on(sub.path);
    expect(got).toHaveLength(2);
    expect(got[1].headers['webhook-id']).toBe(got[0].headers['webhook-id']);
    expect(got[1].body).toBe(got[0].body);
    const list = await deliveries(sub.id);
    expect(list.find((x: { id: string }) => x.id === replay.body.id)).toMatchObject({ status: 'succeeded' });
  });

  it('refuses private, link-local and (without the setting) loopback targets at delivery time', async () => {
    const metadata = await subscribe(['lead.created'], 'http://169.254.169.254/latest/meta-data');
    const lan = await subscribe(['lead.created'], 'http://10.255.255.1:8080/hook');
    const local = await subscribe(['lead.created']);
    t.config.webhookAllowLoopback = false;
    try {
      await newLead('SSRF');
    } finally {
      t.config.webhookAllowLoopback = true;
    }
    for (const s of [metadata, lan, local]) {
      const [d] = await deliveries(s.id);
      expect(d).toMatchObject({ status: 'retrying', responseStatus: null });
      expect(d.error).toMatch(/forbidden address|ENOTFOUND/);
    }
    expect(rx.on(local.path)).toHaveLength(0);
    await t.http.post('/api/v1/webhooks').set(admin()).send({ name: 'x', url: 'ftp://example.com/x', events: ['lead.created'] }).expect(400);
    await t.http.post('/api/v1/webhooks').set(admin()).send({ name: 'x', url: 'https://example.com/x', events: ['lead.exploded'] }).expect(400);
  });

  it('emits nothing for a rolled-back change and exactly one event for a committed one', async () => {
    const sub = await subscribe(['lead.created']);
    const before = Number((await ds.query(`SELECT count(*) FROM outbox_events`))[0].count);
    const audit = t.app.get(AuditService);
    const id = '5f0c4a8e-1d2b-4c3a-9e8f-7a6b5c4d3e2f';
    await expect(
      ds.transaction(async (m) => {
        await audit.record(m, null, 'create', 'lead', id, []);
        throw new Error('the change fails after its event was written');
      }),
    ).rejects.toThrow('the change fails');
    await settle();
    expect(Number((await ds.query(`SELECT count(*) FROM outbox_events`))[0].count)).toBe(before);
    expect(await deliveries(sub.id)).toHaveLength(0);
    await ds.transaction((m) => audit.record(m, null, 'create', 'lead', id, []));
    await settle();
    expect(Number((await ds.query(`SELECT count(*) FROM outbox_events`))[0].count)).toBe(before + 1);
    expect(rx.on(sub.path)).toHaveLength(1);
  });

  it('shows phones and emails in bodies as the subscription\'s creator may see them', async () => {
    const role = await t.http
      .post('/api/v1/roles')
      .set(admin())
      .send({
        key: 'hook_maker',
        name: 'Hook maker',
        permissions: [{ module: 'integrations', actions: ['read', 'create'], scope: 'all' }, { module: 'contacts', actions: ['read'], scope: 'all' }],
      })
      .expect(201);
    const maker = await createUser(t, org, { role: role.body.id, departmentId: org.depts.east });
    n += 1;
    const maskedPath = `/hook-${n}`;
    const masked = (
      await t.http.post('/api/v1/webhooks').set(bearer(maker.token)).send({ name: 'Masked', url: `${rx.url}${maskedPath}`, events: ['contact.updated'] }).expect(201)
    ).body;
    const clear = await subscribe(['contact.updated']);
    // an API key acts with its own role: a key without viewSensitive gets masked bodies although its service user sees all
    const service = await createUser(t, org, { role: 'admin', departmentId: org.depts.east });
    const key = (await t.http.post('/api/v1/api-keys').set(admin()).send({ name: 'Hook key', roleId: role.body.id, userId: service.id }).expect(201)).body;
    n += 1;
    const keyPath = `/hook-${n}`;
    await t.http.post('/api/v1/webhooks').set('X-API-Key', key.secret).send({ name: 'By key', url: `${rx.url}${keyPath}`, events: ['contact.updated'] }).expect(201);
    const account = (await t.http.post('/api/v1/accounts').set(admin()).send({ name: '掩码客户' }).expect(201)).body;
    const contact = (await t.http.post('/api/v1/contacts').set(admin()).send({ name: '掩码联系人', accountId: account.id }).expect(201)).body;
    await t.http.patch(`/api/v1/contacts/${contact.id}`).set(admin()).send({ mobile: '13700137456', version: contact.version }).expect(200);
    await settle();
    const [hidden] = rx.on(maskedPath);
    const [shown] = rx.on(clear.path);
    expect(new Webhook(masked.secret).verify(hidden.body, hidden.headers as Record<string, string>)).toBeTruthy();
    expect(hidden.body).not.toContain('13700137456');
    expect(hidden.body).toContain('137****7456');
    expect(shown.body).toContain('13700137456');
    const [byKey] = rx.on(keyPath);
    expect(byKey.body).not.toContain('13700137456');
    expect(byKey.body).toContain('137****7456');
  });

  it("delivers to each subscriber only the events of the records it may read: an own-scope rep, an admin, a key's own role", async () => {
    const role = await t.http
      .post('/api/v1/roles')
      .set(admin())
      .send({
        key: 'hook_rep',
        name: 'Hook rep',
        permissions: [{ module: 'integrations', actions: ['read', 'create'], scope: 'all' }, { module: 'leads', actions: ['read', 'create'], scope: 'own' }],
      })
      .expect(201);
    const rep = await createUser(t, org, { role: role.body.id, departmentId: org.depts.east });
    const other = await createUser(t, org, { role: 'sales_rep', departmentId: org.depts.east });
    const hook = async (headers: Record<string, string>, name: string) => {
      n += 1;
      const path = `/hook-${n}`;
      await t.http.post('/api/v1/webhooks').set(headers).send({ name, url: `${rx.url}${path}`, events: ['lead.created', 'lead.deleted'] }).expect(201);
      return path;
    };
    // an own-scope subscription is allowed now: its deliveries are filtered, not everybody's
    const repPath = await hook(bearer(rep.token), 'Rep hook');
    const adminSub = await subscribe(['lead.created', 'lead.deleted']);
    // a key reads with its own role (own scope: the leads of its service user), although that user is an admin
    const service = await createUser(t, org, { role: 'admin', departmentId: org.depts.east });
    const key = (await t.http.post('/api/v1/api-keys').set(admin()).send({ name: 'Own-scope key', roleId: role.body.id, userId: service.id }).expect(201)).body;
    const keyPath = await hook({ 'X-API-Key': key.secret }, 'Key hook');
    const mine = (await t.http.post('/api/v1/leads').set(bearer(rep.token)).send({ name: '自己的线索', source: 'web' }).expect(201)).body;
    const theirs = (await t.http.post('/api/v1/leads').set(bearer(other.token)).send({ name: '别人的线索', source: 'web' }).expect(201)).body;
    const keyLead = (await t.http.post('/api/v1/leads').set('X-API-Key', key.secret).send({ name: '密钥的线索', source: 'web' }).expect(201)).body;
    const adminLead = await newLead('管理员的线索');
    // deleted records are judged by their last owner (a delete is soft: the row keeps its owner and department)
    await t.http.delete(`/api/v1/leads/${mine.id}`).set(admin()).expect(204);
    await t.http.delete(`/api/v1/leads/${theirs.id}`).set(admin()).expect(204);
    await settle();
    const got = (path: string) => rx.on(path).map((r) => JSON.parse(r.body) as { type: string; data: { id: string } }).map((b) => `${b.type} ${b.data.id}`);
    expect(got(repPath)).toEqual([`lead.created ${mine.id}`, `lead.deleted ${mine.id}`]);
    expect(got(keyPath)).toEqual([`lead.created ${keyLead.id}`]);
    expect(got(adminSub.path).sort()).toEqual(
      [`lead.created ${mine.id}`, `lead.created ${theirs.id}`, `lead.created ${keyLead.id}`, `lead.created ${adminLead.id}`, `lead.deleted ${mine.id}`, `lead.deleted ${theirs.id}`].sort(),
    );
    // kinds the creator cannot read at all are refused (no leads → no lead events; contacts unreadable)
    await t.http.post('/api/v1/webhooks').set(bearer(rep.token)).send({ name: 'x', url: `${rx.url}/x`, events: ['contact.created'] }).expect(403);
    // a revoked key's subscription receives nothing more (nobody reads for it)
    await t.http.post(`/api/v1/api-keys/${key.id}/revoke`).set(admin()).expect((r) => expect([200, 201]).toContain(r.status));
    await t.http.post('/api/v1/leads').set(admin()).send({ name: '撤销后的线索', ownerId: service.id }).expect(201);
    await settle();
    expect(got(keyPath)).toHaveLength(1);
  });

  it('is for integration admins only', async () => {
    const rep = await createUser(t, org, { role: 'sales_rep', departmentId: org.depts.east });
    await t.http.get('/api/v1/webhooks').set(bearer(rep.token)).expect(403);
    await t.http.post('/api/v1/webhooks').set(bearer(rep.token)).send({ name: 'x', url: `${rx.url}/x`, events: ['lead.created'] }).expect(403);
  });
});
