import { startApp, TestApp } from './helpers/test-app';
import { bearer, buildOrg, createUser, Org } from './helpers/fixtures';

type U = { id: string; token: string };

/** Company notices: exactly the audience sees a notice (departments with sub-departments, roles, everyone), scheduled and expired ones stay hidden, read receipts for the publisher, sanitized bodies. */
describe('notices (e2e)', () => {
  let t: TestApp;
  let org: Org;
  let admin: Record<string, string>;
  let eastRep: U;
  let southRep: U;
  let agent: U;

  const feed = async (u: U) => (await t.http.get('/api/v1/notices').set(bearer(u.token)).expect(200)).body as { data: { id: string; title: string; read: boolean }[]; unread: number };
  const publish = async (body: Record<string, unknown>) => (await t.http.post('/api/v1/notices').set(admin).send(body).expect(201)).body as { id: string; bodyHtml: string };

  beforeAll(async () => {
    t = await startApp();
    org = await buildOrg(t);
    admin = bearer(org.adminToken);
    eastRep = await createUser(t, org, { role: 'sales_rep', departmentId: org.depts.east, name: '华东销售' });
    southRep = await createUser(t, org, { role: 'sales_rep', departmentId: org.depts.south, name: '华南销售' });
    agent = await createUser(t, org, { role: 'service_agent', departmentId: org.depts.service, name: '客服' });
  }, 60000);

  afterAll(async () => {
    await t?.close();
  });

  it('reaches exactly its audience; others get 404; read receipts name who has and has not read', async () => {
    const all = await publish({ title: '国庆节放假通知', bodyHtml: '<p onclick="x()">放假<script>alert(1)</script><a href="javascript:alert(1)">链接</a></p>', audience: 'everyone', pinned: true });
    expect(all.bodyHtml).not.toMatch(/script|onclick|javascript/);
    // the sales department holds east and south: both reps, not the service agent
    const sales = await publish({ title: '销售部月度目标', audience: 'departments', departmentIds: [org.depts.sales] });
    const east = await publish({ title: '华东区会议', audience: 'departments', departmentIds: [org.depts.east] });
    const agents = await publish({ title: '客服排班', audience: 'roles', roleKeys: ['service_agent'] });
    await publish({ title: '明年计划', audience: 'everyone', publishAt: new Date(Date.now() + 86400000).toISOString() });
    const soon = new Date(Date.now() + 1500);
    await publish({ title: '已过期', audience: 'everyone', publishAt: new Date(Date.now() - 86400000).toISOString(), expiresAt: soon.toISOString() });
    await new Promise((r) => setTimeout(r, Math.max(0, soon.getTime() - Date.now() + 50)));

    expect((await feed(eastRep)).data.map((n) => n.title)).toEqual(['国庆节放假通知', '华东区会议', '销售部月度目标']);
    expect((await feed(southRep)).data.map((n) => n.title)).toEqual(['国庆节放假通知', '销售部月度目标']);
    expect((await feed(agent)).data.map((n) => n.title)).toEqual(['国庆节放假通知', '客服排班']);
    expect((await feed(eastRep)).unread).toBe(3);

    // outside the audience: 404 for reading and marking read, never the notice
    await t.http.get(`/api/v1/notices/${east.id}`).set(bearer(southRep.token)).expect(404);
    await t.http.post(`/api/v1/notices/${east.id}/read`).set(bearer(southRep.token)).expect(404);
    await t.http.get(`/api/v1/notices/${agents.id}`).set(bearer(eastRep.token)).expect(404);
    // only publishers see receipts and publish
    await t.http.get(`/api/v1/notices/${sales.id}/receipts`).set(bearer(eastRep.token)).expect(403);
    await t.http.post('/api/v1/notices').set(bearer(eastRep.token)).send({ title: 'x', audience: 'everyone' }).expect(403);

    await t.http.post(`/api/v1/notices/${sales.id}/read`).set(bearer(eastRep.token)).expect(204);
    await t.http.post(`/api/v1/notices/${sales.id}/read`).set(bearer(eastRep.token)).expect(204); // idempotent
    expect((await t.http.get('/api/v1/notices/unread-count').set(bearer(eastRep.token)).expect(200)).body).toEqual({ unread: 2 });
    expect((await t.http.get(`/api/v1/notices/${sales.id}`).set(bearer(eastRep.token)).expect(200)).body.read).toBe(true);
    const unreadOnly = (await t.http.get('/api/v1/notices?unread=true').set(bearer(eastRep.token)).expect(200)).body.data as { title: string }[];
    expect(unreadOnly.map((n) => n.title)).toEqual(['国庆节放假通知', '华东区会议']);

    const receipts = (await t.http.get(`/api/v1/notices/${sales.id}/receipts`).set(admin).expect(200)).body as { read: { id: string }[]; unread: { id: string }[] };
    expect(receipts.read.map((u) => u.id)).toEqual([eastRep.id]);
    expect(receipts.unread.map((u) => u.id)).toContain(southRep.id);
    expect(receipts.unread.map((u) => u.id)).not.toContain(agent.id);
    expect(receipts.unread.map((u) => u.id)).not.toContain(eastRep.id);
  }, 60000);

  it('bad input: 400 with the field and a stable code', async () => {
    const empty = await t.http.post('/api/v1/notices').set(admin).send({ title: 'x', audience: 'departments' }).expect(400);
    expect(empty.body.errors[0]).toMatchObject({ field: 'departmentIds', code: 'NOTICE_AUDIENCE_EMPTY' });
    const order = await t.http.post('/api/v1/notices').set(admin).send({ title: 'x', audience: 'everyone', publishAt: '2026-12-02T00:00:00Z', expiresAt: '2026-12-01T00:00:00Z' }).expect(400);
    expect(order.body.code).toBe('NOTICE_EXPIRES_BEFORE_PUBLISH');
    await t.http.post('/api/v1/notices').set(admin).send({ title: '', audience: 'everyone' }).expect(400);
    await t.http.post('/api/v1/notices').set(admin).send({ title: 'x', audience: 'nobody' }).expect(400);
  });
});
