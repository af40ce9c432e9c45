import { DataSource } from 'typeorm';
import { AccessService } from '../src/core/access/access.service';
import { ProjectRecords } from '../src/modules/projects/project-records';
import { startApp, TestApp } from './helpers/test-app';
import { bearer, buildOrg, createUser, Org } from './helpers/fixtures';

type U = { id: string; token: string };
type Progress = { tasksDone: number; tasksTotal: number; milestonesDone: number; milestonesTotal: number; percent: number };
type Project = {
  id: string;
  number: string;
  name: string;
  status: string;
  version: number;
  ownerId: string;
  accountId: string | null;
  contractId: string | null;
  members: { id: string; name: string | null }[];
  milestones: { id: string; name: string; done: boolean; position: number }[];
  progress: Progress;
  actions: string[];
};

/** Projects (issue 22): CRUD, member scope, progress from tasks, milestones, timeline, 400/404/412/422, concurrency. */
describe('projects (e2e)', () => {
  let t: TestApp;
  let org: Org;
  let admin: Record<string, string>;
  let rep1: U;
  let rep2: U;
  let outsider: U;
  let manager: U;
  let account1: string;
  let account2: string;
  let contract1: string;

  const post = (u: U | Record<string, string>, url: string, body: object) => t.http.post(url).set('token' in u ? bearer((u as U).token) : u).send(body);
  const get = (u: U, url: string) => t.http.get(url).set(bearer(u.token));
  const patch = (u: U, url: string, body: object) => t.http.patch(url).set(bearer(u.token)).send(body);
  const task = (u: U, projectId: string, title: string) =>
    post(u, '/api/v1/tasks', { title, dueAt: new Date(Date.now() + 86400000).toISOString(), projectId }).expect(201).then((r) => r.body as { id: string; version: number; projectId: string });

  beforeAll(async () => {
    t = await startApp();
    org = await buildOrg(t);
    admin = bearer(org.adminToken);
    rep1 = await createUser(t, org, { role: 'sales_rep', departmentId: org.depts.east, name: '项目经理一' });
    rep2 = await createUser(t, org, { role: 'sales_rep', departmentId: org.depts.east, name: '项目成员二' });
    outsider = await createUser(t, org, { role: 'sales_rep', departmentId: org.depts.south, name: '局外人' });
    manager = await createUser(t, org, { role: 'sales_manager', departmentId: org.depts.east, name: '华东经理' });
    account1 = (await post(rep1, '/api/v1/accounts', { name: '上海云启科技有限公司' }).expect(201)).body.id;
    account2 = (await post(outsider, '/api/v1/accounts', { name: '深圳海纳百川贸易有限公司' }).expect(201)).body.id;
    contract1 = (await post(rep1, '/api/v1/contracts', { accountId: account1, title: '年度服务合同', amount: '12000.00' }).expect(201)).body.id;
  }, 60000);

  afterAll(async () => {
    await t?.close();
  });

  it('creates, reads, lists, updates and deletes a project; the contract brings its account; audit and 412', async () => {
    const created = (await post(rep1, '/api/v1/projects', { name: '云启 CRM 实施', contractId: contract1, startDate: '2026-12-01', endDate: '2027-03-31', memberIds: [rep2.id] }).expect(201))
      .body as Project;
    expect(created).toMatchObject({ name: '云启 CRM 实施', status: 'planning', accountId: account1, contractId: contract1, version: 1 });
    expect(created.number).toMatch(/^PRJ\d{6}-\d{4}$/);
    expect(created.members).toEqual([{ id: rep2.id, name: '项目成员二' }]);
    expect(created.progress).toEqual({ tasksDone: 0, tasksTotal: 0, milestonesDone: 0, milestonesTotal: 0, percent: 0 });
    expect(created.actions).toEqual(expect.arrayContaining(['edit']));

    const got = (await get(rep1, `/api/v1/projects/${created.id}`).expect(200)).body as Project & { accountName: string; contractName: string };
    expect(got).toMatchObject({ accountName: '上海云启科技有限公司', contractName: '年度服务合同' });

    const list = (await get(rep1, `/api/v1/projects?accountId=${account1}`).expect(200)).body;
    expect(list.data.map((p: Project) => p.id)).toEqual([created.id]);
    expect((await get(rep1, `/api/v1/projects?contractId=${contract1}&status=planning`).expect(200)).body.total).toBe(1);
    expect((await get(rep1, `/api/v1/projects?status=active`).expect(200)).body.total).toBe(0);
    expect((await get(rep1, `/api/v1/projects?q=${encodeURIComponent('crm 实施')}`).expect(200)).body.total).toBe(1);
    expect((await get(rep1, `/api/v1/projects?memberId=${rep2.id}&sort=-endDate`).expect(200)).body.total).toBe(1);

    const updated = (await patch(rep1, `/api/v1/projects/${created.id}`, { status: 'active', version: 1 }).expect(200)).body as Project;
    expect(updated).toMatchObject({ status: 'active', version: 2 });
    // a stale version: 412 with the current one
    const stale = await patch(rep1, `/api/v1/projects/${created.id}`, { status: 'on_hold', version: 1 }).expect(412);
    expect(stale.body).toMatchObject({ code: 'STALE_VERSION', currentVersion: 2 });
    await t.http.patch(`/api/v1/projects/${created.id}`).set(bearer(rep1.token)).set('If-Match', 'W/"1"').send({ status: 'on_hold' }).expect(412);

    // the history names the status change
    const history = (await t.http.get(`/api/v1/audit-logs?entityType=project&entityId=${created.id}`).set(admin).expect(200)).body.data as { action: string; changes: { field: string; old: unknown; new: unknown }[] }[];
    expect(history.map((h) => h.action)).toEqual(expect.arrayContaining(['create', 'update']));
    expect(history.find((h) => h.action === 'update')!.changes).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'status', old: 'planning', new: 'active' })]));

    // reps may not delete (no delete grant); the manager above them may, with a stale version refused
    await t.http.delete(`/api/v1/projects/${created.id}`).set(bearer(rep1.token)).expect(403);
    await t.http.delete(`/api/v1/projects/${created.id}`).set(bearer(manager.token)).set('If-Match', 'W/"1"').expect(412);
    await t.http.delete(`/api/v1/projects/${created.id}`).set(bearer(manager.token)).set('If-Match', 'W/"2"').expect(204);
    await get(rep1, `/api/v1/projects/${created.id}`).expect(404);
    expect((await get(rep1, `/api/v1/projects?accountId=${account1}`).expect(200)).body.total).toBe(0);
  }, 60000);

  it('members see the project; a rep outside the scope gets 404 and an empty list; the manager sees the department', async () => {
    const p = (await post(rep1, '/api/v1/projects', { name: '成员可见项目', accountId: account1, memberIds: [rep2.id] }).expect(201)).body as Project;
    // rep2 is a member (own scope, not the owner): reads, lists, edits
    expect((await get(rep2, `/api/v1/projects/${p.id}`).expect(200)).body.name).toBe('成员可见项目');
    expect((await get(rep2, '/api/v1/projects').expect(200)).body.data.map((x: Project) => x.id)).toContain(p.id);
    const byMember = (await patch(rep2, `/api/v1/projects/${p.id}`, { description: '成员补充说明', version: p.version }).expect(200)).body as Project;
    expect(byMember.version).toBe(p.version + 1);
    // a member only: no delete/assign offered, and no taking over the owner, the members or the links, nor delete
    expect(byMember.actions).not.toContain('delete');
    const takeOver = await patch(rep2, `/api/v1/projects/${p.id}`, { ownerId: rep2.id }).expect(403);
    expect(takeOver.body.code).toBe('PROJECT_MEMBER_ONLY');
    await patch(rep2, `/api/v1/projects/${p.id}`, { memberIds: [rep2.id, outsider.id] }).expect(403);
    await patch(rep2, `/api/v1/projects/${p.id}`, { accountId: null }).expect(403);
    await t.http.delete(`/api/v1/projects/${p.id}`).set(bearer(rep2.token)).expect(403);
    const still = (await get(rep2, `/api/v1/projects/${p.id}`).expect(200)).body as Project;
    expect(still.ownerId).toBe(rep1.id);
    expect(still.members.map((x) => x.id)).toEqual([rep2.id]);
    // a member may still tick milestones
    const withMs = (await post(rep2, `/api/v1/projects/${p.id}/milestones`, { name: '成员里程碑', version: still.version }).expect(201)).body as Project;
    expect(withMs.milestones.map((x: { name: string }) => x.name)).toContain('成员里程碑');
    // outsider: not a member, owner outside their own scope
    await get(outsider, `/api/v1/projects/${p.id}`).expect(404);
    await patch(outsider, `/api/v1/projects/${p.id}`, { name: 'x' }).expect(404);
    await get(outsider, `/api/v1/projects/${p.id}/timeline`).expect(404);
    expect((await get(outsider, '/api/v1/projects').expect(200)).body.data.map((x: Project) => x.id)).not.toContain(p.id);
    // nor may the outsider put tasks in it
    const denied = await post(outsider, '/api/v1/tasks', { title: 'x', dueAt: new Date().toISOString(), projectId: p.id }).expect(400);
    expect(denied.body.errors[0]).toMatchObject({ field: 'projectId', code: 'TASK_UNKNOWN_PROJECT' });
    // the department manager sees it (owner in their department scope)
    await get(manager, `/api/v1/projects/${p.id}`).expect(200);
    // removing rep2 from the members hides it from rep2
    await patch(rep1, `/api/v1/projects/${p.id}`, { memberIds: [] }).expect(200);
    await get(rep2, `/api/v1/projects/${p.id}`).expect(404);
    expect((await get(rep2, '/api/v1/projects').expect(200)).body.data.map((x: Project) => x.id)).not.toContain(p.id);
    // the export applies the same scope
    const csvOutsider = await t.http.get('/api/v1/projects/export?format=csv').set(bearer(manager.token)).expect(200);
    expect(csvOutsider.text).toContain('成员可见项目');
  }, 60000);

  it('bulk delete applies the member-only rule per item; the record kit\'s removeMany skips projects the actor only joined', async () => {
    // a department manager of the south: may delete projects, but an east rep's project is theirs only as a member
    const southManager = await createUser(t, org, { role: 'sales_manager', departmentId: org.depts.south, name: '华南经理' });
    const joined = (await post(rep1, '/api/v1/projects', { name: '华南经理参与的项目', accountId: account1, memberIds: [southManager.id] }).expect(201)).body as Project;
    const own = (await post(southManager, '/api/v1/projects', { name: '华南经理自己的项目' }).expect(201)).body as Project;
    const other = (await post(rep1, '/api/v1/projects', { name: '华南经理看不到的项目', accountId: account1 }).expect(201)).body as Project;
    const res = await post(southManager, '/api/v1/projects/bulk', { action: 'delete', ids: [joined.id, own.id, other.id] }).expect(200);
    expect(res.body.results).toEqual([
      { id: joined.id, ok: false, status: 403, code: 'PROJECT_MEMBER_ONLY' },
      { id: own.id, ok: true },
      { id: other.id, ok: false, status: 404, code: 'NOT_FOUND' },
    ]);
    expect((await get(southManager, `/api/v1/projects/${joined.id}`).expect(200)).body.name).toBe('华南经理参与的项目');
    await get(southManager, `/api/v1/projects/${own.id}`).expect(404);
    // a member may still change the status of the projects they joined in bulk (an ordinary field)
    const status = await post(southManager, '/api/v1/projects/bulk', { action: 'changeStatus', ids: [joined.id], params: { status: 'active' } }).expect(200);
    expect(status.body.results).toEqual([{ id: joined.id, ok: true }]);
    // reps hold no delete grant: the whole request is refused
    await post(rep2, '/api/v1/projects/bulk', { action: 'delete', ids: [joined.id] }).expect(403);

    // the record kit's bulk removal (what import reverts and other callers use) keeps the same rule
    const ds = t.app.get(DataSource);
    const actor = (await t.app.get(AccessService).loadAuthUser(southManager.id))!;
    const mine = (await post(southManager, '/api/v1/projects', { name: '华南经理第二个项目' }).expect(201)).body as Project;
    const removed = await ds.transaction((m) => t.app.get(ProjectRecords).removeMany(m, actor, [joined.id, mine.id]));
    expect(removed).toEqual([mine.id]);
    await get(rep1, `/api/v1/projects/${joined.id}`).expect(200);
  }, 60000);

  it('progress follows the tasks (cancelled ones do not count) and the timeline shows completed tasks and milestones', async () => {
    const p = (await post(rep1, '/api/v1/projects', { name: '进度项目', accountId: account1, status: 'active' }).expect(201)).body as Project;
    const t1 = await task(rep1, p.id, '启动会');
    const t2 = await task(rep1, p.id, '数据迁移');
    const t3 = await task(rep1, p.id, '培训');
    const t4 = await task(rep1, p.id, '取消的事');
    expect(t1.projectId).toBe(p.id);
    const tasks = (await get(rep1, `/api/v1/tasks?projectId=${p.id}`).expect(200)).body;
    expect(tasks.total).toBe(4);

    const progress = async () => ((await get(rep1, `/api/v1/projects/${p.id}`).expect(200)).body as Project).progress;
    expect(await progress()).toMatchObject({ tasksDone: 0, tasksTotal: 4, percent: 0 });
    await patch(rep1, `/api/v1/tasks/${t4.id}`, { status: 'cancelled' }).expect(200);
    await patch(rep1, `/api/v1/tasks/${t1.id}`, { status: 'done' }).expect(200);
    expect(await progress()).toMatchObject({ tasksDone: 1, tasksTotal: 3, percent: 33 });
    await patch(rep1, `/api/v1/tasks/${t2.id}`, { status: 'done' }).expect(200);
    await patch(rep1, `/api/v1/tasks/${t3.id}`, { status: 'done' }).expect(200);
    expect(await progress()).toMatchObject({ tasksDone: 3, tasksTotal: 3, percent: 100 });
    // the list carries the progress too
    const row = (await get(rep1, `/api/v1/projects?q=${encodeURIComponent('进度项目')}`).expect(200)).body.data[0] as Project;
    expect(row.progress.percent).toBe(100);
    // reopening a task lowers it again
    await patch(rep1, `/api/v1/tasks/${t3.id}`, { status: 'open' }).expect(200);
    expect((await progress()).percent).toBe(66);

    // a milestone reached is a line on the timeline, like each completed task
    const withMs = (await post(rep1, `/api/v1/projects/${p.id}/milestones`, { name: '上线', dueDate: '2027-01-15' }).expect(201)).body as Project;
    await patch(rep1, `/api/v1/projects/${p.id}/milestones/${withMs.milestones[0].id}`, { done: true }).expect(200);
    const timeline = (await get(rep1, `/api/v1/projects/${p.id}/timeline?limit=100`).expect(200)).body.data as { kind: string; change?: { action: string; changes: { field: string; new: unknown }[] }; task?: { id: string } }[];
    const actions = timeline.filter((e) => e.kind === 'change').map((e) => e.change!.action);
    expect(actions.filter((a) => a === 'task.complete')).toHaveLength(3);
    expect(actions).toEqual(expect.arrayContaining(['create', 'milestone.add', 'milestone.done']));
    expect(timeline.filter((e) => e.kind === 'task').map((e) => e.task!.id).sort()).toEqual([t1.id, t2.id, t3.id, t4.id].sort());
    const completed = timeline.find((e) => e.change?.action === 'task.complete')!;
    expect(completed.change!.changes).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'taskTitle' })]));
    // keyset pages of the timeline
    const page1 = (await get(rep1, `/api/v1/projects/${p.id}/timeline?limit=3`).expect(200)).body;
    expect(page1.data).toHaveLength(3);
    const page2 = (await get(rep1, `/api/v1/projects/${p.id}/timeline?limit=3&cursor=${page1.nextCursor}`).expect(200)).body;
    expect(page2.data.map((e: { id: string }) => e.id)).not.toContain(page1.data[0].id);
  }, 60000);

  it('milestones: ordered, checked off, moved and removed; progress counts them without tasks; stale versions 412', async () => {
    let p = (await post(rep1, '/api/v1/projects', { name: '里程碑项目', accountId: account1 }).expect(201)).body as Project;
    p = (await post(rep1, `/api/v1/projects/${p.id}/milestones`, { name: '需求确认' }).expect(201)).body;
    p = (await post(rep1, `/api/v1/projects/${p.id}/milestones`, { name: '上线验收', dueDate: '2027-03-01' }).expect(201)).body;
    p = (await post(rep1, `/api/v1/projects/${p.id}/milestones`, { name: '数据迁移', position: 2, version: p.version }).expect(201)).body;
    expect(p.milestones.map((m) => [m.name, m.position])).toEqual([['需求确认', 1], ['数据迁移', 2], ['上线验收', 3]]);
    expect(p.version).toBe(4);
    const [first, second, third] = p.milestones;
    p = (await patch(rep1, `/api/v1/projects/${p.id}/milestones/${first.id}`, { done: true }).expect(200)).body;
    expect(p.progress).toMatchObject({ milestonesDone: 1, milestonesTotal: 3, percent: 33, tasksTotal: 0 });
    p = (await patch(rep1, `/api/v1/projects/${p.id}/milestones/${third.id}`, { position: 1 }).expect(200)).body;
    expect(p.milestones.map((m) => m.name)).toEqual(['上线验收', '需求确认', '数据迁移']);
    // a stale project version on a milestone change: 412
    await patch(rep1, `/api/v1/projects/${p.id}/milestones/${second.id}`, { done: true, version: p.version - 1 }).expect(412);
    p = (await t.http.delete(`/api/v1/projects/${p.id}/milestones/${second.id}`).set(bearer(rep1.token)).expect(200)).body;
    expect(p.milestones.map((m) => [m.name, m.position])).toEqual([['上线验收', 1], ['需求确认', 2]]);
    // unknown milestone: 404; bad milestone: 400 naming the field
    await patch(rep1, `/api/v1/projects/${p.id}/milestones/${second.id}`, { done: true }).expect(404);
    const bad = await post(rep1, `/api/v1/projects/${p.id}/milestones`, { name: '', dueDate: '2027-02-30' }).expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['dueDate', 'name']);
    // outsiders cannot touch them
    await post(outsider, `/api/v1/projects/${p.id}/milestones`, { name: 'x' }).expect(404);
  }, 60000);

  it('bad input: 400 with field codes; accounts and contracts out of reach: 422 with a stable code', async () => {
    const bad = await post(rep1, '/api/v1/projects', { name: '', status: 'done', memberIds: ['nope'], startDate: 'yesterday' }).expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['memberIds', 'name', 'startDate', 'status']);
    const order = await post(rep1, '/api/v1/projects', { name: 'x', startDate: '2027-02-01', endDate: '2027-01-31' }).expect(400);
    expect(order.body.errors[0]).toMatchObject({ field: 'endDate', code: 'PROJECT_DATES_ORDER' });
    const member = await post(rep1, '/api/v1/projects', { name: 'x', memberIds: ['00000000-0000-4000-8000-000000000000'] }).expect(400);
    expect(member.body.errors[0]).toMatchObject({ field: 'memberIds', code: 'PROJECT_UNKNOWN_MEMBER' });
    await post(rep1, '/api/v1/projects', { name: 'x', unknown: 1 }).expect(400);
    await get(rep1, '/api/v1/projects?colour=red').expect(400);
    // the outsider's account and rep1's contract are out of rep1's / the outsider's reach
    const acc = await post(rep1, '/api/v1/projects', { name: 'x', accountId: account2 }).expect(422);
    expect(acc.body).toMatchObject({ code: 'PROJECT_UNKNOWN_ACCOUNT' });
    expect(acc.body.errors[0]).toMatchObject({ field: 'accountId' });
    const con = await post(outsider, '/api/v1/projects', { name: 'x', contractId: contract1 }).expect(422);
    expect(con.body).toMatchObject({ code: 'PROJECT_UNKNOWN_CONTRACT' });
    const mismatch = await post(admin, '/api/v1/projects', { name: 'x', accountId: account2, contractId: contract1 }).expect(422);
    expect(mismatch.body.code).toBe('PROJECT_CONTRACT_ACCOUNT_MISMATCH');
    // the message follows the language
    const zh = await t.http.post('/api/v1/projects').set(bearer(rep1.token)).set('Accept-Language', 'zh-CN').send({ name: 'x', accountId: account2 }).expect(422);
    expect(zh.body.detail).toBe('客户不存在或您无权查看。');
    // no projects permission: 403
    const agent = await createUser(t, org, { role: 'service_agent', departmentId: org.depts.service });
    await get(agent, '/api/v1/projects').expect(403);
  }, 60000);

  it('concurrency: parallel edits of one version give one 200 and 412s; parallel milestone adds all land in order', async () => {
    const p = (await post(rep1, '/api/v1/projects', { name: '并发项目', accountId: account1 }).expect(201)).body as Project;
    const edits = await Promise.all(['active', 'on_hold', 'completed', 'cancelled'].map((status) => patch(rep1, `/api/v1/projects/${p.id}`, { status, version: p.version })));
    expect(edits.map((r) => r.status).sort()).toEqual([200, 412, 412, 412]);
    const adds = await Promise.all([1, 2, 3, 4, 5].map((i) => post(rep1, `/api/v1/projects/${p.id}/milestones`, { name: `M${i}` })));
    expect(adds.every((r) => r.status === 201)).toBe(true);
    const final = (await get(rep1, `/api/v1/projects/${p.id}`).expect(200)).body as Project;
    expect(final.milestones.map((m) => m.position)).toEqual([1, 2, 3, 4, 5]);
    expect(final.version).toBe(p.version + 1 + 5);
    // parallel task completions all count
    const ts = await Promise.all([1, 2, 3].map((i) => task(rep1, p.id, `并发任务 ${i}`)));
    await Promise.all(ts.map((x) => patch(rep1, `/api/v1/tasks/${x.id}`, { status: 'done' }).expect(200)));
    expect(((await get(rep1, `/api/v1/projects/${p.id}`).expect(200)).body as Project).progress).toMatchObject({ tasksDone: 3, tasksTotal: 3, percent: 100 });
  }, 60000);
});
