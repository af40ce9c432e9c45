import { startApp, TestApp } from './helpers/test-app';
import { bearer, buildOrg, createUser, Org } from './helpers/fixtures';

type U = { id: string; token: string };

/** Saved views (issue 12): per user and list, shared with a department or everyone, a default per user; only the owner edits. */
describe('saved views (e2e)', () => {
  let t: TestApp;
  let org: Org;
  let admin: Record<string, string>;
  let eastRep: U;
  let eastRep2: U;
  let southRep: U;
  let salesManager: U;
  let agent: U;

  const as = (u: U) => bearer(u.token);
  const body = (name: string, extra: Record<string, unknown> = {}) => ({
    listKey: 'leads',
    name,
    filters: { filter: { match: 'all', conditions: [{ field: 'lastActivityAt', op: 'olderThanDays', value: 30 }] }, params: { status: 'new' }, q: '杭州' },
    sort: '-score',
    columns: ['name', 'status', 'score'],
    ...extra,
  });
  const namesFor = async (u: U, listKey = 'leads') => {
    const res = await t.http.get('/api/v1/saved-views').query({ listKey }).set(as(u)).expect(200);
    return (res.body.data as { name: string }[]).map((v) => v.name).sort();
  };

  beforeAll(async () => {
    t = await startApp();
    org = await buildOrg(t);
    admin = bearer(org.adminToken);
    eastRep = await createUser(t, org, { role: 'sales_rep', departmentId: org.depts.east, name: 'East Rep' });
    eastRep2 = await createUser(t, org, { role: 'sales_rep', departmentId: org.depts.east, name: 'East Rep 2' });
    southRep = await createUser(t, org, { role: 'sales_rep', departmentId: org.depts.south, name: 'South Rep' });
    salesManager = await createUser(t, org, { role: 'sales_manager', departmentId: org.depts.sales, name: 'Sales Manager' });
    agent = await createUser(t, org, { role: 'service_agent', departmentId: org.depts.service, name: 'Agent' });
  });
  afterAll(() => t.close());

  it('saves a private view that only its owner sees', async () => {
    const res = await t.http.post('/api/v1/saved-views').set(as(eastRep)).send(body('我的沉睡线索')).expect(201);
    expect(res.body).toMatchObject({ name: '我的沉睡线索', sharing: 'private', ownerId: eastRep.id, ownerName: 'East Rep', editable: true, isDefault: false, sort: '-score', version: 1 });
    expect(res.body.filters.filter.conditions[0]).toEqual({ field: 'lastActivityAt', op: 'olderThanDays', value: 30 });
    expect(await namesFor(eastRep)).toEqual(['我的沉睡线索']);
    // an outsider neither lists nor reads it: 404 like any record out of scope
    expect(await namesFor(eastRep2)).toEqual([]);
    await t.http.get(`/api/v1/saved-views/${res.body.id}`).set(as(eastRep2)).expect(404);
    await t.http.patch(`/api/v1/saved-views/${res.body.id}`).set(as(eastRep2)).send({ name: 'x' }).expect(404);
    await t.http.post(`/api/v1/saved-views/${res.body.id}/default`).set(as(eastRep2)).expect(404);
  });

  it('shares with a department (and below) or everyone, read-only for others', async () => {
    const east = await t.http.post('/api/v1/saved-views').set(as(eastRep)).send(body('华东共享', { sharing: 'department' })).expect(201);
    expect(east.body.departmentId).toBe(org.depts.east);
    const sales = await t.http.post('/api/v1/saved-views').set(as(salesManager)).send(body('销售部共享', { sharing: 'department' })).expect(201);
    const all = await t.http.post('/api/v1/saved-views').set(as(southRep)).send(body('全员共享', { sharing: 'everyone' })).expect(201);
    expect(await namesFor(eastRep2)).toEqual(['全员共享', '华东共享', '销售部共享']);
    expect(await namesFor(southRep)).toEqual(['全员共享', '销售部共享']);
    expect(await namesFor(salesManager)).toEqual(['全员共享', '销售部共享']);

    const seen = await t.http.get(`/api/v1/saved-views/${east.body.id}`).set(as(eastRep2)).expect(200);
    expect(seen.body.editable).toBe(false);
    const refused = await t.http.patch(`/api/v1/saved-views/${east.body.id}`).set(as(eastRep2)).send({ name: '改名' }).expect(403);
    expect(refused.body.code).toBe('SAVED_VIEW_READ_ONLY');
    await t.http.delete(`/api/v1/saved-views/${all.body.id}`).set(as(eastRep)).expect(403);
    // an admin may edit anyone's shared view
    await t.http.patch(`/api/v1/saved-views/${sales.body.id}`).set(admin).send({ name: '销售部共享（管理员）' }).expect(200);
  });

  it('refuses sharing with a department one is not in', async () => {
    const res = await t.http.post('/api/v1/saved-views').set(as(eastRep)).send(body('越权', { sharing: 'department', departmentId: org.depts.south })).expect(403);
    expect(res.body.code).toBe('SAVED_VIEW_DEPARTMENT_OUT_OF_SCOPE');
    // a parent department is allowed: East is under Sales
    await t.http.post('/api/v1/saved-views').set(as(eastRep)).send(body('给销售部', { sharing: 'department', departmentId: org.depts.sales })).expect(201);
    expect(await namesFor(southRep)).toContain('给销售部');
  });

  it('keeps one default view per user and list, also a shared one', async () => {
    const list = await t.http.get('/api/v1/saved-views').query({ listKey: 'leads' }).set(as(eastRep2)).expect(200);
    expect(list.body.defaultViewId).toBeNull();
    const [a, b] = list.body.data as { id: string }[];
    const set = await t.http.post(`/api/v1/saved-views/${a.id}/default`).set(as(eastRep2)).expect(200);
    expect(set.body.isDefault).toBe(true);
    await t.http.post(`/api/v1/saved-views/${b.id}/default`).set(as(eastRep2)).expect(200);
    const after = await t.http.get('/api/v1/saved-views').query({ listKey: 'leads' }).set(as(eastRep2)).expect(200);
    expect(after.body.defaultViewId).toBe(b.id);
    expect((after.body.data as { id: string; isDefault: boolean }[]).filter((v) => v.isDefault).map((v) => v.id)).toEqual([b.id]);
    // another user's default is their own
    expect((await t.http.get('/api/v1/saved-views').query({ listKey: 'leads' }).set(as(southRep)).expect(200)).body.defaultViewId).toBeNull();
    await t.http.delete(`/api/v1/saved-views/${b.id}/default`).set(as(eastRep2)).expect(204);
    expect((await t.http.get('/api/v1/saved-views').query({ listKey: 'leads' }).set(as(eastRep2)).expect(200)).body.defaultViewId).toBeNull();
  });

  it('updates with optimistic locking and deletes', async () => {
    const v = await t.http.post('/api/v1/saved-views').set(as(eastRep)).send(body('待改')).expect(201);
    const changed = await t.http.patch(`/api/v1/saved-views/${v.body.id}`).set(as(eastRep)).set('If-Match', 'W/"1"').send({ sort: 'name', sharing: 'everyone' }).expect(200);
    expect(changed.body).toMatchObject({ sort: 'name', sharing: 'everyone', version: 2 });
    const stale = await t.http.patch(`/api/v1/saved-views/${v.body.id}`).set(as(eastRep)).send({ name: '旧版本', version: 1 }).expect(412);
    expect(stale.body.currentVersion).toBe(2);
    await t.http.post(`/api/v1/saved-views/${v.body.id}/default`).set(as(eastRep)).expect(200);
    await t.http.delete(`/api/v1/saved-views/${v.body.id}`).set(as(eastRep)).expect(204);
    await t.http.get(`/api/v1/saved-views/${v.body.id}`).set(as(eastRep)).expect(404);
    expect((await t.http.get('/api/v1/saved-views').query({ listKey: 'leads' }).set(as(eastRep)).expect(200)).body.defaultViewId).toBeNull();
  });

  it('validates and needs read on the list', async () => {
    const bad = await t.http.post('/api/v1/saved-views').set(as(eastRep)).send(body('', { listKey: 'secrets' })).expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['listKey', 'name']);
    await t.http.post('/api/v1/saved-views').set(as(eastRep)).send(body('坏过滤', { filters: { filter: { match: 'some', conditions: [] } } })).expect(400);
    // the service agent cannot read leads: no views of the leads list, not even shared ones
    const refused = await t.http.get('/api/v1/saved-views').query({ listKey: 'leads' }).set(as(agent)).expect(403);
    expect(refused.body.code).toBe('SAVED_VIEW_LIST_FORBIDDEN');
    await t.http.post('/api/v1/saved-views').set(as(agent)).send(body('不可以')).expect(403);
    expect(await namesFor(agent, 'accounts')).toEqual([]);
    await t.http.get('/api/v1/saved-views').query({ listKey: 'leads' }).expect(401);
    // a second view of the same name on the same list is a conflict
    await t.http.post('/api/v1/saved-views').set(as(southRep)).send(body('同名')).expect(201);
    await t.http.post('/api/v1/saved-views').set(as(southRep)).send(body('同名')).expect(409);
  });
});
