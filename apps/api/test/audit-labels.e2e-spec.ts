import { startApp, TestApp } from './helpers/test-app';
import { bearer, buildOrg, createUser, Org } from './helpers/fixtures';

type Change = { field: string; old: unknown; new: unknown; type: string; ref?: string };
type Entry = { entityId: string; action: string; changes: Change[]; labels: Record<string, string> };

/** The audit log names what it references (departments, roles, people), typed for rendering, in the reader's scope. */
describe('audit log entries with typed changes and names (e2e)', () => {
  let t: TestApp;
  let org: Org;

  beforeAll(async () => {
    t = await startApp();
    org = await buildOrg(t);
  });
  afterAll(() => t.close());

  const history = async (token: string, userId: string) =>
    (await t.http.get(`/api/v1/audit-logs?entityType=user&entityId=${userId}`).set(bearer(token)).expect(200)).body.data as Entry[];

  it("types a user's changes and names the department and roles it mentions", async () => {
    const user = await createUser(t, org, { role: 'sales_rep', departmentId: org.depts.east, name: 'Moved Rep' });
    const current = (await t.http.get(`/api/v1/users/${user.id}`).set(bearer(org.adminToken)).expect(200)).body;
    await t.http
      .patch(`/api/v1/users/${user.id}`)
      .set(bearer(org.adminToken))
      .send({ version: current.version, departmentId: org.depts.south, roleIds: [org.roles.sales_manager], active: false })
      .expect(200);

    const [update] = await history(org.adminToken, user.id);
    expect(update.action).toBe('update');
    const byField = Object.fromEntries(update.changes.map((c) => [c.field, c]));
    expect(byField.departmentId).toMatchObject({ type: 'reference', ref: 'department', old: org.depts.east, new: org.depts.south });
    expect(byField.roleIds).toMatchObject({ type: 'reference', ref: 'role', old: [org.roles.sales_rep], new: [org.roles.sales_manager] });
    expect(byField.active).toMatchObject({ type: 'boolean', old: true, new: false });
    expect(update.labels[org.depts.east]).toBe('East');
    expect(update.labels[org.depts.south]).toBe('South');
    expect(update.labels[org.roles.sales_manager]).toBeTruthy();
    expect(update.labels[org.roles.sales_rep]).toBeTruthy();
  });

  it('keeps the data scope: a reader with the audit grant but users in own scope sees no other user history', async () => {
    const role = (
      await t.http
        .post('/api/v1/roles')
        .set(bearer(org.adminToken))
        .send({ key: 'audit_own', name: 'Audit own', permissions: [{ module: 'audit', actions: ['read'], scope: 'all' }, { module: 'users', actions: ['read'], scope: 'own' }] })
        .expect(201)
    ).body.id as string;
    const reader = await createUser(t, org, { role, departmentId: org.depts.service, name: 'Own auditor' });
    const other = await createUser(t, org, { role: 'sales_rep', departmentId: org.depts.east, name: 'Someone else' });
    expect(await history(reader.token, other.id)).toEqual([]);
    const mine = await history(reader.token, reader.id);
    expect(mine.map((e) => e.action)).toContain('create');
  });
});
