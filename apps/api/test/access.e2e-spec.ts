import { startApp, TestApp } from './helpers/test-app';
import { bearer, buildOrg, createUser, Org } from './helpers/fixtures';

/** Permissions per action and data scopes (own / department and below / all), on the users resource. */
describe('access control (e2e)', () => {
  let t: TestApp;
  let org: Org;
  let manager: { id: string; token: string };
  let repEast: { id: string; email: string; token: string };
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
    // a role change ends the user's sessions: the rep signs in again and gets the new grants
    await t.http.get('/api/v1/users').set(bearer(repEast.token)).expect(401);
    repEast.token = await t.login(repEast.email, 'Passw0rd!');
    // East has no sub-departments: the rep now sees the East department (only themself there)
    const list = await t.http.get('/api/v1/users').set(bearer(repEast.token)).expect(200);
    expect(ids(list)).toEqual([repEast.id]);
    // moving South under East widens what the rep sees at once
    await t.http.patch(`/api/v1/departments/${org.depts.south}`).set(bearer(org.adminToken)).send({ parentId: org.depts.east }).expect(200);
    const wider = await t.http.get('/api/v1/users').set(bearer(repEast.token)).expect(200);
    expect(ids(wider)).toEqual([repEast.id, repSouth.id].sort());
    await t.http.patch(`/api/v1/departments/${org.depts.south}`).set(bearer(org.adminToken)).send({ parentId: org.depts.sales }).expect(200);
  });

  it('never lets anyone grant more than they hold', async () => {
    const hrRole = await t.http
      .post('/api/v1/roles')
      .set(bearer(org.adminToken))
      .send({ key: 'hr_dept', name: 'HR', permissions: [{ module: 'users', actions: ['read', 'create', 'update'], scope: 'department' }, { module: 'roles', actions: ['read', 'create', 'update'], scope: 'all' }] })
      .expect(201);
    const hr = await createUser(t, org, { role: hrRole.body.id, departmentId: org.depts.sales, name: 'HR person' });
    const me = (await t.http.get(`/api/v1/users/${hr.id}`).set(bearer(hr.token)).expect(200)).body;
    const self = await t.http.patch(`/api/v1/users/${hr.id}`).set(bearer(hr.token)).send({ roleIds: [...me.roleIds, org.roles.admin] }).expect(403);
    expect(self.body.code).toBe('USER_BEYOND_OWN_ACCESS');
    await t.http.patch(`/api/v1/users/${hr.id}`).set(bearer(hr.token)).send({ departmentId: org.depts.service }).expect(403);
    const give = await t.http.patch(`/api/v1/users/${repEast.id}`).set(bearer(hr.token)).send({ roleIds: [org.roles.admin] }).expect(403);
    expect(give.body.errors[0].field).toBe('roleIds');
    // managing someone with more access than yourself (the sales manager can view sensitive data) is refused too
    await t.http.post(`/api/v1/users/${manager.id}/reset-password`).set(bearer(hr.token)).send({ password: 'Hijack123' }).expect(403);
    await t.http.post('/api/v1/users').set(bearer(hr.token)).send({ email: 'x1@example.com', name: 'x', password: 'Passw0rd!', departmentId: org.depts.service }).expect(403);
    const ok = await t.http.post('/api/v1/users').set(bearer(hr.token)).send({ email: 'x2@example.com', name: 'x', password: 'Passw0rd!', departmentId: org.depts.east, roleIds: [] }).expect(201);
    expect(ok.body.departmentId).toBe(org.depts.east);
    const role = await t.http
      .post('/api/v1/roles')
      .set(bearer(hr.token))
      .send({ key: 'sneaky', name: 'Sneaky', permissions: [{ module: 'leads', actions: ['read'], scope: 'all' }] })
      .expect(403);
    expect(role.body.code).toBe('ROLE_BEYOND_OWN_ACCESS');
    await t.http.patch(`/api/v1/roles/${hrRole.body.id}`).set(bearer(hr.token)).send({ specialPermissions: ['restore'] }).expect(403);
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
    const inSales = await t.http.get(`/api/v1/users?departmentId=${org.depts.sales}`).set(bearer(org.adminToken)).expect(200);
    expect(sales.userCount).toBe(inSales.body.total);
    expect(sales.userCount).toBeGreaterThanOrEqual(1);
  });

  it('masks phones and emails in the audit log for readers without viewSensitive', async () => {
    const role = await t.http
      .post('/api/v1/roles')
      .set(bearer(org.adminToken))
      // the audit log shows entries of records the reader may read: the auditor reads leads too
      .send({ key: 'auditor', name: 'Auditor', permissions: [{ module: 'audit', actions: ['read'], scope: 'all' }, { module: 'leads', actions: ['read'], scope: 'all' }] })
      .expect(201);
    const auditor = await createUser(t, org, { role: role.body.id, departmentId: org.depts.service, name: 'Auditor' });
    const lead = await t.http.post('/api/v1/leads').set(bearer(org.adminToken)).send({ name: 'Audited', phone: '13877776666', email: 'audited@example.com' }).expect(201);
    const changesFor = async (token: string) => {
      const res = await t.http.get(`/api/v1/audit-logs?entityType=lead&entityId=${lead.body.id}`).set(bearer(token)).expect(200);
      const changes: { field: string; new: unknown }[] = res.body.data[0].changes;
      return Object.fromEntries(changes.map((c) => [c.field, c.new]));
    };
    expect(await changesFor(auditor.token)).toMatchObject({ phone: '138****6666', email: 'a***@example.com', name: 'Audited' });
    expect(await changesFor(org.adminToken)).toMatchObject({ phone: '+8613877776666', email: 'audited@example.com' });
  });
});
