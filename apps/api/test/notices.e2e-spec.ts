import { startApp, TestApp } from './helpers/test-app';
import { bearer, buildOrg, createUser, Org } from './helpers/fixtures';

type U = { id: string; token: string };
type Att = { id: string; fileName: string; fileType: string; sizeBytes: number };

const MAX_BYTES = 64 * 1024;
const pdf = (text: string) => Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from(text), Buffer.from('\n%%EOF\n')]);

/**
 * Company notices: exactly the audience sees a notice (departments with sub-departments, roles, everyone), scheduled and
 * expired ones stay hidden, read receipts for the publisher, sanitized bodies; attachments through core/files (413/415,
 * downloads for the audience only); the `notices` permission (publishing needs notices:create, not settings).
 */
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
    t = await startApp({ config: { filesMaxBytes: MAX_BYTES } });
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

  it('attachments: stored through core/files (413, 415), listed on the notice, downloaded only by its readers', async () => {
    const east = await publish({ title: '华东区培训资料', audience: 'departments', departmentIds: [org.depts.east] });
    const file = pdf('培训日程');
    const added = await t.http.post(`/api/v1/notices/${east.id}/attachments`).set(admin).attach('file', file, '培训日程.pdf').expect(201);
    expect(added.body).toMatchObject({ fileName: '培训日程.pdf', fileType: 'pdf', sizeBytes: file.length });
    // the same checks as documents: too large 413, a refused type (by its bytes) 415, no file 400
    const tooBig = await t.http.post(`/api/v1/notices/${east.id}/attachments`).set(admin).attach('file', Buffer.concat([pdf('x'), Buffer.alloc(MAX_BYTES)]), 'big.pdf').expect(413);
    expect(tooBig.body.code).toBe('FILE_TOO_LARGE');
    const script = await t.http.post(`/api/v1/notices/${east.id}/attachments`).set(admin).attach('file', Buffer.from('#!/bin/sh\necho hi\n'), 'agenda.pdf').expect(415);
    expect(script.body.code).toBe('FILE_TYPE_NOT_ALLOWED');
    await t.http.post(`/api/v1/notices/${east.id}/attachments`).set(admin).field('note', 'x').expect(400);

    // listed on the notice (detail, feed, its attachments list) for the audience
    const detail = (await t.http.get(`/api/v1/notices/${east.id}`).set(bearer(eastRep.token)).expect(200)).body as { attachments: Att[] };
    expect(detail.attachments.map((a) => a.fileName)).toEqual(['培训日程.pdf']);
    expect((await feed(eastRep)).data.find((n) => n.id === east.id)).toMatchObject({ attachments: [expect.objectContaining({ id: added.body.id })] });
    expect((await t.http.get(`/api/v1/notices/${east.id}/attachments`).set(bearer(eastRep.token)).expect(200)).body.data).toHaveLength(1);
    const download = await t.http.get(`/api/v1/notices/${east.id}/attachments/${added.body.id}`).set(bearer(eastRep.token)).buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    }).expect(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['content-disposition']).toContain("filename*=UTF-8''%E5%9F%B9");
    expect(Buffer.compare(download.body as Buffer, file)).toBe(0);

    // outside the audience: 404 for the list and the file, whatever id is guessed
    await t.http.get(`/api/v1/notices/${east.id}/attachments`).set(bearer(southRep.token)).expect(404);
    await t.http.get(`/api/v1/notices/${east.id}/attachments/${added.body.id}`).set(bearer(southRep.token)).expect(404);
    await t.http.get(`/api/v1/notices/${east.id}/attachments/${added.body.id}`).set(bearer(agent.token)).expect(404);
    // an attachment of another notice through a notice the reader may see: 404
    const all = await publish({ title: '全员通知（带附件）', audience: 'everyone' });
    await t.http.get(`/api/v1/notices/${all.id}/attachments/${added.body.id}`).set(bearer(southRep.token)).expect(404);
    // readers may not add or remove files
    await t.http.post(`/api/v1/notices/${east.id}/attachments`).set(bearer(eastRep.token)).attach('file', file, 'x.pdf').expect(403);
    await t.http.delete(`/api/v1/notices/${east.id}/attachments/${added.body.id}`).set(bearer(eastRep.token)).expect(403);

    // removing: gone from the notice, audited
    await t.http.delete(`/api/v1/notices/${east.id}/attachments/${added.body.id}`).set(admin).expect(204);
    expect((await t.http.get(`/api/v1/notices/${east.id}`).set(bearer(eastRep.token)).expect(200)).body.attachments).toEqual([]);
    await t.http.get(`/api/v1/notices/${east.id}/attachments/${added.body.id}`).set(bearer(eastRep.token)).expect(404);
    const history = (await t.http.get(`/api/v1/audit-logs?entityType=notice&entityId=${east.id}`).set(admin).expect(200)).body.data as { action: string }[];
    expect(history.map((h) => h.action)).toEqual(expect.arrayContaining(['create', 'attach', 'detach']));
  }, 60000);

  it('the notices permission: without notices:create publishing is 403 (settings:update is not enough); a publisher with scope own manages only their notices; readers still read', async () => {
    const role = async (key: string, permissions: unknown[]) => (await t.http.post('/api/v1/roles').set(admin).send({ key, name: key, permissions }).expect(201)).body.id as string;
    const settingsAdmin = await createUser(t, org, { role: await role('settings_only', [{ module: 'settings', actions: ['read', 'update'], scope: 'all' }]), departmentId: org.depts.east, name: '设置管理员' });
    const publisherRole = await role('notice_publisher', [{ module: 'notices', actions: ['read', 'create', 'update', 'delete'], scope: 'own' }]);
    const publisher = await createUser(t, org, { role: publisherRole, departmentId: org.depts.south, name: '通知发布人' });

    // no notices:create → 403, for a rep and for a settings admin alike; receipts and withdrawal too
    await t.http.post('/api/v1/notices').set(bearer(eastRep.token)).send({ title: 'x', audience: 'everyone' }).expect(403);
    const refused = await t.http.post('/api/v1/notices').set(bearer(settingsAdmin.token)).send({ title: 'x', audience: 'everyone' }).expect(403);
    expect(refused.body.status).toBe(403);
    const adminNotice = await publish({ title: '管理员的通知', audience: 'everyone' });
    await t.http.get(`/api/v1/notices/${adminNotice.id}/receipts`).set(bearer(settingsAdmin.token)).expect(403);
    await t.http.delete(`/api/v1/notices/${adminNotice.id}`).set(bearer(settingsAdmin.token)).expect(403);
    // ... but they still read what is addressed to them
    expect((await feed(settingsAdmin)).data.map((n) => n.title)).toContain('管理员的通知');
    await t.http.post(`/api/v1/notices/${adminNotice.id}/read`).set(bearer(settingsAdmin.token)).expect(204);

    // the publisher's pickers: every department and every role (custom ones too), without the departments or roles grants
    const targets = (await t.http.get('/api/v1/notices/audience-targets').set(bearer(publisher.token)).expect(200)).body as { departments: { id: string }[]; roles: { id: string; name: string }[] };
    expect(targets.roles).toEqual(expect.arrayContaining([{ id: 'notice_publisher', name: 'notice_publisher' }, expect.objectContaining({ id: 'sales_rep' })]));
    expect(targets.departments.map((d) => d.id)).toEqual(expect.arrayContaining([org.depts.east, org.depts.south]));
    await t.http.get('/api/v1/notices/audience-targets').set(bearer(eastRep.token)).expect(403);

    // the custom publisher: publishes for the east (not their own department) and manages that notice
    const mine = (await t.http.post('/api/v1/notices').set(bearer(publisher.token)).send({ title: '发布人的通知', audience: 'departments', departmentIds: [org.depts.east] }).expect(201)).body as { id: string };
    await t.http.get(`/api/v1/notices/${mine.id}`).set(bearer(publisher.token)).expect(200); // not in the audience, but theirs
    await t.http.post(`/api/v1/notices/${mine.id}/attachments`).set(bearer(publisher.token)).attach('file', pdf('议程'), '议程.pdf').expect(201);
    expect((await t.http.get(`/api/v1/notices/${mine.id}/receipts`).set(bearer(publisher.token)).expect(200)).body.unread.map((u: { id: string }) => u.id)).toContain(eastRep.id);
    // scope own: the admin's notice is not theirs to manage (404), though they read it as its audience
    await t.http.get(`/api/v1/notices/${adminNotice.id}`).set(bearer(publisher.token)).expect(200);
    await t.http.get(`/api/v1/notices/${adminNotice.id}/receipts`).set(bearer(publisher.token)).expect(404);
    await t.http.post(`/api/v1/notices/${adminNotice.id}/attachments`).set(bearer(publisher.token)).attach('file', pdf('x'), 'x.pdf').expect(404);
    await t.http.delete(`/api/v1/notices/${adminNotice.id}`).set(bearer(publisher.token)).expect(404);
    // nor a notice for others they did not write (agents only): 404 like any outsider
    const agentsOnly = await publish({ title: '仅客服', audience: 'roles', roleKeys: ['service_agent'] });
    await t.http.get(`/api/v1/notices/${agentsOnly.id}`).set(bearer(publisher.token)).expect(404);
    // the admin (built-in: every notices action, scope all) manages the publisher's notice
    await t.http.get(`/api/v1/notices/${mine.id}/receipts`).set(admin).expect(200);
    await t.http.delete(`/api/v1/notices/${mine.id}`).set(bearer(publisher.token)).expect(204);
    await t.http.get(`/api/v1/notices/${mine.id}`).set(bearer(eastRep.token)).expect(404);
  }, 60000);
});
