import { startApp, TestApp } from './helpers/test-app';
import { bearer, buildOrg, createUser, Org } from './helpers/fixtures';

type U = { id: string; token: string };
const ALL = ['read', 'create', 'update', 'delete'];

/** Data scope where it was missing: department moves, restore, and the audit log. */
describe('data scope of departments, restore and the audit log (e2e)', () => {
  let t: TestApp;
  let org: Org;
  let seq = 0;

  const role = async (permissions: { module: string; actions: string[]; scope: string }[], specialPermissions: string[] = []) =>
    (await t.http.post('/api/v1/roles').set(bearer(org.adminToken)).send({ key: `r_${++seq}`, name: `Role ${seq}`, permissions, specialPermissions }).expect(201))
      .body.id as string;
  const created = async (who: U, kind: string, body: Record<string, unknown>) => {
    const res = await t.http.post(`/api/v1/${kind}`).set(bearer(who.token)).send(body);
    if (res.status !== 201) throw new Error(`create ${kind}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { id: string };
  };
  const mobile = () => `139${String(Date.now() + ++seq).slice(-8)}`;

  beforeAll(async () => {
    t = await startApp();
    org = await buildOrg(t);
  });
  afterAll(() => t.close());

  describe('departments', () => {
    let deptAdmin: U;
    beforeAll(async () => {
      const r = await role([{ module: 'departments', actions: ALL, scope: 'department' }]);
      deptAdmin = await createUser(t, org, { role: r, departmentId: org.depts.east, name: 'East admin' });
    });

    it('cannot move a department from outside its scope under its own (and so widen its scope)', async () => {
      const res = await t.http.patch(`/api/v1/departments/${org.depts.service}`).set(bearer(deptAdmin.token)).send({ parentId: org.depts.east }).expect(404);
      expect(res.body.code).toBe('NOT_FOUND');
      const service = await t.http.get(`/api/v1/departments/${org.depts.service}`).set(bearer(org.adminToken)).expect(200);
      expect(service.body.parentId).toBeNull();
      await t.http.patch(`/api/v1/departments/${org.depts.south}`).set(bearer(deptAdmin.token)).send({ name: 'Mine now' }).expect(404);
      await t.http.delete(`/api/v1/departments/${org.depts.service}`).set(bearer(deptAdmin.token)).expect(404);
    });

    it('renames, moves and deletes inside its scope; a new parent outside it is 403', async () => {
      const a = await created(deptAdmin, 'departments', { name: 'East A', parentId: org.depts.east });
      const b = await created(deptAdmin, 'departments', { name: 'East B', parentId: org.depts.east });
      await t.http.patch(`/api/v1/departments/${a.id}`).set(bearer(deptAdmin.token)).send({ name: 'East A1' }).expect(200);
      await t.http.patch(`/api/v1/departments/${b.id}`).set(bearer(deptAdmin.token)).send({ parentId: a.id }).expect(200);
      for (const parentId of [org.depts.service, org.depts.sales, null]) {
        const out = await t.http.patch(`/api/v1/departments/${b.id}`).set(bearer(deptAdmin.token)).send({ parentId }).expect(403);
        expect(out.body.code).toBe('DEPARTMENT_OUT_OF_SCOPE');
      }
      const outside = await t.http.post('/api/v1/departments').set(bearer(deptAdmin.token)).send({ name: 'Elsewhere', parentId: org.depts.service }).expect(403);
      expect(outside.body.code).toBe('DEPARTMENT_OUT_OF_SCOPE');
      // its own department may not leave its place either: the new parent is outside the scope
      await t.http.patch(`/api/v1/departments/${org.depts.east}`).set(bearer(deptAdmin.token)).send({ parentId: org.depts.service }).expect(403);
      await t.http.delete(`/api/v1/departments/${b.id}`).set(bearer(deptAdmin.token)).expect(204);
      // the admin (scope all) still moves anything
      await t.http.patch(`/api/v1/departments/${a.id}`).set(bearer(org.adminToken)).send({ parentId: org.depts.service }).expect(200);
    });
  });

  describe('department scope follows the department tree at once', () => {
    type Row = { id: string; actions: string[] };
    let manager: U;
    let outsider: U;
    beforeAll(async () => {
      manager = await createUser(t, org, { role: 'sales_manager', departmentId: org.depts.east, name: 'East manager' });
      outsider = await createUser(t, org, { role: 'sales_manager', departmentId: org.depts.south, name: 'South manager' });
    });

    const search = async (who: U, kind: string, q: string) => {
      const res = await t.http.get(`/api/v1/${kind}`).query({ q }).set(bearer(who.token)).expect(200);
      return { ids: (res.body.data as Row[]).map((r) => r.id), total: res.body.total as number, rows: res.body.data as Row[] };
    };
    const seen = async (who: U, kind: string, id: string) => (await t.http.get(`/api/v1/${kind}/${id}`).set(bearer(who.token))).status;

    it('a department moved under the manager\'s, or created there, is in scope on the next request; others still see nothing', async () => {
      // a team outside the manager's department, its rep's lead and account (2-character Chinese search: the indexed path)
      const team = await created({ id: '', token: org.adminToken }, 'departments', { name: 'Team moved', parentId: org.depts.service });
      const rep = await createUser(t, org, { role: 'sales_rep', departmentId: team.id, name: 'Team rep' });
      const lead = await created(rep, 'leads', { name: '澜沧江贸易', phone: mobile() });
      const account = await created(rep, 'accounts', { name: '澜沧科技' });
      const fetched = await t.http.get(`/api/v1/leads/${lead.id}`).set(bearer(rep.token)).expect(200);
      expect(fetched.body.departmentId).toBe(team.id);
      for (const who of [manager, outsider]) {
        expect([await seen(who, 'leads', lead.id), await seen(who, 'accounts', account.id)]).toEqual([404, 404]);
        expect(await search(who, 'leads', '澜沧')).toMatchObject({ ids: [], total: 0 });
        expect(await search(who, 'accounts', '澜沧')).toMatchObject({ ids: [], total: 0 });
      }

      // moved under East: the manager (same token, logged in before) sees both at once, with the actions of the scope
      await t.http.patch(`/api/v1/departments/${team.id}`).set(bearer(org.adminToken)).send({ parentId: org.depts.east }).expect(200);
      expect([await seen(manager, 'leads', lead.id), await seen(manager, 'accounts', account.id)]).toEqual([200, 200]);
      const leads = await search(manager, 'leads', '澜沧');
      expect(leads).toMatchObject({ ids: [lead.id], total: 1 });
      expect(leads.rows[0].actions).toEqual(expect.arrayContaining(['edit', 'delete']));
      expect(await search(manager, 'accounts', '澜沧')).toMatchObject({ ids: [account.id], total: 1 });
      await t.http.patch(`/api/v1/leads/${lead.id}`).set(bearer(manager.token)).send({ company: '澜沧江贸易有限公司' }).expect(200);
      // the other region's manager still gets 404 and no rows
      expect([await seen(outsider, 'leads', lead.id), await seen(outsider, 'accounts', account.id)]).toEqual([404, 404]);
      expect(await search(outsider, 'leads', '澜沧')).toMatchObject({ ids: [], total: 0 });
      await t.http.patch(`/api/v1/leads/${lead.id}`).set(bearer(outsider.token)).send({ company: 'x' }).expect(404);

      // a department created under a sub-department of East: its rep's lead is in scope at once
      const nested = await created({ id: '', token: org.adminToken }, 'departments', { name: 'Team nested', parentId: team.id });
      const nestedRep = await createUser(t, org, { role: 'sales_rep', departmentId: nested.id, name: 'Nested rep' });
      const nestedLead = await created(nestedRep, 'leads', { name: '澜沧物流', phone: mobile() });
      expect(await seen(manager, 'leads', nestedLead.id)).toBe(200);
      expect((await search(manager, 'leads', '澜沧')).ids.sort()).toEqual([lead.id, nestedLead.id].sort());
      // a page at a time (the matches are sorted from the search's bitmap when the count is exact): newest first
      const first = await t.http.get('/api/v1/leads').query({ q: '澜沧', limit: 1 }).set(bearer(manager.token)).expect(200);
      expect([first.body.data.map((r: Row) => r.id), first.body.total]).toEqual([[nestedLead.id], 2]);
      const second = await t.http.get('/api/v1/leads').query({ q: '澜沧', limit: 1, cursor: first.body.nextCursor }).set(bearer(manager.token)).expect(200);
      expect([second.body.data.map((r: Row) => r.id), second.body.nextCursor]).toEqual([[lead.id], null]);
      expect(await seen(outsider, 'leads', nestedLead.id)).toBe(404);

      // moved back out: out of the manager's scope on the next request, the nested team with it
      await t.http.patch(`/api/v1/departments/${team.id}`).set(bearer(org.adminToken)).send({ parentId: org.depts.service }).expect(200);
      expect([await seen(manager, 'leads', lead.id), await seen(manager, 'leads', nestedLead.id), await seen(manager, 'accounts', account.id)]).toEqual([404, 404, 404]);
      expect(await search(manager, 'leads', '澜沧')).toMatchObject({ ids: [], total: 0 });
      // the reps keep their own
      expect((await search(rep, 'leads', '澜沧')).ids).toEqual([lead.id]);
    });
  });

  describe('restore', () => {
    let owner: U;
    let other: U;
    beforeAll(async () => {
      const modules = ['leads', 'accounts', 'contacts', 'activities', 'tasks'];
      const r = await role(modules.map((module) => ({ module, actions: ALL, scope: 'own' })), ['restore']);
      owner = await createUser(t, org, { role: r, departmentId: org.depts.east, name: 'Owner' });
      other = await createUser(t, org, { role: r, departmentId: org.depts.east, name: 'Other' });
    });

    it('answers 404 for a record outside the restorer\'s scope, for every kind', async () => {
      const lead = await created(owner, 'leads', { name: '删除的线索', phone: mobile() });
      const account = await created(owner, 'accounts', { name: '删除的客户' });
      const contact = await created(owner, 'contacts', { name: '删除的联系人', accountId: account.id });
      const activity = await created(owner, 'activities', { type: 'note', leadId: lead.id, content: '备注' });
      const task = await created(owner, 'tasks', { title: '回访', dueAt: new Date(Date.now() + 86400_000).toISOString() });
      const records: [string, string][] = [
        ['activities', activity.id],
        ['tasks', task.id],
        ['contacts', contact.id],
        ['accounts', account.id],
        ['leads', lead.id],
      ];
      for (const [kind, id] of records) await t.http.delete(`/api/v1/${kind}/${id}`).set(bearer(owner.token)).expect(204);
      for (const [kind, id] of records) {
        const res = await t.http.post(`/api/v1/${kind}/${id}/restore`).set(bearer(other.token));
        expect([kind, res.status, res.body.code]).toEqual([kind, 404, 'NOT_FOUND']);
        await t.http.get(`/api/v1/${kind}/${id}`).set(bearer(owner.token)).expect(404);
      }
      for (const [kind, id] of [...records].reverse()) {
        const res = await t.http.post(`/api/v1/${kind}/${id}/restore`).set(bearer(owner.token));
        expect([kind, res.status]).toEqual([kind, 200]);
        expect(res.body.id).toBe(id);
      }
    });
  });

  describe('audit log', () => {
    let ownA: U;
    let ownB: U;
    let leadReader: U;
    beforeAll(async () => {
      const own = await role([
        { module: 'audit', actions: ['read'], scope: 'own' },
        { module: 'leads', actions: ['read', 'create', 'update'], scope: 'all' },
      ]);
      ownA = await createUser(t, org, { role: own, departmentId: org.depts.east, name: 'Own A' });
      ownB = await createUser(t, org, { role: own, departmentId: org.depts.east, name: 'Own B' });
      const reader = await role([
        { module: 'audit', actions: ['read'], scope: 'all' },
        { module: 'leads', actions: ['read'], scope: 'own' },
        { module: 'activities', actions: ['read'], scope: 'all' },
      ]);
      leadReader = await createUser(t, org, { role: reader, departmentId: org.depts.service, name: 'Lead reader' });
    });

    const entries = async (who: U, query: string) =>
      (await t.http.get(`/api/v1/audit-logs?limit=200&${query}`).set(bearer(who.token)).expect(200)).body as {
        data: { entityId: string; entityType: string; action: string; changes: { field: string; old: unknown; new: unknown }[] }[];
        total: number;
      };

    it('an audit grant with scope own shows only the entries of records the reader owns', async () => {
      const mine = await created(ownA, 'leads', { name: 'A 的线索', phone: mobile() });
      const theirs = await created(ownB, 'leads', { name: 'B 的线索', phone: mobile() });
      expect((await entries(ownA, `entityId=${theirs.id}`)).data).toEqual([]);
      expect((await entries(ownA, `entityId=${mine.id}`)).data.map((e) => e.action)).toEqual(['create']);
      const all = await entries(ownA, 'entityType=lead');
      expect(all.data.map((e) => e.entityId)).toEqual([mine.id]);
      expect(all.total).toBe(1);
      // records of modules the reader cannot read (users, roles, departments) stay hidden too
      expect((await entries(ownA, '')).data.every((e) => e.entityType === 'lead' && e.entityId === mine.id)).toBe(true);
      expect((await entries(ownB, `entityId=${theirs.id}`)).data).toHaveLength(1);
      expect((await entries({ id: '', token: org.adminToken }, `entityId=${theirs.id}`)).data).toHaveLength(1);
    });

    it('an audit grant with scope all still needs the record\'s module grant and scope', async () => {
      const theirs = await created(ownB, 'leads', { name: 'B 的第二条线索', phone: mobile() });
      expect((await entries(leadReader, `entityId=${theirs.id}`)).data).toEqual([]);
      expect((await entries(leadReader, `entityType=user`)).data).toEqual([]);
    });

    it('masks the caller phone of activities for readers without viewSensitive', async () => {
      const admin = { id: '', token: org.adminToken };
      const number = mobile();
      const lead = await created(admin, 'leads', { name: '来电线索', phone: number });
      const call = await created(admin, 'activities', { type: 'call', direction: 'inbound', leadId: lead.id, callerPhone: number, outcome: 'connected' });
      const [entry] = (await entries(leadReader, `entityId=${call.id}`)).data;
      const change = entry.changes.find((c) => c.field === 'callerPhone');
      expect(change?.new).toBe(`${number.slice(0, 3)}****${number.slice(-4)}`);
      const [full] = (await entries(admin, `entityId=${call.id}`)).data;
      expect(full.changes.find((c) => c.field === 'callerPhone')?.new).toBe(`+86${number}`);
    });
  });
});
