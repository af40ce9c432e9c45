import { startApp, TestApp } from './helpers/test-app';
import { bearer, buildOrg, createUser, Org, setOwnersSeeOwnUnmasked } from './helpers/fixtures';

type U = { id: string; token: string };
type Item = { kind: string; id: string; change?: { action: string; changes: { field: string; old: unknown; new: unknown }[] } };

/**
 * Issue 12: a conversion carries the lead's history over to what it became and is one timeline entry;
 * pool members read pooled records before claiming (others get 404); every record says what the reader
 * may do with it now.
 */
describe('conversion carry-over, pool reads and record actions (e2e)', () => {
  let t: TestApp;
  let org: Org;
  let manager: U;
  let rep: U;
  let member: U;
  let outsider: U;
  let poolId: string;
  const DAY = 86_400_000;
  const iso = (ms: number) => new Date(ms).toISOString();
  const ok = async (req: PromiseLike<{ status: number; body: unknown }>, status = 201) => {
    const res = await req;
    if (res.status !== status) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
    return res.body as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  };
  const timeline = async (who: U, path: string) => ((await ok(t.http.get(`/api/v1/${path}/timeline?limit=50`).set(bearer(who.token)), 200)).data as Item[]);

  beforeAll(async () => {
    t = await startApp();
    org = await buildOrg(t);
    manager = await createUser(t, org, { role: 'sales_manager', departmentId: org.depts.sales, name: 'Manager' });
    rep = await createUser(t, org, { role: 'sales_rep', departmentId: org.depts.east, name: 'Rep' });
    member = await createUser(t, org, { role: 'sales_rep', departmentId: org.depts.east, name: 'Member' });
    outsider = await createUser(t, org, { role: 'sales_rep', departmentId: org.depts.south, name: 'Outsider' });
    const pool = await ok(
      t.http.post('/api/v1/pools').set(bearer(org.adminToken)).send({ name: '华东公海', departmentId: org.depts.east, claimLimit: 5, memberIds: [rep.id, member.id] }),
    );
    poolId = pool.id;
  });
  afterAll(() => t.close());

  it('carries the lead\'s call and open tasks to the new contact and account, gives the account the phone, writes one convert entry', async () => {
    const lead = await ok(t.http.post('/api/v1/leads').set(bearer(rep.token)).send({ name: '周明', company: '明辉贸易', phone: '13766660001', source: 'web' }));
    const call = await ok(t.http.post('/api/v1/activities').set(bearer(rep.token)).send({ type: 'call', leadId: lead.id, subject: '首次通话', occurredAt: iso(Date.now() - DAY) }));
    const open = await ok(t.http.post('/api/v1/tasks').set(bearer(rep.token)).send({ title: '发报价', dueAt: iso(Date.now() + DAY), leadId: lead.id }));
    const done = await ok(t.http.post('/api/v1/tasks').set(bearer(rep.token)).send({ title: '已完成', dueAt: iso(Date.now() + DAY), leadId: lead.id }));
    await ok(t.http.patch(`/api/v1/tasks/${done.id}`).set(bearer(rep.token)).send({ status: 'done' }), 200);

    const res = await ok(t.http.post(`/api/v1/leads/${lead.id}/convert`).set(bearer(rep.token)).send({}), 200);
    const { account, contact } = res;
    // the rep owns the new account: with the sales roles' default (owners see their own unmasked) the number is whole
    expect(account.phone).toBe('+8613766660001');
    // the account's last activity follows the call carried over
    expect((await ok(t.http.get(`/api/v1/accounts/${account.id}`).set(bearer(rep.token)), 200)).lastActivityAt).not.toBeNull();

    for (const path of [`accounts/${account.id}`, `contacts/${contact.id}`, `leads/${lead.id}`]) {
      const items = await timeline(rep, path);
      expect(items.filter((i) => i.kind === 'activity').map((i) => i.id)).toContain(call.id);
      const tasks = items.filter((i) => i.kind === 'task').map((i) => i.id);
      expect(tasks).toContain(open.id);
      // a finished task stays with the lead only
      if (!path.startsWith('leads')) expect(tasks).not.toContain(done.id);
    }
    // one change, one entry: the lead's history is `create` then one `convert` with the fields that changed
    const changes = (await timeline(rep, `leads/${lead.id}`)).filter((i) => i.kind === 'change');
    expect(changes.map((c) => c.change!.action)).toEqual(['convert', 'create']);
    expect(changes[0].change!.changes).toEqual(
      expect.arrayContaining([
        { field: 'status', type: 'option', old: 'new', new: 'converted' },
        expect.objectContaining({ field: 'convertedAt', type: 'datetime', old: null }),
        { field: 'convertedAccountId', type: 'reference', ref: 'account', old: null, new: account.id },
        { field: 'convertedContactId', type: 'reference', ref: 'contact', old: null, new: contact.id },
      ]),
    );
    // the converted lead is read-only: no edit, convert, assign or release any more
    const after = await ok(t.http.get(`/api/v1/leads/${lead.id}`).set(bearer(rep.token)), 200);
    expect(after.actions).not.toEqual(expect.arrayContaining(['edit']));
    expect(after.actions.filter((a: string) => ['edit', 'convert', 'release', 'assign', 'claim'].includes(a))).toEqual([]);
  });

  it('types each timeline change and names only the records the reader may read', async () => {
    const mine = await ok(t.http.post('/api/v1/accounts').set(bearer(rep.token)).send({ name: '代表的客户' }));
    const theirs = await ok(t.http.post('/api/v1/accounts').set(bearer(manager.token)).send({ name: '经理的客户' }));
    const contact = await ok(t.http.post('/api/v1/contacts').set(bearer(rep.token)).send({ accountId: mine.id, name: '吴刚' }));
    // the manager moves the rep's contact to an account the rep cannot read
    await ok(t.http.patch(`/api/v1/contacts/${contact.id}`).set(bearer(manager.token)).send({ accountId: theirs.id }), 200);
    const moved = (await timeline(rep, `contacts/${contact.id}`)).find((i) => i.change?.action === 'update')!.change as unknown as {
      changes: unknown[];
      labels: Record<string, string>;
    };
    expect(moved.changes).toEqual([{ field: 'accountId', type: 'reference', ref: 'account', old: mine.id, new: theirs.id }]);
    expect(moved.labels).toEqual({ [mine.id]: '代表的客户' });
    const forManager = (await timeline(manager, `contacts/${contact.id}`)).find((i) => i.change?.action === 'update')!.change as unknown as {
      labels: Record<string, string>;
    };
    expect(forManager.labels).toEqual({ [mine.id]: '代表的客户', [theirs.id]: '经理的客户' });
    // owners and departments are named; the creation's times are typed for the reader's zone
    const created = (await timeline(rep, `contacts/${contact.id}`)).find((i) => i.change?.action === 'create')!.change as unknown as {
      changes: { field: string; type: string; ref?: string }[];
      labels: Record<string, string>;
    };
    expect(created.changes.find((c) => c.field === 'ownerId')).toMatchObject({ type: 'reference', ref: 'user' });
    expect(Object.values(created.labels)).toEqual(expect.arrayContaining(['Rep', '代表的客户']));
  });

  it('lets an admin turn "owners see their own records unmasked" off per role', async () => {
    const lead = await ok(t.http.post('/api/v1/leads').set(bearer(rep.token)).send({ name: '郑华', phone: '13766660005', email: 'zheng.hua@example.com' }));
    expect(lead).toMatchObject({ phone: '+8613766660005', email: 'zheng.hua@example.com', masked: false });
    // on by default for both sales roles (the migration and the built-in definitions)
    const roles = (await ok(t.http.get('/api/v1/roles?limit=200').set(bearer(org.adminToken)), 200)).data as { key: string; specialPermissions: string[] }[];
    expect(roles.filter((r) => ['sales_rep', 'sales_manager'].includes(r.key)).every((r) => r.specialPermissions.includes('viewOwnSensitive'))).toBe(true);

    await setOwnersSeeOwnUnmasked(t, org, 'sales_rep', false);
    const masked = await ok(t.http.get(`/api/v1/leads/${lead.id}`).set(bearer(rep.token)), 200);
    expect(masked).toMatchObject({ phone: '137****0005', email: 'z***@example.com', masked: true });
    expect(masked.actions).toContain('reveal');
    await setOwnersSeeOwnUnmasked(t, org, 'sales_rep', true);
    expect((await ok(t.http.get(`/api/v1/leads/${lead.id}`).set(bearer(rep.token)), 200)).masked).toBe(false);
  });

  it('leaves the account\'s phone empty when told to', async () => {
    const lead = await ok(t.http.post('/api/v1/leads').set(bearer(rep.token)).send({ name: '孙丽', company: '丽华科技', phone: '13766660002' }));
    const res = await ok(t.http.post(`/api/v1/leads/${lead.id}/convert`).set(bearer(rep.token)).send({ copyPhoneToAccount: false }), 200);
    expect(res.account.phone).toBeNull();
    expect(res.contact.mobile).toBe('+8613766660002');
  });

  it('lets pool members open a pooled lead or account masked before claiming; others get 404', async () => {
    for (const path of ['leads', 'accounts']) {
      const r = await ok(t.http.post(`/api/v1/${path}`).set(bearer(rep.token)).send({ name: `公海${path}`, phone: path === 'leads' ? '13766660003' : '13766660004' }));
      expect(r.actions).toEqual(expect.arrayContaining(['edit', 'release']));
      // the owner sees it unmasked (sales roles' default), so there is nothing to reveal
      expect(r).toMatchObject({ masked: false, phone: path === 'leads' ? '+8613766660003' : '+8613766660004' });
      expect(r.actions).not.toContain('reveal');
      // a rep (scope own) could only assign to themself: the action is not offered
      expect(r.actions).not.toContain('assign');
      const released = await ok(t.http.post(`/api/v1/${path}/${r.id}/release`).set(bearer(rep.token)).send({ reason: '暂无需求', poolId }), 200);
      expect(released.actions).toEqual(['claim']);

      const seen = await ok(t.http.get(`/api/v1/${path}/${r.id}`).set(bearer(member.token)), 200);
      expect(seen).toMatchObject({ id: r.id, ownerId: null, poolId, masked: true, actions: ['claim'] });
      expect(seen.phone).toMatch(/^137\*\*\*\*000[34]$/);
      await ok(t.http.get(`/api/v1/${path}/${r.id}/timeline`).set(bearer(member.token)), 200);
      // reading is not changing: a member still cannot edit it before claiming
      await ok(t.http.patch(`/api/v1/${path}/${r.id}`).set(bearer(member.token)).send({ name: 'x' }), 404);

      await ok(t.http.get(`/api/v1/${path}/${r.id}`).set(bearer(outsider.token)), 404);
      await ok(t.http.get(`/api/v1/${path}/${r.id}/timeline`).set(bearer(outsider.token)), 404);

      const claimed = await ok(t.http.post(`/api/v1/${path}/${r.id}/claim`).set(bearer(member.token)), 200);
      expect(claimed.actions).toEqual(expect.arrayContaining(['edit', 'release']));
      expect(claimed.masked).toBe(false);
      expect(claimed.actions).not.toContain('claim');
      // the manager (department scope) may hand it to someone else
      const byManager = await ok(t.http.get(`/api/v1/${path}/${r.id}`).set(bearer(manager.token)), 200);
      expect(byManager.actions).toEqual(expect.arrayContaining(['edit', 'assign', 'release']));
      // once claimed by someone else it is out of the first rep's scope again
      await ok(t.http.get(`/api/v1/${path}/${r.id}`).set(bearer(rep.token)), 404);
    }
  });
});
