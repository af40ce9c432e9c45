import { startApp, TestApp } from './helpers/test-app';
import { bearer, buildOrg, createUser, Org } from './helpers/fixtures';

/** Permissions per action and data scopes (own / department and below / all), on the users resource. */
describe('access control (e2e)', () => {
  let t: TestApp;
  let org: Org;
  let manager: { id: string; token: string };
  let repEast: { id: string; token: string };
  let repSouth: { id: string; token: string };
  let agent: { id: string; token: string };

  beforeAll(async () => {
    t = await startApp();
    org = await buildOrg(t);
    manager = await createUser(t, org, { role: 'sales_manager', departmentId: org.depts.sales, name: 'Manager' });
    repEast = await createUser(t, org, { role: 'sales_rep', departmentId: org.depts.east, name: 'Rep East' });
    repSouth = await createUser(t, org, { role: 'sales_rep', departmentId: org.depts.south, name: 'Rep South' });
    agent = await createUser(t, org, { role: 'service_agent', departmentId: org.depts.service, name: 'Agent' });
  });
  afterAll(() => t.close());

  const ids = (res: { body: { data: { id: string }[] } }) => res.body.data.map((u) => u.id).sort();

  it('answers 403 when the role lacks the action', async () => {
    const res = await t.http.get('/api/v1/roles').set(bearer(repEast.token)).expect(403);
    expect(res.body).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    expect(res.body.detail).toMatch(/roles:read/);
    await t.http.post('/api/v1/users').set(bearer(manager.token)).send({ email: 'x@example.com', name: 'x', password: 'Passw0rd!' }).expect(403);
    await t.http.post('/api/v1/departments').set(bearer(repEast.token)).send({ name: 'Nope' }).expect(403);
    await t.http.get('/api/v1/audit-logs').set(bearer(manager.token)).expect(403);
  });

  it('own scope: a rep lists only themself and gets 404 for anyone else', async () => {
    const list = await t.http.get('/api/v1/users').set(bearer(repEast.token)).expect(200);
    expect(ids(list)).toEqual([repEast.id]);
    expect(list.body.total).toBe(1);
    const other = await t.http.get(`/api/v1/users/${repSouth.id}`).set(bearer(repEast.token)).expect(404);
    expect(other.body.code).toBe('NOT_FOUND');
    expect(JSON.stringify(other.body)).not.toContain('Rep South');
    await t.http.get(`/api/v1/users/${repEast.id}`).set(bearer(repEast.token)).expect(200);
  });

  it('department scope: a manager sees the department and its sub-departments, not others', async () => {
    const list = await t.http.get('/api/v1/users?limit=200').set(bearer(manager.token)).expect(200);
    expect(ids(list)).toEqual([manager.id, repEast.id, repSouth.id].sort());
    await t.http.get(`/api/v1/users/${repSouth.id}`).set(bearer(manager.token)).expect(200);
    await t.http.get(`/api/v1/users/${agent.id}`).set(bearer(manager.token)).expect(404);
  });

  it('offers every signed-in user a directory of active colleagues for pickers, without contact details', async () => {
    const res = await t.http.get('/api/v1/users/directory?q=Rep').set(bearer(repEast.token)).expect(200);
    expect(res.body.map((u: { name: string }) => u.name).sort()).toEqual(['Rep East', 'Rep South']);
    expect(Object.keys(res.body[0]).sort()).toEqual(['departmentId', 'departmentName', 'id', 'name']);
    await t.http.get('/api/v1/users/directory').expect(401);
  });

  it('all scope: the admin sees everyone', async () => {
    const list = await t.http.get('/api/v1/users?limit=200').set(bearer(org.adminToken)).expect(200);
    expect(ids(list)).toEqual(expect.arrayContaining([manager.id, repEast.id, repSouth.id, agent.id]));
  });

  it('role changes apply to the next request, and scopes from several roles merge to the widest', async () => {
    const role = await t.http
      .post('/api/v1/roles')
      .set(bearer(org.adminToken))
      .send({ key: 'user_viewer', name: 'User viewer', permissions: [{ module: 'users', actions: ['read'], scope: 'department' }] })
      .expect(201);
    const repUser = await t.http.get(`/api/v1/users/${repEast.id}`).set(bearer(org.adminToken)).expect(200);
    await t.http
      .patch(`/api/v1/users/${repEast.id}`)
      .set(bearer(org.adminToken))
      .send({ roleIds: [...repUser.body.roleIds, role.body.id] })
      .expect(200);
    // East has no sub-departments: the rep now sees the East department (only themself there)
    const list = await t.http.get('/api/v1/users').set(bearer(repEast.token)).expect(200);
    expect(ids(list)).toEqual([repEast.id]);
    // moving South under East widens what the rep sees at once
    await t.http.patch(`/api/v1/departments/${org.depts.south}`).set(bearer(org.adminToken)).send({ parentId: org.depts.east }).expect(200);
    const wider = await t.http.get('/api/v1/users').set(bearer(repEast.token)).expect(200);
    expect(ids(wider)).toEqual([repEast.id, repSouth.id].sort());
    await t.http.patch(`/api/v1/departments/${org.depts.south}`).set(bearer(org.adminToken)).send({ parentId: org.depts.sales }).expect(200);
  });

  it('edits a role permission matrix and validates it', async () => {
    const bad = await t.http
      .post('/api/v1/roles')
      .set(bearer(org.adminToken))
      .send({ key: 'Bad Key', name: 'x', permissions: [{ module: 'nope', actions: ['fly'], scope: 'galaxy' }] })
      .expect(400);
    const fields = bad.body.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['key', 'permissions[0].module', 'permissions[0].actions', 'permissions[0].scope']));
    const admin = (await t.http.get('/api/v1/roles?q=admin').set(bearer(org.adminToken)).expect(200)).body.data.find(
      (r: { key: string }) => r.key === 'admin',
    );
    const res = await t.http.patch(`/api/v1/roles/${admin.id}`).set(bearer(org.adminToken)).send({ permissions: [] }).expect(409);
    expect(res.body.code).toBe('ROLE_BUILT_IN');
    await t.http.delete(`/api/v1/roles/${org.roles.sales_rep}`).set(bearer(org.adminToken)).expect(409);
  });

  it('keeps the department tree consistent', async () => {
    const cycle = await t.http.patch(`/api/v1/departments/${org.depts.sales}`).set(bearer(org.adminToken)).send({ parentId: org.depts.east }).expect(409);
    expect(cycle.body.code).toBe('DEPARTMENT_CYCLE');
    const busy = await t.http.delete(`/api/v1/departments/${org.depts.sales}`).set(bearer(org.adminToken)).expect(409);
    expect(busy.body.code).toBe('DEPARTMENT_NOT_EMPTY');
    const tree = await t.http.get('/api/v1/departments/tree').set(bearer(manager.token)).expect(200);
    const sales = tree.body.find((d: { id: string }) => d.id === org.depts.sales);
    expect(sales.children.map((c: { name: string }) => c.name).sort()).toEqual(['East', 'South']);
    expect(sales.userCount).toBe(1);
  });
});
