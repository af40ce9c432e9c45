import { DataSource } from 'typeorm';
import { startApp, TestApp } from './helpers/test-app';
import { bearer, buildOrg, createUser, Org } from './helpers/fixtures';

type U = { id: string; token: string };
type Result = { id: string; ok: boolean; status?: number; code?: string };

/** Bulk actions (issue 12): one request, one result per record, each record in its own transaction. */
describe('bulk actions (e2e)', () => {
  let t: TestApp;
  let org: Org;
  let admin: Record<string, string>;
  let manager: U;
  let rep: U;
  let rep2: U;
  let southRep: U;
  let poolId: string;
  let seq = 0;

  const as = (u: U) => bearer(u.token);
  const lead = async (who: Record<string, string>, extra: Record<string, unknown> = {}) => {
    const res = await t.http.post('/api/v1/leads?allowDuplicate=true').set(who).send({ name: `批量线索 ${++seq}`, ...extra });
    if (res.status !== 201) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { id: string; version: number };
  };
  const bulk = async (who: Record<string, string>, body: Record<string, unknown>, path = 'leads', status = 200) =>
    (await t.http.post(`/api/v1/${path}/bulk`).set(who).send(body).expect(status)).body as { results: Result[]; code?: string; errors?: { field: string }[] };
  const get = async (id: string) => (await t.http.get(`/api/v1/leads/${id}`).set(admin).expect(200)).body;
  const audit = async (id: string) => (await t.http.get(`/api/v1/audit-logs?entityId=${id}`).set(admin).expect(200)).body.data as { action: string }[];

  beforeAll(async () => {
    t = await startApp();
    org = await buildOrg(t);
    admin = bearer(org.adminToken);
    manager = await createUser(t, org, { role: 'sales_manager', departmentId: org.depts.east, name: 'East Manager' });
    rep = await createUser(t, org, { role: 'sales_rep', departmentId: org.depts.east, name: 'East Rep' });
    rep2 = await createUser(t, org, { role: 'sales_rep', departmentId: org.depts.east, name: 'East Rep 2' });
    southRep = await createUser(t, org, { role: 'sales_rep', departmentId: org.depts.south, name: 'South Rep' });
    poolId = (await t.http.post('/api/v1/pools').set(admin).send({ name: '华东公海', departmentId: org.depts.east, claimLimit: 100, memberIds: [rep.id, rep2.id, manager.id] }).expect(201)).body.id;
  });
  afterAll(() => t.close());

  it('assigns many leads in one request, with a result per record (out of scope: 404, owner out of scope: 403)', async () => {
    const mine = [await lead(as(rep)), await lead(as(rep))];
    const south = await lead(as(southRep));
    const missing = '00000000-0000-4000-8000-000000000000';
    const res = await bulk(as(manager), { action: 'assign', ids: [mine[0].id, south.id, missing, mine[1].id], params: { ownerId: rep2.id, reason: '调整分工' } });
    expect(res.results).toEqual([
      { id: mine[0].id, ok: true },
      { id: south.id, ok: false, status: 404, code: 'NOT_FOUND' },
      { id: missing, ok: false, status: 404, code: 'NOT_FOUND' },
      { id: mine[1].id, ok: true },
    ]);
    for (const l of mine) expect((await get(l.id)).ownerId).toBe(rep2.id);
    expect((await get(south.id)).ownerId).toBe(southRep.id);
    expect((await audit(mine[0].id)).map((a) => a.action)).toContain('assign');
    // a user outside the manager's scope cannot receive them: 403 per record, nothing moves
    const refused = await bulk(as(manager), { action: 'assign', ids: [mine[0].id], params: { ownerId: southRep.id } });
    expect(refused.results).toEqual([{ id: mine[0].id, ok: false, status: 403, code: 'OWNER_OUT_OF_SCOPE' }]);
    expect((await get(mine[0].id)).ownerId).toBe(rep2.id);
  });

  it('changes status, adds tags, moves to a pool and deletes, each with its own rules', async () => {
    const a = await lead(as(rep));
    const b = await lead(as(rep));
    const converted = await lead(admin);
    const acct = await t.http.post(`/api/v1/leads/${converted.id}/convert`).set(admin).send({ account: { name: `批量转化 ${seq}` } });
    expect(acct.status).toBe(200);

    let res = await bulk(as(rep), { action: 'changeStatus', ids: [a.id, b.id], params: { status: 'contacted' }, versions: { [b.id]: b.version + 5 } });
    expect(res.results).toEqual([{ id: a.id, ok: true }, { id: b.id, ok: false, status: 412, code: 'STALE_VERSION' }]);
    expect((await get(a.id)).status).toBe('contacted');
    expect((await get(b.id)).status).toBe('new');

    res = await bulk(admin, { action: 'addTag', ids: [a.id, converted.id], params: { tag: '重点' } });
    expect(res.results).toEqual([{ id: a.id, ok: true }, { id: converted.id, ok: false, status: 409, code: 'LEAD_CONVERTED' }]);
    await bulk(admin, { action: 'addTag', ids: [a.id], params: { tag: '重点' } });
    expect((await get(a.id)).tags).toEqual(['重点']);

    res = await bulk(as(rep), { action: 'moveToPool', ids: [a.id, b.id], params: { reason: '暂无需求', poolId } });
    expect(res.results.every((r) => r.ok)).toBe(true);
    expect((await get(b.id))).toMatchObject({ ownerId: null, poolId });

    // reps may not delete leads at all: the whole request is refused
    const forbidden = await bulk(as(rep), { action: 'delete', ids: [a.id] }, 'leads', 403);
    expect(forbidden.code).toBe('FORBIDDEN');
    res = await bulk(admin, { action: 'delete', ids: [b.id, a.id] });
    expect(res.results.every((r) => r.ok)).toBe(true);
    await t.http.get(`/api/v1/leads/${b.id}`).set(admin).expect(404);
  });

  it('validates the request as a whole before anything changes', async () => {
    const a = await lead(as(rep));
    let res = await bulk(as(rep), { action: 'assign', ids: [a.id] }, 'leads', 400);
    expect(res.errors![0].field).toBe('params.ownerId');
    res = await bulk(as(rep), { action: 'changeStatus', ids: [a.id], params: { status: 'converted' } }, 'leads', 400);
    expect(res.errors![0].field).toBe('params.status');
    await bulk(as(rep), { action: 'explode', ids: [a.id] }, 'leads', 400);
    await bulk(as(rep), { action: 'addTag', ids: [], params: { tag: 'x' } }, 'leads', 400);
    await bulk(as(rep), { action: 'addTag', ids: [a.id, a.id], params: { tag: 'x' } }, 'leads', 400);
    await bulk(as(rep), { action: 'addTag', ids: Array.from({ length: 201 }, () => a.id), params: { tag: 'x' } }, 'leads', 400);
    res = await bulk(as(rep), { action: 'moveToPool', ids: [a.id], params: { reason: 'x' } }, 'contacts', 400);
    expect(res.code).toBe('BULK_ACTION_NOT_SUPPORTED');
    expect((await get(a.id)).version).toBe(a.version);
  });

  it('serialises parallel bulk requests per record: no lost tag, no deadlock', async () => {
    const leads = await Promise.all(Array.from({ length: 12 }, () => lead(as(rep))));
    const ids = leads.map((l) => l.id);
    const reversed = [...ids].reverse();
    const answers = await Promise.all([
      bulk(as(rep), { action: 'addTag', ids, params: { tag: '甲' } }),
      bulk(as(rep), { action: 'addTag', ids: reversed, params: { tag: '乙' } }),
      bulk(as(manager), { action: 'changeStatus', ids, params: { status: 'qualified' } }),
    ]);
    for (const a of answers) expect(a.results.every((r) => r.ok)).toBe(true);
    const rows: { tags: string[]; status: string; version: number }[] = await t.app
      .get(DataSource)
      .query(`SELECT tags, status, version FROM leads WHERE id = ANY($1)`, [ids]);
    for (const r of rows) {
      expect([...r.tags].sort()).toEqual(['乙', '甲']);
      expect(r.status).toBe('qualified');
      expect(r.version).toBe(4);
    }
  });

  it('works the same on accounts and contacts', async () => {
    const acct = (await t.http.post('/api/v1/accounts').set(as(rep)).send({ name: `批量客户 ${++seq}` }).expect(201)).body;
    let res = await bulk(as(manager), { action: 'changeStatus', ids: [acct.id], params: { status: 'at_risk' } }, 'accounts');
    expect(res.results).toEqual([{ id: acct.id, ok: true }]);
    res = await bulk(as(manager), { action: 'addTag', ids: [acct.id], params: { tag: '续约' } }, 'accounts');
    expect(res.results).toEqual([{ id: acct.id, ok: true }]);
    const read = (await t.http.get(`/api/v1/accounts/${acct.id}`).set(admin).expect(200)).body;
    expect(read).toMatchObject({ lifecycleStage: 'at_risk', tags: ['续约'] });
    const contact = (await t.http.post('/api/v1/contacts').set(as(rep)).send({ name: `批量联系人 ${seq}`, accountId: acct.id }).expect(201)).body;
    res = await bulk(as(southRep), { action: 'assign', ids: [contact.id], params: { ownerId: southRep.id } }, 'contacts');
    expect(res.results).toEqual([{ id: contact.id, ok: false, status: 404, code: 'NOT_FOUND' }]);
    res = await bulk(as(manager), { action: 'assign', ids: [contact.id], params: { ownerId: rep2.id } }, 'contacts');
    expect(res.results).toEqual([{ id: contact.id, ok: true }]);
  });
});
