import { readdirSync } from 'node:fs';
import type request from 'supertest';
import { JobsService } from '@core/jobs/jobs.service';
import { DataSource } from 'typeorm';
import { startApp, TestApp } from './helpers/test-app';
import { bearer, buildOrg, createUser, Org } from './helpers/fixtures';

type U = { id: string; token: string };
type Doc = { id: string; kind: string; name: string; parentId: string | null; tags: string[]; versionCount: number; headVersionId: string; sizeBytes: number | null; canManage: boolean; version: number; shareScope: string };
type Version = { id: string; number: number; isHead: boolean; fileName: string; restoredFrom: number | null; sha256: string };

const MAX_BYTES = 64 * 1024;
const pdf = (text: string) => Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from(text), Buffer.from('\n%%EOF\n')]);
/** Lock requests waiting in this test's database (other suites share the server). */
const waitingLocks = `SELECT count(*)::int AS n FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid WHERE NOT l.granted AND a.datname = current_database()`;
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
const binary = (res: request.Response, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

/**
 * The network drive end to end: sharing by department (sub-departments included) and by role with an
 * outsider getting 404 for the file, its content and its versions; versions and restore (a new head from the
 * old bytes); 413 / 415 from the core file checks; the trash (restore, purge, the nightly purge removing the
 * stored files); documents listed on a record only when the caller sees both; search by name and tag in
 * Chinese; 400 / 412 on bad input and stale versions.
 */
describe('documents (e2e)', () => {
  let t: TestApp;
  let org: Org;
  let admin: Record<string, string>;
  let owner: U; // sales rep in East
  let eastRep: U; // another rep in East
  let southRep: U; // rep in South (outsider for East shares)
  let agent: U; // service agent in Service
  let manager: U; // sales manager in Sales (East and South are below)

  const as = (u: U) => bearer(u.token);
  const upload = async (u: U, name: string, bytes: Buffer, fields: Record<string, string> = {}) => {
    let req = t.http.post('/api/v1/documents/files').set(as(u));
    for (const [k, v] of Object.entries(fields)) req = req.field(k, v);
    const res = await req.attach('file', bytes, { filename: name, contentType: 'application/pdf' });
    if (res.status !== 201) throw new Error(`upload ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as Doc;
  };
  const folder = async (u: U, name: string, parentId?: string) => (await t.http.post('/api/v1/documents/folders').set(as(u)).send({ name, parentId }).expect(201)).body as Doc;
  const list = async (u: U, query = '') => ((await t.http.get(`/api/v1/documents${query}`).set(as(u)).expect(200)).body.data as Doc[]).map((d) => d.name);
  const content = async (u: U, path: string) => (await t.http.get(path).set(as(u)).buffer(true).parse(binary).expect(200)).body as Buffer;

  beforeAll(async () => {
    t = await startApp({ config: { filesMaxBytes: MAX_BYTES } });
    org = await buildOrg(t);
    admin = bearer(org.adminToken);
    owner = await createUser(t, org, { role: 'sales_rep', departmentId: org.depts.east, name: '文档主人' });
    eastRep = await createUser(t, org, { role: 'sales_rep', departmentId: org.depts.east, name: '华东同事' });
    southRep = await createUser(t, org, { role: 'sales_rep', departmentId: org.depts.south, name: '华南销售' });
    agent = await createUser(t, org, { role: 'service_agent', departmentId: org.depts.service, name: '客服' });
    manager = await createUser(t, org, { role: 'sales_manager', departmentId: org.depts.sales, name: '销售经理' });
  }, 60000);

  afterAll(async () => {
    await t?.close();
  });

  it('shares by department (with sub-departments) and by role; an outsider gets 404 for the file, its content and its versions', async () => {
    const doc = await upload(owner, '华东报价单.pdf', pdf('east quote'));
    expect(doc).toMatchObject({ kind: 'file', name: '华东报价单.pdf', versionCount: 1, shareScope: 'private', canManage: true });
    // private: only the owner (and the manager whose data scope covers the owner)
    await t.http.get(`/api/v1/documents/${doc.id}`).set(as(eastRep)).expect(404);
    await t.http.get(`/api/v1/documents/${doc.id}`).set(as(manager)).expect(200);

    // shared with the Sales department: East and South are below it
    await t.http.post(`/api/v1/documents/${doc.id}/share`).set(as(owner)).send({ scope: 'departments', departmentIds: [org.depts.east] }).expect(200);
    const seen = (await t.http.get(`/api/v1/documents/${doc.id}`).set(as(eastRep)).expect(200)).body as Doc;
    expect(seen.canManage).toBe(false);
    expect(await list(eastRep)).toContain('华东报价单.pdf');
    // outsider: 404 on every read path, not 403
    await t.http.get(`/api/v1/documents/${doc.id}`).set(as(southRep)).expect(404);
    await t.http.get(`/api/v1/documents/${doc.id}/content`).set(as(southRep)).expect(404);
    await t.http.get(`/api/v1/documents/${doc.id}/versions`).set(as(southRep)).expect(404);
    await t.http.get(`/api/v1/documents/${doc.id}/versions/${doc.headVersionId}/content`).set(as(southRep)).expect(404);
    expect(await list(southRep)).not.toContain('华东报价单.pdf');
    expect(await list(southRep, `?q=${encodeURIComponent('报价')}`)).toEqual([]);
    // a reader who may not change it: 403 for changes; an outsider: 404
    await t.http.patch(`/api/v1/documents/${doc.id}`).set(as(eastRep)).send({ name: 'x.pdf' }).expect(403);
    await t.http.patch(`/api/v1/documents/${doc.id}`).set(as(southRep)).send({ name: 'x.pdf' }).expect(404);
    await t.http.delete(`/api/v1/documents/${doc.id}`).set(as(southRep)).expect(404);

    // the parent department covers its sub-departments
    await t.http.post(`/api/v1/documents/${doc.id}/share`).set(as(owner)).send({ scope: 'departments', departmentIds: [org.depts.sales] }).expect(200);
    await t.http.get(`/api/v1/documents/${doc.id}`).set(as(southRep)).expect(200);
    await t.http.get(`/api/v1/documents/${doc.id}`).set(as(agent)).expect(404);

    // by role: service agents see it, sales reps elsewhere do not
    await t.http.post(`/api/v1/documents/${doc.id}/share`).set(as(owner)).send({ scope: 'roles', roleKeys: ['service_agent'] }).expect(200);
    expect((await content(agent, `/api/v1/documents/${doc.id}/content`)).toString()).toContain('east quote');
    expect(((await t.http.get(`/api/v1/documents/${doc.id}/versions`).set(as(agent)).expect(200)).body.data as Version[]).length).toBe(1);
    await t.http.get(`/api/v1/documents/${doc.id}`).set(as(southRep)).expect(404);
    await t.http.get(`/api/v1/documents/${doc.id}/versions`).set(as(southRep)).expect(404);

    // named users
    await t.http.post(`/api/v1/documents/${doc.id}/share`).set(as(owner)).send({ scope: 'users', userIds: [southRep.id] }).expect(200);
    await t.http.get(`/api/v1/documents/${doc.id}`).set(as(southRep)).expect(200);
    await t.http.get(`/api/v1/documents/${doc.id}`).set(as(agent)).expect(404);

    // bad input: the field and a stable code
    const empty = await t.http.post(`/api/v1/documents/${doc.id}/share`).set(as(owner)).send({ scope: 'departments', departmentIds: [] }).expect(400);
    expect(empty.body.errors[0]).toMatchObject({ field: 'departmentIds', code: 'DOCUMENT_SHARE_EMPTY' });
    await t.http.post(`/api/v1/documents/${doc.id}/share`).set(as(owner)).send({ scope: 'nobody' }).expect(400);

    // custom roles are listed for sharing (to any documents reader, without the roles grant) and work like built-in ones
    const custom = (await t.http.post('/api/v1/roles').set(admin).send({ key: 'bid_team', name: '投标小组', permissions: [{ module: 'documents', actions: ['read'], scope: 'own' }] }).expect(201)).body;
    const bidder = await createUser(t, org, { role: custom.id, departmentId: org.depts.south, name: '投标专员' });
    const targets = (await t.http.get('/api/v1/documents/share-targets').set(as(southRep)).expect(200)).body as { departments: { id: string; name: string }[]; roles: { id: string; name: string }[] };
    expect(targets.roles).toEqual(expect.arrayContaining([{ id: 'bid_team', name: '投标小组' }, expect.objectContaining({ id: 'service_agent' })]));
    expect(targets.departments.map((d) => d.id)).toEqual(expect.arrayContaining([org.depts.east, org.depts.sales]));
    await t.http.get('/api/v1/roles').set(as(southRep)).expect(403);
    await t.http.get(`/api/v1/documents/${doc.id}`).set(as(bidder)).expect(404);
    await t.http.post(`/api/v1/documents/${doc.id}/share`).set(as(owner)).send({ scope: 'roles', roleKeys: ['bid_team'] }).expect(200);
    await t.http.get(`/api/v1/documents/${doc.id}`).set(as(bidder)).expect(200);
    await t.http.get(`/api/v1/documents/${doc.id}`).set(as(agent)).expect(404);

    // the change is audited
    const audit = (await t.http.get(`/api/v1/audit-logs?entityType=document`).set(admin).expect(200)).body.data as { action: string; entityId: string }[];
    expect(audit.filter((a) => a.entityId === doc.id).map((a) => a.action)).toEqual(expect.arrayContaining(['create', 'share']));
  }, 60000);

  it('folders: new items start with the folder sharing; a shared item in a hidden folder shows at the top level; breadcrumb', async () => {
    const team = await folder(owner, '华东团队');
    await t.http.post(`/api/v1/documents/${team.id}/share`).set(as(owner)).send({ scope: 'departments', departmentIds: [org.depts.east] }).expect(200);
    const sub = await folder(owner, '投标文件', team.id);
    expect(sub.shareScope).toBe('departments');
    // a colleague who sees the folder may add to it
    const added = await upload(eastRep, '标书.pdf', pdf('bid'), { parentId: sub.id });
    expect(added.parentId).toBe(sub.id);
    expect(await list(owner, `?parentId=${sub.id}`)).toEqual(['标书.pdf']);
    const detail = (await t.http.get(`/api/v1/documents/${added.id}`).set(as(owner)).expect(200)).body as { path: { name: string }[] };
    expect(detail.path.map((p) => p.name)).toEqual(['华东团队', '投标文件']);
    // folders first, then by name
    const top = await list(owner);
    expect(top.indexOf('华东团队')).toBeLessThan(top.indexOf('华东报价单.pdf'));
    // the outsider cannot list the folder; an item shared with them alone appears at their top level
    await t.http.get(`/api/v1/documents?parentId=${sub.id}`).set(as(southRep)).expect(404);
    await t.http.post(`/api/v1/documents/${added.id}/share`).set(as(eastRep)).send({ scope: 'users', userIds: [southRep.id] }).expect(200);
    expect(await list(southRep)).toContain('标书.pdf');
    // a parent that is not a visible folder: 400 on parentId; a folder cannot go below itself: 409
    const bad = await t.http.post('/api/v1/documents/folders').set(as(southRep)).send({ name: 'x', parentId: team.id }).expect(400);
    expect(bad.body.errors[0]).toMatchObject({ field: 'parentId', code: 'DOCUMENT_PARENT_INVALID' });
    const cycle = await t.http.patch(`/api/v1/documents/${team.id}`).set(as(owner)).send({ parentId: sub.id }).expect(409);
    expect(cycle.body.code).toBe('DOCUMENT_MOVE_CYCLE');
    await t.http.post('/api/v1/documents/folders').set(as(owner)).send({ name: '' }).expect(400);
    const slash = await t.http.post('/api/v1/documents/folders').set(as(owner)).send({ name: 'a/b' }).expect(400);
    expect(slash.body.errors[0]).toMatchObject({ field: 'name', code: 'DOCUMENT_NAME_INVALID' });
    await t.http.patch(`/api/v1/documents/${team.id}`).set(as(owner)).send({ name: '  ' }).expect(400);
  }, 60000);

  it('versions: upload new versions, list, download any, restore makes a new head from the old bytes; 412 when stale', async () => {
    const doc = await upload(owner, '合同模板.pdf', pdf('version one'));
    const v2 = await t.http.post(`/api/v1/documents/${doc.id}/versions`).set(as(owner)).field('note', '客户修改').attach('file', pdf('version two'), '合同模板-v2.pdf').expect(201);
    expect(v2.body).toMatchObject({ versionCount: 2 });
    // another reader may not add versions
    await t.http.post(`/api/v1/documents/${doc.id}/versions`).set(as(southRep)).attach('file', pdf('x'), 'x.pdf').expect(404);
    expect((await content(owner, `/api/v1/documents/${doc.id}/content`)).toString()).toContain('version two');
    let versions = (await t.http.get(`/api/v1/documents/${doc.id}/versions`).set(as(owner)).expect(200)).body.data as Version[];
    expect(versions.map((v) => [v.number, v.isHead])).toEqual([
      [2, true],
      [1, false],
    ]);
    const first = versions[1];
    expect((await content(owner, `/api/v1/documents/${doc.id}/versions/${first.id}/content`)).toString()).toContain('version one');

    // stale version: 412
    await t.http.post(`/api/v1/documents/${doc.id}/versions/${first.id}/restore`).set(as(owner)).set('If-Match', '1').expect(412);
    const restored = (await t.http.post(`/api/v1/documents/${doc.id}/versions/${first.id}/restore`).set(as(owner)).expect(200)).body as Doc;
    expect(restored.versionCount).toBe(3);
    versions = (await t.http.get(`/api/v1/documents/${doc.id}/versions`).set(as(owner)).expect(200)).body.data as Version[];
    expect(versions[0]).toMatchObject({ number: 3, isHead: true, restoredFrom: 1, sha256: first.sha256 });
    expect((await content(owner, `/api/v1/documents/${doc.id}/content`)).toString()).toContain('version one');
    // a version of another document: 404
    const other = await upload(owner, '其他.pdf', pdf('other'));
    await t.http.get(`/api/v1/documents/${other.id}/versions/${first.id}/content`).set(as(owner)).expect(404);
    await t.http.post(`/api/v1/documents/${other.id}/versions/${first.id}/restore`).set(as(owner)).expect(404);
    // stale rename
    await t.http.patch(`/api/v1/documents/${doc.id}`).set(as(owner)).send({ name: 'x.pdf', version: 1 }).expect(412);
  }, 60000);

  it('upload limits: 413 for too large, 415 for a refused type (by its bytes, not its name), 400 without a file', async () => {
    const big = Buffer.concat([pdf(''), Buffer.alloc(MAX_BYTES + 10, 0x20)]);
    const tooBig = await t.http.post('/api/v1/documents/files').set(as(owner)).attach('file', big, 'big.pdf').expect(413);
    expect(tooBig.body.code).toBe('FILE_TOO_LARGE');
    const script = await t.http.post('/api/v1/documents/files').set(as(owner)).attach('file', Buffer.from('#!/bin/sh\necho hi\n'), 'report.pdf').expect(415);
    expect(script.body.code).toBe('FILE_TYPE_NOT_ALLOWED');
    const doc = await upload(owner, 'logo.png', PNG);
    await t.http.post(`/api/v1/documents/${doc.id}/versions`).set(as(owner)).attach('file', Buffer.from('MZ\x90\x00', 'latin1'), 'setup.exe').expect(415);
    await t.http.post(`/api/v1/documents/${doc.id}/versions`).set(as(owner)).attach('file', big, 'big.png').expect(413);
    await t.http.post('/api/v1/documents/files').set(as(owner)).field('parentId', '').field('tags', 'x').expect(400);
    // nothing was added by the refused uploads
    expect((await list(owner, `?q=big`)).length).toBe(0);
  }, 60000);

  it('trash: delete moves a folder with its content; list, restore; purge and the 30-day job remove rows and stored files', async () => {
    const box = await folder(owner, '待删除');
    const inside = await upload(owner, '旧方案.pdf', pdf('old plan'), { parentId: box.id });
    await t.http.delete(`/api/v1/documents/${box.id}`).set(as(owner)).expect(204);
    await t.http.get(`/api/v1/documents/${inside.id}`).set(as(owner)).expect(404);
    expect(await list(owner)).not.toContain('待删除');
    let trash = (await t.http.get('/api/v1/documents/trash').set(as(owner)).expect(200)).body.data as Doc[];
    expect(trash.map((d) => d.name)).toEqual(['待删除']);
    // others see nothing of my trash and cannot restore it
    expect((await t.http.get('/api/v1/documents/trash').set(as(southRep)).expect(200)).body.data).toEqual([]);
    await t.http.post(`/api/v1/documents/${box.id}/restore`).set(as(southRep)).expect(404);
    await t.http.post(`/api/v1/documents/${box.id}/restore`).set(as(owner)).expect(204);
    expect(await list(owner, `?parentId=${box.id}`)).toEqual(['旧方案.pdf']);
    // a live item cannot be purged
    expect((await t.http.post(`/api/v1/documents/${box.id}/purge`).set(as(owner)).expect(409)).body.code).toBe('DOCUMENT_NOT_IN_TRASH');

    const storedBefore = readdirSync(t.config.filesDir).length;
    await t.http.delete(`/api/v1/documents/${box.id}`).set(as(owner)).expect(204);
    expect((await t.http.post(`/api/v1/documents/${box.id}/purge`).set(as(owner)).expect(200)).body).toEqual({ purged: 2 });
    expect(readdirSync(t.config.filesDir).length).toBe(storedBefore - 1);
    await t.http.post(`/api/v1/documents/${box.id}/restore`).set(as(owner)).expect(404);

    // the nightly job purges what has been in the trash for 30 days, and only that
    const old = await upload(owner, '过期文件.pdf', pdf('expired'));
    const fresh = await upload(owner, '新删除.pdf', pdf('fresh'));
    await t.http.delete(`/api/v1/documents/${old.id}`).set(as(owner)).expect(204);
    await t.http.delete(`/api/v1/documents/${fresh.id}`).set(as(owner)).expect(204);
    await t.app.get(DataSource).query(`UPDATE documents SET deleted_at = now() - interval '31 days' WHERE id = $1`, [old.id]);
    const before = readdirSync(t.config.filesDir).length;
    await t.app.get(JobsService).runNow('documents.purge-trash');
    expect(readdirSync(t.config.filesDir).length).toBe(before - 1);
    trash = (await t.http.get('/api/v1/documents/trash').set(as(owner)).expect(200)).body.data as Doc[];
    expect(trash.map((d) => d.name)).toEqual(['新删除.pdf']);
  }, 60000);

  it('linked records: listed on a record only for who sees both the record and the document', async () => {
    const account = (await t.http.post('/api/v1/accounts').set(as(owner)).send({ name: '上海文档测试有限公司' }).expect(201)).body.id as string;
    const mine = await upload(owner, '客户资料.pdf', pdf('account file'));
    const secret = await upload(manager, '经理私有.pdf', pdf('private'));
    await t.http.post(`/api/v1/documents/${mine.id}/links`).set(as(owner)).send({ recordType: 'account', recordId: account }).expect(201);
    await t.http.post(`/api/v1/documents/${secret.id}/links`).set(as(manager)).send({ recordType: 'account', recordId: account }).expect(201);
    // the owner sees the account and their document, not the manager's private one
    const byRecord = (u: U) => t.http.get(`/api/v1/documents/by-record/account/${account}`).set(as(u));
    expect(((await byRecord(owner).expect(200)).body.data as Doc[]).map((d) => d.name)).toEqual(['客户资料.pdf']);
    // the manager sees both
    expect(((await byRecord(manager).expect(200)).body.data as Doc[]).map((d) => d.name).sort()).toEqual(['客户资料.pdf', '经理私有.pdf'].sort());
    // a rep who cannot see the account: 404 even if the document were shared with them
    await t.http.post(`/api/v1/documents/${mine.id}/share`).set(as(owner)).send({ scope: 'everyone' }).expect(200);
    await byRecord(southRep).expect(404);
    // linking to a record one cannot see: 404; unknown type: 400
    await t.http.post(`/api/v1/documents/${mine.id}/links`).set(as(southRep)).send({ recordType: 'account', recordId: account }).expect(404);
    await t.http.get(`/api/v1/documents/by-record/widget/${account}`).set(as(owner)).expect(400);
    // the document's detail names the links the reader may see
    expect(((await t.http.get(`/api/v1/documents/${mine.id}`).set(as(owner)).expect(200)).body.links as unknown[]).length).toBe(1);
    expect(((await t.http.get(`/api/v1/documents/${mine.id}`).set(as(southRep)).expect(200)).body.links as unknown[]).length).toBe(0);
    // unlink
    await t.http.delete(`/api/v1/documents/${mine.id}/links/account/${account}`).set(as(owner)).expect(204);
    expect(((await byRecord(owner).expect(200)).body.data as Doc[]).length).toBe(0);
    // a ticket and a contract: the owning modules answer too
    const ticket = (await t.http.post('/api/v1/tickets').set(as(agent)).send({ subject: '打印机故障' }).expect(201)).body.id as string;
    const manual = await upload(agent, '维修手册.pdf', pdf('manual'));
    await t.http.post(`/api/v1/documents/${manual.id}/links`).set(as(agent)).send({ recordType: 'ticket', recordId: ticket }).expect(201);
    expect(((await t.http.get(`/api/v1/documents/by-record/ticket/${ticket}`).set(as(agent)).expect(200)).body.data as Doc[]).map((d) => d.name)).toEqual(['维修手册.pdf']);
    await t.http.get(`/api/v1/documents/by-record/ticket/${ticket}`).set(as(owner)).expect(404);
  }, 60000);

  it('search by name and tag, Chinese included (2-character words), only what the reader may see', async () => {
    const a = await upload(owner, '年度销售合同.pdf', pdf('a'), { tags: '合同,重要' });
    await upload(owner, 'Price List 2026.pdf', pdf('b'), { tags: '报价' });
    await t.http.post(`/api/v1/documents/${a.id}/share`).set(as(owner)).send({ scope: 'everyone' }).expect(200);
    expect(await list(owner, `?q=${encodeURIComponent('合同')}`)).toEqual(expect.arrayContaining(['年度销售合同.pdf']));
    expect(await list(owner, `?q=${encodeURIComponent('销售合同')}`)).toEqual(['年度销售合同.pdf']);
    expect(await list(owner, `?q=price`)).toEqual(['Price List 2026.pdf']);
    // by tag text and by exact tag
    expect(await list(owner, `?q=${encodeURIComponent('重要')}`)).toEqual(['年度销售合同.pdf']);
    expect(await list(owner, `?tag=${encodeURIComponent('报价')}`)).toEqual(['Price List 2026.pdf']);
    // another reader finds only what is shared with them
    expect(await list(southRep, `?q=${encodeURIComponent('合同')}`)).toEqual(['年度销售合同.pdf']);
    expect(await list(southRep, `?q=price`)).toEqual([]);
    // renaming and retagging reindex
    await t.http.patch(`/api/v1/documents/${a.id}`).set(as(owner)).send({ name: '框架协议.pdf', tags: ['协议'] }).expect(200);
    expect(await list(owner, `?q=${encodeURIComponent('协议')}`)).toEqual(['框架协议.pdf']);
    expect(await list(owner, `?q=${encodeURIComponent('重要')}`)).toEqual([]);
    await t.http.get('/api/v1/documents?bogus=1').set(as(owner)).expect(400);
  }, 60000);

  it('review fixes: a folder delete/purge leaves other users\' items (moved to the top level); links need manage rights', async () => {
    const box = await folder(owner, '团队共享盒');
    await t.http.post(`/api/v1/documents/${box.id}/share`).set(as(owner)).send({ scope: 'everyone' }).expect(200);
    const mine = await upload(owner, '我的盒内文件.pdf', pdf('mine in box'), { parentId: box.id });
    const theirs = await upload(eastRep, '同事盒内文件.pdf', pdf('theirs in box'), { parentId: box.id });
    const theirTrashed = await upload(eastRep, '同事已删文件.pdf', pdf('theirs trashed'), { parentId: box.id });
    await t.http.delete(`/api/v1/documents/${theirTrashed.id}`).set(as(eastRep)).expect(204);
    await t.http.delete(`/api/v1/documents/${box.id}`).set(as(owner)).expect(204);
    // my file went with the folder; the colleague's live file is now at their top level, untouched
    await t.http.get(`/api/v1/documents/${mine.id}`).set(as(owner)).expect(404);
    const kept = (await t.http.get(`/api/v1/documents/${theirs.id}`).set(as(eastRep)).expect(200)).body as Doc;
    expect(kept.parentId).toBeNull();
    expect(await list(eastRep)).toContain('同事盒内文件.pdf');
    // purging my folder does not destroy the colleague's trashed file: it stays in their trash, restorable
    expect((await t.http.post(`/api/v1/documents/${box.id}/purge`).set(as(owner)).expect(200)).body).toEqual({ purged: 2 });
    const trash = (await t.http.get('/api/v1/documents/trash').set(as(eastRep)).expect(200)).body.data as Doc[];
    expect(trash.map((d) => d.name)).toContain('同事已删文件.pdf');
    await t.http.post(`/api/v1/documents/${theirTrashed.id}/restore`).set(as(eastRep)).expect(204);
    expect((await t.http.get(`/api/v1/documents/${theirTrashed.id}`).set(as(eastRep)).expect(200)).body.parentId).toBeNull();
    expect((await content(eastRep, `/api/v1/documents/${theirTrashed.id}/content`)).toString()).toContain('theirs trashed');

    // link / unlink need manage rights: a reader of a shared document gets 403
    const account = (await t.http.post('/api/v1/accounts').set(as(eastRep)).send({ name: '杭州链接测试有限公司' }).expect(201)).body.id as string;
    const shared = await upload(owner, '共享只读.pdf', pdf('shared read only'));
    await t.http.post(`/api/v1/documents/${shared.id}/share`).set(as(owner)).send({ scope: 'everyone' }).expect(200);
    const denied = await t.http.post(`/api/v1/documents/${shared.id}/links`).set(as(eastRep)).send({ recordType: 'account', recordId: account }).expect(403);
    expect(denied.body.code).toBe('FORBIDDEN');
    await t.http.post(`/api/v1/documents/${kept.id}/links`).set(as(eastRep)).send({ recordType: 'account', recordId: account }).expect(201);
    await t.http.delete(`/api/v1/documents/${kept.id}/links/account/${account}`).set(as(eastRep)).expect(204);
    await t.http.delete(`/api/v1/documents/${shared.id}/links/account/${account}`).set(as(eastRep)).expect(403);
  }, 60000);

  it('review fixes: upload fields are validated (400 with field and code); tags are capped at 40 characters', async () => {
    const badParent = await t.http.post('/api/v1/documents/files').set(as(owner)).field('parentId', 'nope').attach('file', pdf('x'), 'a.pdf').expect(400);
    expect(badParent.body.errors).toEqual([expect.objectContaining({ field: 'parentId', code: 'not_uuid' })]);
    const longTag = await t.http.post('/api/v1/documents/files').set(as(owner)).field('tags', `ok,${'长'.repeat(41)}`).attach('file', pdf('x'), 'a.pdf').expect(400);
    expect(longTag.body.errors).toEqual([expect.objectContaining({ field: 'tags', code: 'too_long' })]);
    const doc = await upload(owner, '备注测试.pdf', pdf('note'), { tags: '甲,乙' });
    expect(doc.tags).toEqual(['甲', '乙']);
    const longNote = await t.http.post(`/api/v1/documents/${doc.id}/versions`).set(as(owner)).field('note', 'n'.repeat(501)).attach('file', pdf('v2'), 'b.pdf').expect(400);
    expect(longNote.body.errors).toEqual([expect.objectContaining({ field: 'note', code: 'too_long' })]);
    await t.http.post(`/api/v1/documents/${doc.id}/versions`).set(as(owner)).field('note', '第二版').attach('file', pdf('v2'), 'b.pdf').expect(201);
  }, 60000);

  it('review fixes: two folder moves at once never make a cycle (the second waits for the first and is refused with 409)', async () => {
    const ds = t.app.get(DataSource);
    for (let round = 0; round < 2; round++) {
      // B holds C; at once A moves into C and B moves into A: each check alone passes, together A → C → B → A.
      // (Two moves crossing directly, A into B and B into A, already deadlock on the parent key's row locks.)
      const a = await folder(owner, `甲${round}`);
      const b = await folder(owner, `乙${round}`);
      const c = await folder(owner, `丙${round}`, b.id);
      // Hold the audit log, which each move writes after its cycle check and before it commits, so both moves
      // are in flight at once. Without the tree-move lock the second move's check cannot see the first's
      // uncommitted move and both succeed; with it the second waits for the first and then sees it.
      const qr = ds.createQueryRunner();
      await qr.connect();
      await qr.startTransaction();
      await qr.query(`LOCK TABLE audit_logs IN EXCLUSIVE MODE`);
      const first = t.http.patch(`/api/v1/documents/${a.id}`).set(as(owner)).send({ parentId: c.id }).then((r) => r);
      let waiting = 0;
      for (let i = 0; i < 400 && waiting < 1; i++) {
        await new Promise((r) => setTimeout(r, 25));
        [{ n: waiting }] = await ds.query(waitingLocks);
      }
      const second = t.http.patch(`/api/v1/documents/${b.id}`).set(as(owner)).send({ parentId: a.id }).then((r) => r);
      for (let i = 0; i < 400 && waiting < 2; i++) {
        await new Promise((r) => setTimeout(r, 25));
        [{ n: waiting }] = await ds.query(waitingLocks);
      }
      expect(waiting).toBe(2);
      await qr.commitTransaction();
      await qr.release();
      const [x, y] = await Promise.all([first, second]);
      expect([x.status, y.status]).toEqual([200, 409]);
      expect(y.body.code).toBe('DOCUMENT_MOVE_CYCLE');
      const parents = new Map(((await ds.query(`SELECT id, parent_id FROM documents WHERE id = ANY($1)`, [[a.id, b.id, c.id]])) as { id: string; parent_id: string | null }[]).map((r) => [r.id, r.parent_id]));
      expect([parents.get(a.id), parents.get(b.id), parents.get(c.id)]).toEqual([c.id, null, b.id]);
    }
  }, 60000);

  it('review fixes: the 30-day purge skips a root restored while it waited (re-checked under the row lock)', async () => {
    const ds = t.app.get(DataSource);
    const doc = await upload(owner, '将被恢复.pdf', pdf('restored in time'));
    await t.http.delete(`/api/v1/documents/${doc.id}`).set(as(owner)).expect(204);
    await ds.query(`UPDATE documents SET deleted_at = now() - interval '31 days' WHERE id = $1`, [doc.id]);
    // hold the row, let the job select it and wait on the lock, restore meanwhile, then let it go
    const qr = ds.createQueryRunner();
    await qr.connect();
    await qr.startTransaction();
    await qr.query(`SELECT id FROM documents WHERE id = $1 FOR UPDATE`, [doc.id]);
    const job = t.app.get(JobsService).runNow('documents.purge-trash');
    for (let i = 0; i < 200; i++) {
      const [{ n }] = await ds.query(waitingLocks);
      if (n > 0) break;
      await new Promise((r) => setTimeout(r, 25));
    }
    await qr.query(`UPDATE documents SET deleted_at = NULL, trash_root_id = NULL, trashed_by_id = NULL WHERE id = $1`, [doc.id]);
    await qr.commitTransaction();
    await qr.release();
    await job;
    expect((await content(owner, `/api/v1/documents/${doc.id}/content`)).toString()).toContain('restored in time');
  }, 60000);
});
