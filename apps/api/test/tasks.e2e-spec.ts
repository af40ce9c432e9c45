import { JobsService } from '@core/jobs/jobs.service';
import { startApp, TestApp } from './helpers/test-app';
import { bearer, buildOrg, createUser, Org } from './helpers/fixtures';

type U = { id: string; token: string };
type Task = { id: string; title: string };

const HOUR = 3600_000;
const DAY = 24 * HOUR;
/** Start of tomorrow in Asia/Shanghai (UTC+8 all year), the default business time zone. */
function shanghaiTomorrow(now: number): number {
  const offset = 8 * HOUR;
  return Math.floor((now + offset) / DAY) * DAY + DAY - offset;
}

/** Tasks: CRUD and assignee scope, my-tasks buckets, the reminder job, the calendar. */
describe('tasks (e2e)', () => {
  let t: TestApp;
  let org: Org;
  let admin: Record<string, string>;
  let manager: U;
  let repEast: U;
  let repSouth: U;
  let agent: U;

  const iso = (ms: number) => new Date(ms).toISOString();
  const create = async (who: U, body: Record<string, unknown>, status = 201) => {
    const res = await t.http.post('/api/v1/tasks').set(bearer(who.token)).send({ title: '回访客户', dueAt: iso(Date.now() + DAY), ...body });
    if (res.status !== status) throw new Error(`create task: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const notifications = async (who: U) =>
    (await t.http.get('/api/v1/notifications?limit=200').set(bearer(who.token)).expect(200)).body.data as { kind: string; entityId: string; title: string }[];

  beforeAll(async () => {
    t = await startApp();
    org = await buildOrg(t);
    admin = bearer(org.adminToken);
    manager = await createUser(t, org, { role: 'sales_manager', departmentId: org.depts.sales, name: 'Manager' });
    repEast = await createUser(t, org, { role: 'sales_rep', departmentId: org.depts.east, name: 'Rep East' });
    repSouth = await createUser(t, org, { role: 'sales_rep', departmentId: org.depts.south, name: 'Rep South' });
    agent = await createUser(t, org, { role: 'service_agent', departmentId: org.depts.service, name: 'Agent' });
  });
  afterAll(() => t.close());

  it('buckets my open tasks into overdue, today and upcoming (business time zone), sorted, capped, counted', async () => {
    const now = Date.now();
    const tomorrow = shanghaiTomorrow(now);
    const overdueOld = await create(repSouth, { title: '三天前到期', dueAt: iso(now - 3 * DAY) });
    const overdue = await create(repSouth, { title: '两小时前到期', dueAt: iso(now - 2 * HOUR), status: 'in_progress' });
    const today = await create(repSouth, { title: '今天到期', dueAt: iso(now + (tomorrow - now) / 2) });
    const upcomingLate = await create(repSouth, { title: '六天后', dueAt: iso(tomorrow + 6 * DAY) });
    const upcoming = await create(repSouth, { title: '明天', dueAt: iso(tomorrow + HOUR) });
    await create(repSouth, { title: '太远了', dueAt: iso(tomorrow + 8 * DAY) });
    await create(repSouth, { title: '已完成', dueAt: iso(now - DAY), status: 'done' });
    await create(repSouth, { title: '已取消', dueAt: iso(now + HOUR), status: 'cancelled' });
    await create(manager, { title: '别人的', dueAt: iso(now - HOUR), assigneeId: repEast.id });

    const my = await t.http.get('/api/v1/tasks/my').set(bearer(repSouth.token)).expect(200);
    const titles = (ts: Task[]) => ts.map((x) => x.id);
    expect(titles(my.body.overdue)).toEqual([overdueOld.id, overdue.id]);
    expect(titles(my.body.today)).toEqual([today.id]);
    expect(titles(my.body.upcoming)).toEqual([upcoming.id, upcomingLate.id]);
    expect(my.body.counts).toEqual({ overdue: 2, today: 1, upcoming: 2 });
    expect(my.body.timezone).toBe('Asia/Shanghai');
    expect(my.body.overdue[0]).toMatchObject({ overdue: true, assigneeId: repSouth.id, assigneeName: 'Rep South', status: 'open' });
    expect(my.body.today[0].overdue).toBe(false);

    const capped = await t.http.get('/api/v1/tasks/my?limit=1').set(bearer(repSouth.token)).expect(200);
    expect([capped.body.overdue.length, capped.body.upcoming.length]).toEqual([1, 1]);
    expect(capped.body.counts).toEqual({ overdue: 2, today: 1, upcoming: 2 });
    await t.http.get('/api/v1/tasks/my?limit=0').set(bearer(repSouth.token)).expect(400);
  });

  it('filters on several statuses (the tasks page shows open and in progress); an overdue urgent in-progress task is in my tasks', async () => {
    const now = Date.now();
    const who = await createUser(t, org, { role: 'sales_rep', departmentId: org.depts.east, name: 'Rep Status' });
    const urgent = await create(who, { title: '紧急进行中', dueAt: iso(now - 5 * HOUR), status: 'in_progress', priority: 'urgent' });
    const open = await create(who, { title: '待办', dueAt: iso(now + DAY) });
    await create(who, { title: '做完了', dueAt: iso(now - DAY), status: 'done' });
    await create(who, { title: '取消了', dueAt: iso(now - DAY), status: 'cancelled' });

    const todo = await t.http.get('/api/v1/tasks?status=open,in_progress').set(bearer(who.token)).expect(200);
    expect(todo.body.data.map((x: Task) => x.id)).toEqual([urgent.id, open.id]);
    expect(todo.body.total).toBe(2);
    expect(todo.body.data[0]).toMatchObject({ status: 'in_progress', priority: 'urgent', overdue: true });
    const one = await t.http.get('/api/v1/tasks?status=done').set(bearer(who.token)).expect(200);
    expect(one.body.data.map((x: Task) => x.title)).toEqual(['做完了']);
    const all = await t.http.get('/api/v1/tasks').set(bearer(who.token)).expect(200);
    expect(all.body.total).toBe(4);

    const my = await t.http.get('/api/v1/tasks/my').set(bearer(who.token)).expect(200);
    expect(my.body.overdue.map((x: Task) => x.id)).toEqual([urgent.id]);

    const bad = await t.http.get('/api/v1/tasks?status=open,later').set(bearer(who.token)).expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['status']);
  });

  it('assigns within the scope, notifies the assignee, and applies the scope to reads', async () => {
    const mine = await create(repEast, { title: '自己的任务' });
    expect(mine).toMatchObject({ assigneeId: repEast.id, departmentId: org.depts.east, createdById: repEast.id, priority: 'normal', status: 'open' });
    const forbidden = await create(repEast, { assigneeId: repSouth.id }, 403);
    expect(forbidden.code).toBe('OWNER_OUT_OF_SCOPE');
    await create(manager, { assigneeId: agent.id }, 403);
    const given = await create(manager, { title: '经理分配的任务', assigneeId: repEast.id, priority: 'urgent' });
    expect(given).toMatchObject({ assigneeId: repEast.id, departmentId: org.depts.east, createdById: manager.id, createdByName: 'Manager', priority: 'urgent' });
    expect((await notifications(repEast)).find((n) => n.entityId === given.id)).toMatchObject({ kind: 'task.assigned' });

    const southTask = await create(repSouth, { title: '南方任务' });
    await t.http.get(`/api/v1/tasks/${southTask.id}`).set(bearer(repEast.token)).expect(404);
    await t.http.patch(`/api/v1/tasks/${southTask.id}`).set(bearer(repEast.token)).send({ title: 'x' }).expect(404);
    const list = await t.http.get('/api/v1/tasks?limit=200').set(bearer(repEast.token)).expect(200);
    expect(list.body.data.every((x: { assigneeId: string }) => x.assigneeId === repEast.id)).toBe(true);
    const managerList = await t.http.get(`/api/v1/tasks?limit=200&q=任务&sort=-createdAt`).set(bearer(manager.token)).expect(200);
    expect(managerList.body.data.map((x: Task) => x.id)).toEqual(expect.arrayContaining([southTask.id, given.id, mine.id]));

    // related records: readable ones only; a contact brings its account
    const account = await t.http.post('/api/v1/accounts').set(bearer(repEast.token)).send({ name: '上海任务科技有限公司' }).expect(201);
    const contact = await t.http.post('/api/v1/contacts').set(bearer(repEast.token)).send({ accountId: account.body.id, name: '陈静' }).expect(201);
    const southAccount = await t.http.post('/api/v1/accounts').set(bearer(repSouth.token)).send({ name: '深圳任务贸易有限公司' }).expect(201);
    const onContact = await create(repEast, { contactId: contact.body.id });
    expect(onContact).toMatchObject({ contactId: contact.body.id, contactName: '陈静', accountId: account.body.id, accountName: '上海任务科技有限公司' });
    await create(repEast, { accountId: southAccount.body.id }, 404);
    const byAccount = await t.http.get(`/api/v1/tasks?accountId=${account.body.id}`).set(bearer(repEast.token)).expect(200);
    expect(byAccount.body.data.map((x: Task) => x.id)).toEqual([onContact.id]);
  });

  it('completes, reopens, validates and locks optimistically', async () => {
    const task = await create(repEast, { title: '待完成', remindAt: iso(Date.now() + HOUR) });
    const done = await t.http.patch(`/api/v1/tasks/${task.id}`).set(bearer(repEast.token)).send({ status: 'done' }).expect(200);
    expect(done.body).toMatchObject({ status: 'done', version: 2, overdue: false });
    expect(new Date(done.body.completedAt).getTime()).toBeGreaterThan(Date.now() - 60_000);
    const reopened = await t.http.patch(`/api/v1/tasks/${task.id}`).set(bearer(repEast.token)).set('If-Match', '"2"').send({ status: 'open' }).expect(200);
    expect(reopened.body).toMatchObject({ status: 'open', completedAt: null, version: 3 });
    const stale = await t.http.patch(`/api/v1/tasks/${task.id}`).set(bearer(repEast.token)).send({ title: 'x', version: 1 }).expect(412);
    expect(stale.body.code).toBe('STALE_VERSION');
    const bad = await t.http.post('/api/v1/tasks').set(bearer(repEast.token)).send({ title: '', priority: 'asap', status: 'later', dueAt: 'soon' }).expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['title', 'priority', 'status', 'dueAt']));
    await t.http.patch(`/api/v1/tasks/${task.id}`).set(bearer(repEast.token)).send({ dueAt: null }).expect(400);
    await t.http.patch(`/api/v1/tasks/${task.id}`).set(bearer(repEast.token)).send({ leadId: task.id }).expect(400);
    await t.http.delete(`/api/v1/tasks/${task.id}`).set(bearer(manager.token)).expect(204);
    await t.http.get(`/api/v1/tasks/${task.id}`).set(bearer(repEast.token)).expect(404);
    await t.http.post(`/api/v1/tasks/${task.id}/restore`).set(admin).expect(200);
    await t.http.get(`/api/v1/tasks/${task.id}`).set(bearer(repEast.token)).expect(200);
  });

  it('sends each due reminder once through the reminder job, again after remindAt changes', async () => {
    const jobs = t.app.get(JobsService);
    const due = await create(repSouth, { title: '提醒我', remindAt: iso(Date.now() - 60_000) });
    const later = await create(repSouth, { title: '以后提醒', remindAt: iso(Date.now() + HOUR) });
    const finished = await create(repSouth, { title: '已完成不提醒', remindAt: iso(Date.now() - 60_000), status: 'done' });
    await jobs.runNow('tasks.remind');
    await jobs.runNow('tasks.remind');
    const reminders = (await notifications(repSouth)).filter((n) => n.kind === 'task.reminder');
    expect(reminders.filter((n) => n.entityId === due.id)).toHaveLength(1);
    expect(reminders[0].title).toContain('提醒我');
    expect(reminders.some((n) => n.entityId === later.id || n.entityId === finished.id)).toBe(false);
    const after = await t.http.get(`/api/v1/tasks/${due.id}`).set(bearer(repSouth.token)).expect(200);
    expect(after.body.remindedAt).not.toBeNull();
    expect(after.body.version).toBe(1);

    await t.http.patch(`/api/v1/tasks/${due.id}`).set(bearer(repSouth.token)).send({ remindAt: iso(Date.now() - 1000) }).expect(200);
    await jobs.runNow('tasks.remind');
    expect((await notifications(repSouth)).filter((n) => n.kind === 'task.reminder' && n.entityId === due.id)).toHaveLength(2);
  });

  it('shows tasks due and visits planned in a calendar range, for me or a user in my scope', async () => {
    const base = Date.parse('2030-05-01T00:00:00.000Z');
    const account = await t.http.post('/api/v1/accounts').set(bearer(repEast.token)).send({ name: '日历测试有限公司' }).expect(201);
    const task1 = await create(repEast, { title: '日历任务', dueAt: iso(base + 2 * DAY) });
    await create(repEast, { title: '范围外', dueAt: iso(base + 40 * DAY) });
    await create(repEast, { title: '取消的', dueAt: iso(base + 3 * DAY), status: 'cancelled' });
    const visit = await t.http
      .post('/api/v1/activities')
      .set(bearer(repEast.token))
      .send({ type: 'visit', accountId: account.body.id, plannedAt: iso(base + DAY), location: '上海' })
      .expect(201);
    await t.http.post('/api/v1/activities').set(bearer(repEast.token)).send({ type: 'meeting', accountId: account.body.id, plannedAt: iso(base + 4 * DAY), status: 'cancelled' }).expect(201);
    await t.http.post('/api/v1/activities').set(bearer(repEast.token)).send({ type: 'call', accountId: account.body.id, occurredAt: iso(base + DAY) }).expect(201);

    const range = `from=${iso(base)}&to=${iso(base + 30 * DAY)}`;
    const mine = await t.http.get(`/api/v1/calendar?${range}`).set(bearer(repEast.token)).expect(200);
    expect(mine.body.userId).toBe(repEast.id);
    expect(mine.body.data.map((i: { kind: string; id: string }) => [i.kind, i.id])).toEqual([
      ['activity', visit.body.id],
      ['task', task1.id],
    ]);
    expect(mine.body.data[0]).toMatchObject({ at: iso(base + DAY), activity: { type: 'visit', status: 'planned', location: '上海' } });

    const theirs = await t.http.get(`/api/v1/calendar?${range}&userId=${repEast.id}`).set(bearer(manager.token)).expect(200);
    expect(theirs.body.data).toHaveLength(2);
    await t.http.get(`/api/v1/calendar?${range}&userId=${manager.id}`).set(bearer(repEast.token)).expect(403);
    await t.http.get(`/api/v1/calendar?from=${iso(base)}&to=${iso(base + 100 * DAY)}`).set(bearer(repEast.token)).expect(400);
    await t.http.get(`/api/v1/calendar?from=${iso(base)}&to=${iso(base - DAY)}`).set(bearer(repEast.token)).expect(400);
    await t.http.get(`/api/v1/calendar?from=${iso(base)}`).set(bearer(repEast.token)).expect(400);
  });
});
