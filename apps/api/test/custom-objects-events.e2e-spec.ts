import { DataSource } from 'typeorm';
import { Webhook } from 'standardwebhooks';
import { OutboxService } from '@core/events/outbox/outbox.service';
import { startApp, TestApp } from './helpers/test-app';
import { bearer, buildOrg, createUser, Org, grantModule } from './helpers/fixtures';
import { WebhookReceiver } from './helpers/webhook-receiver';

/**
 * Custom modules' records (issue 18) in the global search, webhooks, the change feed and workflow rules: each for
 * readers of the module only, in their data scope; event types of live modules only.
 */
describe('custom modules in search, webhooks, the change feed and workflow rules (e2e)', () => {
  let t: TestApp;
  let org: Org;
  let rx: WebhookReceiver;
  let ds: DataSource;
  let admin: Record<string, string>;
  let rep: { id: string; token: string };
  let rep2: { id: string; token: string };
  let agent: { id: string; token: string };
  const ids: Record<string, string> = {};

  const settle = () => t.app.get(OutboxService).settled();
  const grant = (roleKey: string, module: string, g: { actions: string[]; scope: string }) => grantModule(t, org, roleKey, module, g);
  const make = async (token: string, name: string) =>
    (await t.http.post('/api/v1/records/machine').set(bearer(token)).send({ name, custom: { serial: `SN-${name}` } }).expect(201)).body as { id: string; version: number };

  beforeAll(async () => {
    rx = await new WebhookReceiver().start();
    t = await startApp({ config: { webhookAllowLoopback: true } });
    ds = t.app.get(DataSource);
    org = await buildOrg(t);
    admin = bearer(org.adminToken);
    rep = await createUser(t, org, { role: 'sales_rep', departmentId: org.depts.east, name: 'Rep' });
    rep2 = await createUser(t, org, { role: 'sales_rep', departmentId: org.depts.south, name: 'Rep2' });
    agent = await createUser(t, org, { role: 'service_agent', departmentId: org.depts.service, name: 'Agent' });
    await t.http
      .post('/api/v1/objects')
      .set(admin)
      .send({ key: 'machine', nameZh: '设备', nameEn: 'Machine', pluralZh: '设备', pluralEn: 'Machines', fields: [{ key: 'serial', labelZh: '序列号', labelEn: 'Serial', type: 'text' }] })
      .expect(201);
    await grant('sales_rep', 'obj.machine', { actions: ['read', 'create', 'update', 'delete'], scope: 'own' });
    // both may subscribe to webhooks; only the reps read the module
    await grant('sales_rep', 'integrations', { actions: ['read', 'create'], scope: 'own' });
    await grant('service_agent', 'integrations', { actions: ['read', 'create'], scope: 'own' });
    ids.mine = (await make(rep.token, '压缩机甲型')).id;
    ids.theirs = (await make(rep2.token, '压缩机乙型')).id;
    await settle();
  }, 120_000);
  afterAll(async () => {
    await t.close();
    await rx.stop();
  });

  it('finds custom records in the global search for readers of the module, in their scope', async () => {
    const found = (await t.http.get('/api/v1/search?q=压缩机').set(bearer(rep.token)).expect(200)).body;
    expect(found.objects).toEqual([
      expect.objectContaining({ object: 'machine', pluralZh: '设备', pluralEn: 'Machines', data: [expect.objectContaining({ id: ids.mine, name: '压缩机甲型' })] }),
    ]);
    const all = (await t.http.get('/api/v1/search?q=压缩机').set(admin).expect(200)).body;
    expect(all.objects[0].data.map((r: { id: string }) => r.id).sort()).toEqual([ids.mine, ids.theirs].sort());
    // no grant on the module: no group at all
    expect((await t.http.get('/api/v1/search?q=压缩机').set(bearer(agent.token)).expect(200)).body.objects).toEqual([]);
    // no hits: the module is left out
    expect((await t.http.get('/api/v1/search?q=不存在的东西').set(admin).expect(200)).body.objects).toEqual([]);
  });

  it('offers obj.<key>.created|updated|deleted to webhook subscribers who read the module, and delivers them signed', async () => {
    const bad = await t.http.post('/api/v1/webhooks').set(admin).send({ name: 'x', url: `${rx.url}/x`, events: ['obj.no_such.created'] }).expect(400);
    expect(bad.body).toMatchObject({ code: 'WEBHOOK_EVENT_UNKNOWN', errors: [{ field: 'events' }] });
    const malformed = await t.http.post('/api/v1/webhooks').set(admin).send({ name: 'x', url: `${rx.url}/x`, events: ['obj.machine.exploded'] }).expect(400);
    expect(malformed.body.errors[0].field).toMatch(/^events/);
    // a subscriber (here an API key acting with its role) must read the module
    const key = (
      await t.http.post('/api/v1/api-keys').set(admin).send({ name: 'ERP', roleId: org.roles.service_agent, userId: agent.id }).expect(201)
    ).body as { secret: string };
    const denied = await t.http.post('/api/v1/webhooks').set('X-API-Key', key.secret).send({ name: 'x', url: `${rx.url}/x`, events: ['obj.machine.created'] }).expect(403);
    expect(denied.body.detail).toContain('obj.machine');
    await t.http.post('/api/v1/webhooks').set('X-API-Key', key.secret).send({ name: 'x', url: `${rx.url}/x`, events: ['ticket.created'] }).expect(201);

    const sub = (
      await t.http
        .post('/api/v1/webhooks')
        .set(admin)
        .send({ name: 'Machines', url: `${rx.url}/machines`, events: ['obj.machine.created', 'obj.machine.updated', 'obj.machine.deleted'] })
        .expect(201)
    ).body as { id: string; secret: string };
    const made = await make(rep.token, '空压机丙型');
    await t.http.patch(`/api/v1/records/machine/${made.id}`).set(bearer(rep.token)).send({ name: '空压机丙型二代', version: made.version }).expect(200);
    await t.http.delete(`/api/v1/records/machine/${made.id}`).set(bearer(rep.token)).expect(204);
    await settle();
    const got = rx.on('/machines');
    const payloads = got.map((g) => new Webhook(sub.secret).verify(g.body, g.headers as Record<string, string>) as { type: string; data: { id: string; object: string } });
    // (the order of deliveries is the webhooks module's matter and its own tests')
    expect(payloads.map((p) => p.type).sort()).toEqual(['obj.machine.created', 'obj.machine.deleted', 'obj.machine.updated']);
    expect(payloads.every((p) => p.data.id === made.id && p.data.object === 'obj.machine')).toBe(true);

    // a rep's subscription receives only the records in the rep's scope
    await t.http.post('/api/v1/webhooks').set(bearer(rep.token)).send({ name: 'Mine', url: `${rx.url}/rep`, events: ['obj.machine.created'] }).expect(201);
    await make(rep2.token, '别人的设备');
    const own = await make(rep.token, '我的设备');
    await settle();
    expect(rx.on('/rep').map((g) => JSON.parse(g.body).data.id)).toEqual([own.id]);
  });

  it('serves the events in the change feed to readers of the module, in their scope; unknown modules are 400', async () => {
    await t.http.get('/api/v1/events?types=obj.no_such.created').set(admin).expect(400);
    // other databases' transactions on the shared server may hold the feed's horizon a moment: page on until the
    // wanted records show (as integrations-events' drain does), then judge the whole list
    const feed = async (headers: Record<string, string>, until: (ids: string[]) => boolean) => {
      const out: { types: string[]; data: { id: string } }[] = [];
      let after = '';
      for (let i = 0; i < 300; i++) {
        const p = (await t.http.get(`/api/v1/events?types=obj.machine.created&limit=500${after ? `&after=${after}` : ''}`).set(headers).expect(200)).body;
        out.push(...p.data);
        after = p.nextCursor;
        if (!p.hasMore && until(out.map((e) => e.data.id))) break;
        if (!p.hasMore) await new Promise((r) => setTimeout(r, 100));
      }
      return out;
    };
    const everyone = await feed(admin, (got) => got.includes(ids.mine) && got.includes(ids.theirs));
    expect(everyone.map((e) => e.data.id)).toEqual(expect.arrayContaining([ids.mine, ids.theirs]));
    expect(everyone.every((e) => e.types.includes('obj.machine.created'))).toBe(true);
    const mine = (await feed(bearer(rep.token), (got) => got.includes(ids.mine))).map((e) => e.data.id);
    expect(mine).toContain(ids.mine);
    expect(mine).not.toContain(ids.theirs);
    // no grant on the module: none of its events
    expect((await t.http.get('/api/v1/events?types=obj.machine.created&limit=500').set(bearer(agent.token)).expect(200)).body.data).toEqual([]);
  });

  it('lets workflow rules watch a custom module: a notify rule runs when a record is created', async () => {
    const kinds = (await t.http.get('/api/v1/workflow-rules/kinds').set(admin).expect(200)).body as { type: string; fields: { name: string }[] }[];
    expect(kinds.find((k) => k.type === 'obj.machine')?.fields.map((f) => f.name)).toEqual(['name', 'ownerId', 'createdAt', 'updatedAt']);
    await t.http
      .post('/api/v1/workflow-rules')
      .set(admin)
      .send({ name: 'x', entityType: 'obj.no_such', trigger: { type: 'created' }, actions: [{ type: 'notify', message: 'x' }] })
      .expect(400);
    const rule = (
      await t.http
        .post('/api/v1/workflow-rules')
        .set(admin)
        .send({
          name: '新设备提醒',
          entityType: 'obj.machine',
          trigger: { type: 'created' },
          conditions: { match: 'all', conditions: [{ field: 'name', op: 'contains', value: '重点' }] },
          actions: [{ type: 'notify', message: '新的重点设备' }, { type: 'updateField', field: 'name', value: '重点设备（已通知）' }],
        })
        .expect(201)
    ).body as { id: string };
    const plain = await make(rep.token, '普通设备');
    const key = await make(rep.token, '重点设备');
    for (let i = 0; i < 3; i++) await settle();
    const runs = (await t.http.get(`/api/v1/workflow-rules/${rule.id}/runs?limit=50`).set(admin).expect(200)).body.data as { entityId: string; outcome: string }[];
    expect(runs.map((r) => r.entityId)).toEqual([key.id]);
    expect(runs[0].outcome).toBe('succeeded');
    const notes = (await t.http.get('/api/v1/notifications?limit=50').set(bearer(rep.token)).expect(200)).body.data as { kind: string; entityId: string }[];
    expect(notes.filter((n) => n.kind === 'workflow.notify').map((n) => n.entityId)).toEqual([key.id]);
    expect((await t.http.get(`/api/v1/records/machine/${key.id}`).set(bearer(rep.token)).expect(200)).body.name).toBe('重点设备（已通知）');
    expect((await t.http.get(`/api/v1/records/machine/${plain.id}`).set(bearer(rep.token)).expect(200)).body.name).toBe('普通设备');
    const audit: { n: number }[] = await ds.query(`SELECT count(*)::int AS n FROM audit_logs WHERE entity_type = 'obj.machine' AND entity_id = $1`, [key.id]);
    expect(audit[0].n).toBe(2);
  });
});
