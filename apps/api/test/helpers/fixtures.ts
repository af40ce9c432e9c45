import type { TestApp } from './test-app';

export interface Org {
  adminToken: string;
  roles: Record<string, string>;
  depts: { sales: string; east: string; south: string; service: string };
}

/** Department tree Sales → East, South plus Service, and the built-in roles by key. */
export async function buildOrg(t: TestApp): Promise<Org> {
  const adminToken = await t.login();
  const auth = { Authorization: `Bearer ${adminToken}` };
  const roleList = await t.http.get('/api/v1/roles?limit=200').set(auth).expect(200);
  const roles: Record<string, string> = {};
  for (const r of roleList.body.data) roles[r.key] = r.id;
  const mk = async (name: string, parentId?: string) =>
    (await t.http.post('/api/v1/departments').set(auth).send({ name, parentId }).expect(201)).body.id as string;
  const sales = await mk('Sales');
  const east = await mk('East', sales);
  const south = await mk('South', sales);
  const service = await mk('Service');
  return { adminToken, roles, depts: { sales, east, south, service } };
}

let seq = 0;
/** Creates a user through the API and returns its id and access token. */
export async function createUser(
  t: TestApp,
  org: Org,
  opts: { role: string; departmentId?: string; name?: string },
): Promise<{ id: string; email: string; token: string }> {
  seq += 1;
  const email = `u${seq}-${Date.now()}@example.com`;
  const res = await t.http
    .post('/api/v1/users')
    .set({ Authorization: `Bearer ${org.adminToken}` })
    .send({
      email,
      name: opts.name ?? `User ${seq}`,
      password: 'Passw0rd!',
      departmentId: opts.departmentId,
      roleIds: [org.roles[opts.role] ?? opts.role],
    });
  if (res.status !== 201) throw new Error(`create user failed ${res.status} ${JSON.stringify(res.body)}`);
  return { id: res.body.id, email, token: await t.login(email, 'Passw0rd!') };
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/**
 * Turns the per-role "owners see their own records unmasked" setting (`viewOwnSensitive`) on or off for
 * a built-in role: suites about masking switch it off to test what a non-owner without viewSensitive sees.
 */
export async function setOwnersSeeOwnUnmasked(t: TestApp, org: Org, roleKey: string, on: boolean): Promise<void> {
  const auth = { Authorization: `Bearer ${org.adminToken}` };
  const role = (await t.http.get(`/api/v1/roles/${org.roles[roleKey]}`).set(auth).expect(200)).body as { specialPermissions: string[] };
  const special = role.specialPermissions.filter((p) => p !== 'viewOwnSensitive').concat(on ? ['viewOwnSensitive'] : []);
  await t.http.patch(`/api/v1/roles/${org.roles[roleKey]}`).set(auth).send({ specialPermissions: special }).expect(200);
}

/** Sets a built-in role's permission on one module (replacing what it had there), as an admin does in the role matrix. */
export async function grantModule(t: TestApp, org: Org, roleKey: string, module: string, g: { actions: string[]; scope: string }): Promise<void> {
  const auth = { Authorization: `Bearer ${org.adminToken}` };
  const role = (await t.http.get(`/api/v1/roles/${org.roles[roleKey]}`).set(auth).expect(200)).body as { id: string; version: number; permissions: { module: string }[] };
  await t.http
    .patch(`/api/v1/roles/${role.id}`)
    .set(auth)
    .send({ permissions: [...role.permissions.filter((p) => p.module !== module), { module, ...g }], version: role.version })
    .expect(200);
}

/**
 * Audit entries with their changes as `{ field, old, new }` only: tests about what changed compare those
 * exactly, without the render type (`type`, `ref`) the audit log also answers.
 */
export function plainAudit<E extends { changes?: { field: string; old: unknown; new: unknown }[] }>(entries: E[]): E[] {
  return entries.map((e) => (e.changes ? { ...e, changes: e.changes.map(({ field, old, new: value }) => ({ field, old, new: value })) } : e));
}
