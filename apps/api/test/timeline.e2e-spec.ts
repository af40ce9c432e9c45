import { startApp, TestApp } from './helpers/test-app';
import { bearer, buildOrg, createUser, Org } from './helpers/fixtures';

type U = { id: string; token: string };
type Item = {
  kind: 'activity' | 'task' | 'change';
  at: string;
  id: string;
  activity?: { subject: string };
  task?: { title: string };
  change?: { action: string; actorName: string; changes: { field: string; old: unknown; new: unknown }[]; labels: Record<string, string> };
};

const DAY = 86400_000;

/** Timelines: activities, tasks and audited changes merged newest first, keyset pages, scope and masking. */
describe('timeline (e2e)', () => {
  let t: TestApp;
  let org: Org;
  let manager: U;
  let repEast: U;
  let repSouth: U;
  let finance: U;

  const iso = (ms: number) => new Date(ms).toISOString();
  const ok = async (req: ReturnType<TestApp['http']['get']>, status = 201) => {
    const res = await req;
    if (res.status !== status) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const timeline = async (who: U, path: string, query = '') =>
    (await t.http.get(`/api/v1/${path}/timeline${query}`).set(bearer(who.token)).expect(200)).body as { data: Item[]; nextCursor: string | null };
  const allPages = async (who: U, path: string, limit: number) => {
    const items: Item[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await timeline(who, path, `?limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.data.length).toBeLessThanOrEqual(limit);
      items.push(...page.data);
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor && pages < 50);
    return items;
  };
  const newestFirst = (items: Item[]) =>
    items.every((x, i) => i === 0 || Date.parse(items[i - 1].at) > Date.parse(x.at) || (items[i - 1].at === x.at && items[i - 1].id > x.id));

  beforeAll(async () => {
    t = await startApp();
    org = await buildOrg(t);
    manager = await createUser(t, org, { role: 'sales_manager', departmentId: org.depts.sales, name: 'Manager' });
    repEast = await createUser(t, org, { role: 'sales_rep', departmentId: org.depts.east, name: 'Rep East' });
    repSouth = await createUser(t, org, { role: 'sales_rep', departmentId: org.depts.south, name: 'Rep South' });
    finance = await createUser(t, org, { role: 'finance', departmentId: org.depts.service, name: 'Finance' });
  });
  afterAll(() => t.close());

  it("merges a lead's activities, tasks and audited changes newest first, pages without gaps, masks phones", async () => {
    const rep = bearer(repEast.token);
    const lead = await ok(t.http.post('/api/v1/leads').set(rep).send({ name: '时间线线索', phone: '139 1111 2222', source: 'web' }));
    const now = Date.now();
    const a1 = await ok(t.http.post('/api/v1/activities').set(rep).send({ type: 'call', leadId: lead.id, subject: '三天前的电话', occurredAt: iso(now - 3 * DAY) }));
    const a2 = await ok(t.http.post('/api/v1/activities').set(rep).send({ type: 'note', leadId: lead.id, subject: '昨天的备注', occurredAt: iso(now - DAY) }));
    const task = await ok(t.http.post('/api/v1/tasks').set(rep).send({ title: '时间线任务', dueAt: iso(now + DAY), leadId: lead.id }));
    await ok(t.http.patch(`/api/v1/leads/${lead.id}`).set(rep).send({ phone: '139 3333 4444', email: 'lead@example.com' }), 200);
    const a3 = await ok(t.http.post('/api/v1/activities').set(rep).send({ type: 'email', leadId: lead.id, subject: '一小时后的邮件', occurredAt: iso(now + 3600_000) }));
    // not in this lead's timeline: another lead's activity and a deleted one
    const other = await ok(t.http.post('/api/v1/leads').set(rep).send({ name: '别的线索' }));
    await ok(t.http.post('/api/v1/activities').set(rep).send({ type: 'note', leadId: other.id, subject: '别的' }));
    const gone = await ok(t.http.post('/api/v1/activities').set(rep).send({ type: 'note', leadId: lead.id, subject: '删掉的' }));
    await t.http.delete(`/api/v1/activities/${gone.id}`).set(bearer(manager.token)).expect(204);

    const full = await timeline(repEast, `leads/${lead.id}`, '?limit=100');
    expect(full.nextCursor).toBeNull();
    expect(newestFirst(full.data)).toBe(true);
    const kinds = full.data.map((i) => (i.kind === 'change' ? `change:${i.change!.action}` : `${i.kind}:${i.activity?.subject ?? i.task?.title}`));
    // the update is audited; the activities' follow-ups (last activity time, score) are not changes
    expect(kinds).toEqual([
      'activity:一小时后的邮件',
      'change:update',
      'task:时间线任务',
      'change:create',
      'activity:昨天的备注',
      'activity:三天前的电话',
    ]);
    expect(full.data[0]).toMatchObject({ id: a3.id, at: a3.occurredAt });
    expect(full.data.find((i) => i.id === a2.id)?.at).toBe(a2.occurredAt);
    expect(full.data.find((i) => i.id === a1.id)).toBeDefined();
    expect(full.data.find((i) => i.id === task.id)?.task).toMatchObject({ leadId: lead.id, status: 'open' });

    const update = full.data.find((i) => i.change?.action === 'update')!.change!;
    expect(update.actorName).toBe('Rep East');
    expect(update.changes).toEqual(
      expect.arrayContaining([
        { field: 'phone', type: 'text', old: '139****2222', new: '139****4444' },
        { field: 'email', type: 'text', old: null, new: 'l***@example.com' },
      ]),
    );
    const forManager = await timeline(manager, `leads/${lead.id}`, '?limit=100');
    expect(forManager.data.find((i) => i.change?.action === 'update')!.change!.changes).toEqual(
      expect.arrayContaining([{ field: 'phone', type: 'text', old: '+8613911112222', new: '+8613933334444' }]),
    );

    for (const limit of [1, 2, 4]) {
      expect((await allPages(repEast, `leads/${lead.id}`, limit)).map((i) => i.id)).toEqual(full.data.map((i) => i.id));
    }
  });

  it("includes an account's contacts' activities and tasks, and nothing of other records", async () => {
    const rep = bearer(repEast.token);
    const accountA = await ok(t.http.post('/api/v1/accounts').set(rep).send({ name: '时间线甲公司' }));
    const accountB = await ok(t.http.post('/api/v1/accounts').set(rep).send({ name: '时间线乙公司' }));
    const contact = await ok(t.http.post('/api/v1/contacts').set(rep).send({ accountId: accountA.id, name: '张三', mobile: '137 1111 0000' }));
    const onContact = await ok(t.http.post('/api/v1/activities').set(rep).send({ type: 'call', contactId: contact.id, subject: '联系人电话' }));
    const onAccount = await ok(t.http.post('/api/v1/activities').set(rep).send({ type: 'visit', accountId: accountA.id, subject: '拜访甲公司' }));
    const taskOnContact = await ok(t.http.post('/api/v1/tasks').set(rep).send({ title: '联系人任务', dueAt: iso(Date.now() + DAY), contactId: contact.id }));
    // the contact moves to account B: B's timeline shows its past activity too
    await ok(t.http.patch(`/api/v1/contacts/${contact.id}`).set(rep).send({ accountId: accountB.id }), 200);

    const a = await timeline(repEast, `accounts/${accountA.id}`, '?limit=50');
    const ids = a.data.map((i) => i.id);
    expect(ids).toEqual(expect.arrayContaining([onContact.id, onAccount.id, taskOnContact.id]));
    expect(a.data.filter((i) => i.kind === 'change').map((i) => i.change!.action)).toEqual(['create']);
    const b = await timeline(repEast, `accounts/${accountB.id}`, '?limit=50');
    expect(b.data.map((i) => i.id)).toEqual(expect.arrayContaining([onContact.id, taskOnContact.id]));
    expect(b.data.map((i) => i.id)).not.toContain(onAccount.id);
    const c = await timeline(repEast, `contacts/${contact.id}`, '?limit=50');
    expect(c.data.map((i) => i.kind)).toEqual(['change', 'task', 'activity', 'change']);
    expect(c.data[0].change!.changes).toEqual([{ field: 'accountId', type: 'reference', ref: 'account', old: accountA.id, new: accountB.id }]);
    expect(c.data[0].change!.labels).toEqual({ [accountA.id]: accountA.name, [accountB.id]: accountB.name });
    expect(c.data[3].change!.changes).toEqual(expect.arrayContaining([{ field: 'mobile', type: 'text', old: null, new: '137****0000' }]));

    // finance reads accounts but has no activities or tasks: only the changes
    const f = await timeline(finance, `accounts/${accountA.id}`, '?limit=50');
    expect(f.data.map((i) => i.kind)).toEqual(['change']);
  });

  it('is a 404 for records out of scope or unknown, a 400 for a bad cursor or limit', async () => {
    const lead = await ok(t.http.post('/api/v1/leads').set(bearer(repEast.token)).send({ name: '东部线索' }));
    await t.http.get(`/api/v1/leads/${lead.id}/timeline`).set(bearer(repSouth.token)).expect(404);
    await t.http.get(`/api/v1/leads/00000000-0000-4000-8000-000000000000/timeline`).set(bearer(repEast.token)).expect(404);
    await t.http.get(`/api/v1/contacts/${lead.id}/timeline`).set(bearer(repEast.token)).expect(404);
    await t.http.get(`/api/v1/leads/not-a-uuid/timeline`).set(bearer(repEast.token)).expect(400);
    const bad = await t.http.get(`/api/v1/leads/${lead.id}/timeline?cursor=nope`).set(bearer(repEast.token)).expect(400);
    expect(bad.body.code).toBe('INVALID_CURSOR');
    await t.http.get(`/api/v1/leads/${lead.id}/timeline?limit=101`).set(bearer(repEast.token)).expect(400);
    await t.http.get(`/api/v1/accounts/${lead.id}/timeline`).set(bearer(finance.token)).expect(404);
    await t.http.get(`/api/v1/leads/${lead.id}/timeline`).set(bearer(finance.token)).expect(403);
  });
});
