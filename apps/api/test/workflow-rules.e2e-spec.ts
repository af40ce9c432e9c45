import { DataSource } from 'typeorm';
import { OutboxService } from '@core/events/outbox/outbox.service';
import type { RecordEvent } from '@core/events/outbox/record-event';
import { WorkflowEngine } from '@modules/workflows/workflow-engine.service';
import { startApp, TestApp } from './helpers/test-app';
import { bearer, buildOrg, createUser, Org } from './helpers/fixtures';

type U = { id: string; token: string };
type Run = { id: string; outcome: string; depth: number; error: string | null; eventId: string | null; entityId: string; actions: Record<string, unknown>[] };

/**
 * Workflow rules on two API instances sharing one database (JOBS_ENABLED=false: the outbox dispatch
 * runs the rules inline, after the change's commit, in the instance that committed it).
 */
describe('workflow rules (e2e)', () => {
  let a: TestApp;
  let b: TestApp;
  let org: Org;
  let admin: Record<string, string>;
  let rep: U;
  let rep2: U;
  let manager: U;
  let db: DataSource;

  /** Waits until both instances finished dispatching what their commits produced (and its cascade). */
  const settle = async () => {
    for (let i = 0; i < 3; i++) await Promise.all([a.app.get(OutboxService).settled(), b.app.get(OutboxService).settled()]);
  };
  const createRule = async (body: Record<string, unknown>) => {
    const res = await a.http.post('/api/v1/workflow-rules').set(admin).send(body);
    if (res.status !== 201) throw new Error(`create rule: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { id: string; version: number };
  };
  const createLead = async (who: U | null, body: Record<string, unknown>, t: TestApp = a) => {
    const res = await t.http.post('/api/v1/leads').set(who ? bearer(who.token) : admin).send(body);
    if (res.status !== 201) throw new Error(`create lead: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { id: string; version: number; ownerId: string };
  };
  const runs = async (ruleId: string) => (await a.http.get(`/api/v1/workflow-rules/${ruleId}/runs?limit=200`).set(admin).expect(200)).body.data as Run[];
  const tasksOf = async (leadId: string) => (await a.http.get(`/api/v1/tasks?leadId=${leadId}&limit=200`).set(admin).expect(200)).body.data as { id: string; title: string; assigneeId: string }[];
  const disable = (id: string) => a.http.post(`/api/v1/workflow-rules/${id}/disable`).set(admin).expect(200);

  beforeAll(async () => {
    a = await startApp();
    b = await startApp({ url: a.url });
    org = await buildOrg(a);
    admin = bearer(org.adminToken);
    rep = await createUser(a, org, { role: 'sales_rep', departmentId: org.depts.east, name: 'Rep East' });
    rep2 = await createUser(a, org, { role: 'sales_rep', departmentId: org.depts.east, name: 'Rep East 2' });
    manager = await createUser(a, org, { role: 'sales_manager', departmentId: org.depts.sales, name: 'Manager' });
    db = a.app.get(DataSource);
  });
  afterAll(async () => {
    await settle();
    await b.app.close();
    await a.close();
  });

  it('creates a task on a status move exactly once, with two instances and a redelivered event', async () => {
    const rule = await createRule({
      name: '合格线索回访',
      entityType: 'lead',
      trigger: { type: 'fieldChanged', field: 'status', to: 'qualified' },
      actions: [{ type: 'createTask', title: '回访合格线索', dueInDays: 1, assignee: 'owner' }],
    });
    const lead = await createLead(rep, { name: '张三', source: 'web' });
    // the change on one instance, another change on the other: only the status move fires
    await b.http.patch(`/api/v1/leads/${lead.id}`).set(bearer(rep.token)).send({ notes: '初次沟通' }).expect(200);
    await b.http.patch(`/api/v1/leads/${lead.id}`).set(bearer(rep.token)).send({ status: 'qualified' }).expect(200);
    await settle();
    const tasks = await tasksOf(lead.id);
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ title: '回访合格线索', assigneeId: rep.id });
    const [run] = await runs(rule.id);
    expect(run).toMatchObject({ outcome: 'succeeded', depth: 0, entityId: lead.id, error: null });
    expect(run.actions).toEqual([{ type: 'createTask', taskId: tasks[0].id, assigneeId: rep.id }]);

    // at-least-once delivery: both instances get the same event at the same moment, and the outbox is replayed
    const [row] = await db.query(`SELECT * FROM outbox_events WHERE id = $1`, [run.eventId]);
    const event: RecordEvent = {
      id: row.id,
      name: row.name,
      entityType: row.entity_type,
      entityId: row.entity_id,
      actorId: row.actor_id,
      depth: row.depth,
      action: row.payload.action,
      changes: row.payload.changes,
      createdAt: row.created_at,
    };
    expect(event.changes).toContainEqual({ field: 'status', old: 'new', new: 'qualified' });
    await Promise.all([a.app.get(WorkflowEngine).handle(event), b.app.get(WorkflowEngine).handle(event)]);
    await db.query(`UPDATE outbox_events SET dispatched_at = NULL WHERE entity_id = $1`, [lead.id]);
    await Promise.all([a.app.get(OutboxService).drain(), b.app.get(OutboxService).drain()]);
    await settle();
    expect(await tasksOf(lead.id)).toHaveLength(1);
    expect(await runs(rule.id)).toHaveLength(1);
    await disable(rule.id);
  });

  it('creates a task on an opportunity stage move exactly once, with the event delivered to two instances at once', async () => {
    const pipeline = ((await a.http.get('/api/v1/pipelines').set(admin).expect(200)).body.data as { isDefault: boolean; stages: { id: string; nameZh: string }[] }[]).find((p) => p.isDefault)!;
    const negotiation = pipeline.stages.find((x) => x.nameZh === '谈判审核')!;
    const rule = await createRule({
      name: '进入谈判：准备合同',
      entityType: 'opportunity',
      trigger: { type: 'fieldChanged', field: 'stageId', to: negotiation.id },
      actions: [{ type: 'createTask', title: '准备合同草稿', dueInDays: 2, assignee: 'owner' }],
    });
    const account = (await a.http.post('/api/v1/accounts').set(bearer(rep.token)).send({ name: '工作流测试客户' }).expect(201)).body.id;
    const o = (await a.http.post('/api/v1/opportunities').set(bearer(rep.token)).send({ name: '工作流商机', accountId: account }).expect(201)).body;
    await b.http.post(`/api/v1/opportunities/${o.id}/move`).set(bearer(rep.token)).send({ stageId: negotiation.id, version: o.version }).expect(200);
    await settle();
    // at-least-once delivery: both instances handle the same stage-move event at the same moment
    const [row] = await db.query(`SELECT * FROM outbox_events WHERE entity_id = $1 AND payload->>'action' = 'move'`, [o.id]);
    const event: RecordEvent = {
      id: row.id,
      name: row.name,
      entityType: row.entity_type,
      entityId: row.entity_id,
      actorId: row.actor_id,
      depth: row.depth,
      action: row.payload.action,
      changes: row.payload.changes,
      createdAt: row.created_at,
    };
    expect(event.changes).toContainEqual(expect.objectContaining({ field: 'stageId', new: negotiation.id }));
    await Promise.all([a.app.get(WorkflowEngine).handle(event), b.app.get(WorkflowEngine).handle(event)]);
    await settle();
    const tasks = (await a.http.get(`/api/v1/tasks?opportunityId=${o.id}`).set(admin).expect(200)).body.data as { title: string; assigneeId: string; accountId: string }[];
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ title: '准备合同草稿', assigneeId: rep.id, accountId: account });
    const ran = await runs(rule.id);
    expect(ran).toHaveLength(1);
    expect(ran[0]).toMatchObject({ outcome: 'succeeded', entityId: o.id });
    // another move (not into negotiation) does not fire it
    const fresh = (await a.http.get(`/api/v1/opportunities/${o.id}`).set(bearer(rep.token)).expect(200)).body;
    await b.http.post(`/api/v1/opportunities/${o.id}/move`).set(bearer(rep.token)).send({ stageId: pipeline.stages[0].id, version: fresh.version }).expect(200);
    await settle();
    expect(await runs(rule.id)).toHaveLength(1);
    await disable(rule.id);
  });

  it('runs after the commit, never inside the request: a failing rule leaves the change and logs the error', async () => {
    const gone = await createUser(a, org, { role: 'sales_rep', departmentId: org.depts.east, name: 'Gone' });
    const rule = await createRule({
      name: '给离职同事建任务',
      entityType: 'lead',
      trigger: { type: 'fieldChanged', field: 'status', to: 'contacted' },
      actions: [{ type: 'createTask', title: '不会成功', assignee: 'user', userId: gone.id }],
    });
    await a.http.patch(`/api/v1/users/${gone.id}`).set(admin).send({ active: false }).expect(200);
    const lead = await createLead(rep, { name: '李四' });
    const res = await a.http.patch(`/api/v1/leads/${lead.id}`).set(bearer(rep.token)).send({ status: 'contacted' }).expect(200);
    expect(res.body.status).toBe('contacted');
    await settle();
    const [run] = await runs(rule.id);
    expect(run.outcome).toBe('failed');
    expect(run.error).toMatch(/USER/);
    expect(await tasksOf(lead.id)).toHaveLength(0);
    await disable(rule.id);
  });

  it('fires a time-based rule once per due date, however often and wherever the scan runs', async () => {
    const rule = await createRule({
      name: '7 天未跟进提醒',
      entityType: 'lead',
      trigger: { type: 'dateReached', field: 'lastActivityAt', days: 7, direction: 'after' },
      conditions: { match: 'all', conditions: [{ field: 'status', op: 'ne', value: 'unqualified' }] },
      actions: [{ type: 'notify', message: '该线索 7 天没有跟进了' }],
    });
    const stale = await createLead(rep, { name: '久未跟进' });
    const fresh = await createLead(rep, { name: '刚跟进' });
    const dropped = await createLead(rep, { name: '无效线索', status: 'unqualified' });
    await settle();
    await db.query(`UPDATE leads SET last_activity_at = now() - interval '10 days' WHERE id = ANY($1)`, [[stale.id, dropped.id]]);
    await db.query(`UPDATE leads SET last_activity_at = now() - interval '2 days' WHERE id = $1`, [fresh.id]);
    const [x, y] = await Promise.all([a.app.get(WorkflowEngine).scanDue(), b.app.get(WorkflowEngine).scanDue()]);
    expect(x + y).toBe(1);
    expect(await a.app.get(WorkflowEngine).scanDue()).toBe(0);
    // even a scan that forgot how far it got finds the run key taken
    await db.query(`UPDATE workflow_rules SET scanned_until = NULL WHERE id = $1`, [rule.id]);
    expect(await b.app.get(WorkflowEngine).scanDue()).toBe(0);
    const all = await runs(rule.id);
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ outcome: 'succeeded', entityId: stale.id, eventId: null });
    const notes = (await a.http.get('/api/v1/notifications?limit=200').set(bearer(rep.token)).expect(200)).body.data as { kind: string; entityId: string; params: Record<string, string> }[];
    const mine = notes.filter((n) => n.kind === 'workflow.notify');
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ entityId: stale.id, params: { rule: '7 天未跟进提醒', name: '久未跟进', message: '该线索 7 天没有跟进了' } });

    // a run cut off mid-way (its instance stopped) is closed as failed by the next scan, not left "running"
    await db.query(`UPDATE workflow_runs SET outcome = 'running', finished_at = NULL, started_at = now() - interval '1 hour' WHERE rule_id = $1`, [rule.id]);
    await a.app.get(WorkflowEngine).scanDue();
    const [cut] = await runs(rule.id);
    expect(cut.outcome).toBe('failed');
    expect(cut.error).toMatch(/^WORKFLOW_RUN_INTERRUPTED/);
    await disable(rule.id);
  });

  it('stops a rule that keeps updating the field it triggers on at depth 3', async () => {
    const rule = await createRule({
      name: '顺延跟进日期',
      entityType: 'lead',
      trigger: { type: 'fieldChanged', field: 'nextFollowUpAt' },
      actions: [{ type: 'updateField', field: 'nextFollowUpAt', daysFromNow: 1 }],
    });
    const lead = await createLead(rep, { name: '循环测试' });
    await a.http
      .patch(`/api/v1/leads/${lead.id}`)
      .set(bearer(rep.token))
      .send({ nextFollowUpAt: new Date(Date.now() + 3600_000).toISOString() })
      .expect(200);
    await settle();
    const all = (await runs(rule.id)).sort((p, q) => p.depth - q.depth);
    expect(all.map((r) => [r.depth, r.outcome])).toEqual([
      [0, 'succeeded'],
      [1, 'succeeded'],
      [2, 'succeeded'],
      [3, 'skipped'],
    ]);
    expect(all[3].error).toBe('WORKFLOW_LOOP_DEPTH');
    const now = (await a.http.get(`/api/v1/leads/${lead.id}`).set(admin).expect(200)).body;
    // created (1), the rep's change (2), three rule updates (5): each through LeadsService with its version and audit
    expect(now.version).toBe(5);
    const audit = (await a.http.get(`/api/v1/audit-logs?entityId=${lead.id}&limit=50`).set(admin).expect(200)).body.data as { action: string }[];
    expect(audit.filter((e) => e.action === 'update')).toHaveLength(4);
    await disable(rule.id);
  });

  it('answers a dry run with the actions it would take and changes nothing', async () => {
    const rule = await createRule({
      name: '杭州或高分线索',
      entityType: 'lead',
      enabled: false,
      trigger: { type: 'fieldChanged', field: 'status', to: 'contacted' },
      conditions: { match: 'any', conditions: [{ field: 'city', op: 'eq', value: '杭州' }, { field: 'score', op: 'gte', value: 90 }] },
      actions: [
        { type: 'createTask', title: '24 小时内回访', dueInDays: 1, assignee: 'owner' },
        { type: 'notify', message: '重点线索', userIds: [manager.id] },
        { type: 'updateField', field: 'source', value: 'referral' },
        { type: 'assignRoundRobin', userIds: [rep2.id, rep.id] },
      ],
    });
    await a.http.post(`/api/v1/workflow-rules/${rule.id}/enable`).set(admin).expect(200);
    const hz = await createLead(rep, { name: '杭州客户', city: '杭州', status: 'contacted' });
    const sh = await createLead(rep, { name: '上海客户', city: '上海' });
    await settle();
    const counts = async () =>
      (
        await db.query(`SELECT (SELECT count(*) FROM tasks) AS tasks, (SELECT count(*) FROM notifications) AS notes, (SELECT count(*) FROM outbox_events) AS events,
                               (SELECT count(*) FROM workflow_runs) AS runs, (SELECT count(*) FROM audit_logs) AS audit,
                               (SELECT round_robin::text FROM workflow_rules WHERE id = $1) AS turns,
                               (SELECT version FROM leads WHERE id = $2) AS version, (SELECT owner_id FROM leads WHERE id = $2) AS owner`, [rule.id, hz.id])
      )[0];
    const before = await counts();
    const res = await a.http.post(`/api/v1/workflow-rules/${rule.id}/test`).set(admin).send({ recordId: hz.id }).expect(200);
    expect(res.body).toMatchObject({ triggerMatches: true, conditionsMatch: true, wouldRun: true });
    expect(res.body.actions).toEqual([
      { type: 'createTask', details: expect.objectContaining({ title: '24 小时内回访', assigneeId: rep.id, leadId: hz.id }) },
      { type: 'notify', details: expect.objectContaining({ userIds: [rep.id, manager.id], kind: 'workflow.notify' }) },
      { type: 'updateField', details: { field: 'source', from: 'other', to: 'referral' } },
      { type: 'assignRoundRobin', details: { ownerId: rep2.id } },
    ]);
    const other = await b.http.post(`/api/v1/workflow-rules/${rule.id}/test`).set(admin).send({ recordId: sh.id }).expect(200);
    expect(other.body).toMatchObject({ triggerMatches: false, conditionsMatch: false, wouldRun: false });
    await settle();
    expect(await counts()).toEqual(before);
    await a.http.post(`/api/v1/workflow-rules/${rule.id}/test`).set(admin).send({ recordId: '00000000-0000-4000-8000-000000000000' }).expect(404);
    await disable(rule.id);
  });

  it('matches conditions with all and any on real events, and assigns owners in turn', async () => {
    const all = await createRule({
      name: 'all',
      entityType: 'lead',
      trigger: { type: 'created' },
      conditions: { match: 'all', conditions: [{ field: 'city', op: 'eq', value: '苏州' }, { field: 'source', op: 'eq', value: 'trade_show' }] },
      actions: [{ type: 'notify', message: 'all', userIds: [manager.id] }],
    });
    const any = await createRule({
      name: 'any',
      entityType: 'lead',
      trigger: { type: 'created' },
      conditions: { match: 'any', conditions: [{ field: 'city', op: 'eq', value: '苏州' }, { field: 'source', op: 'eq', value: 'trade_show' }] },
      actions: [{ type: 'assignRoundRobin', userIds: [rep.id, rep2.id] }],
    });
    const one = await createLead(null, { name: '展会 1', city: '无锡', source: 'trade_show' });
    const two = await createLead(null, { name: '展会 2', city: '苏州', source: 'trade_show' }, b);
    const none = await createLead(null, { name: '网站', city: '无锡', source: 'web' });
    const three = await createLead(null, { name: '苏州网站', city: '苏州', source: 'web' });
    await settle();
    expect((await runs(all.id)).map((r) => r.entityId)).toEqual([two.id]);
    expect((await runs(any.id)).map((r) => r.entityId).sort()).toEqual([one.id, two.id, three.id].sort());
    const owner = async (id: string) => (await a.http.get(`/api/v1/leads/${id}`).set(admin).expect(200)).body.ownerId;
    expect([await owner(one.id), await owner(two.id), await owner(three.id)].sort()).toEqual([rep.id, rep.id, rep2.id].sort());
    expect(await owner(none.id)).not.toBe(rep.id);
    await disable(all.id);
    await disable(any.id);
  });

  it('moves a lead to a pool when it turns unqualified, as a pool move with its audit entry', async () => {
    const pool = (
      await a.http.post('/api/v1/pools').set(admin).send({ name: '华东公海', departmentId: org.depts.east, claimLimit: 10, memberIds: [rep.id, rep2.id] }).expect(201)
    ).body;
    const rule = await createRule({
      name: '无效线索退回公海',
      entityType: 'lead',
      trigger: { type: 'fieldChanged', field: 'status', to: 'unqualified' },
      actions: [{ type: 'moveToPool', poolId: pool.id, reason: '无效线索，自动退回' }],
    });
    const lead = await createLead(rep, { name: '退回测试' });
    await a.http.patch(`/api/v1/leads/${lead.id}`).set(bearer(rep.token)).send({ status: 'unqualified' }).expect(200);
    await settle();
    const now = (await a.http.get(`/api/v1/leads/${lead.id}`).set(admin).expect(200)).body;
    expect(now).toMatchObject({ ownerId: null, poolId: pool.id });
    const release = (await a.http.get(`/api/v1/audit-logs?entityId=${lead.id}&action=release`).set(admin).expect(200)).body.data;
    expect(release).toHaveLength(1);
    expect(release[0].changes).toContainEqual({ field: 'reason', old: null, new: '无效线索，自动退回', type: 'text' });
    const [run] = await runs(rule.id);
    expect(run).toMatchObject({ outcome: 'succeeded', actions: [{ type: 'moveToPool', poolId: pool.id }] });
    await disable(rule.id);
  });

  it('watches accounts too: a lifecycle stage moving to at risk creates one task for the owner', async () => {
    const rule = await createRule({
      name: '流失预警回访',
      entityType: 'account',
      trigger: { type: 'fieldChanged', field: 'lifecycleStage', to: 'at_risk' },
      actions: [{ type: 'createTask', title: '回访流失预警客户', dueInDays: 1, assignee: 'owner' }],
    });
    const acct = (await a.http.post('/api/v1/accounts').set(bearer(rep.token)).send({ name: '云启科技（流失预警）' }).expect(201)).body;
    await b.http.patch(`/api/v1/accounts/${acct.id}`).set(bearer(rep.token)).send({ lifecycleStage: 'at_risk', version: acct.version }).expect(200);
    await settle();
    const tasks = (await a.http.get(`/api/v1/tasks?accountId=${acct.id}&limit=200`).set(admin).expect(200)).body.data as { title: string; assigneeId: string }[];
    expect(tasks).toEqual([expect.objectContaining({ title: '回访流失预警客户', assigneeId: rep.id })]);
    expect(await runs(rule.id)).toEqual([expect.objectContaining({ outcome: 'succeeded', entityId: acct.id })]);
    await disable(rule.id);
  });

  it('is for admins: others get 403; bad rules get 400 with the field and a stable code', async () => {
    await a.http.get('/api/v1/workflow-rules').set(bearer(manager.token)).expect(403);
    await a.http.post('/api/v1/workflow-rules').set(bearer(rep.token)).send({}).expect(403);
    const [some] = (await a.http.get('/api/v1/workflow-rules?limit=1').set(admin).expect(200)).body.data;
    await a.http.get(`/api/v1/workflow-rules/${some.id}/runs`).set(bearer(manager.token)).expect(403);
    await a.http.post(`/api/v1/workflow-rules/${some.id}/test`).set(bearer(rep.token)).send({ recordId: some.id }).expect(403);
    const kinds = (await a.http.get('/api/v1/workflow-rules/kinds').set(admin).expect(200)).body;
    expect(kinds.find((k: { type: string }) => k.type === 'lead').fields.map((f: { name: string }) => f.name)).toContain('status');

    const base = { name: 'bad', entityType: 'lead', trigger: { type: 'created' }, actions: [{ type: 'notify', message: 'x' }] };
    const bad = async (body: Record<string, unknown>, field: string, code: string) => {
      const res = await a.http.post('/api/v1/workflow-rules').set(admin).send({ ...base, ...body }).expect(400);
      expect(res.body).toMatchObject({ code, errors: [expect.objectContaining({ field })] });
    };
    await bad({ entityType: 'spaceship' }, 'entityType', 'WORKFLOW_UNKNOWN_KIND');
    await bad({ conditions: { match: 'all', conditions: [{ field: 'salary', op: 'eq', value: 1 }] } }, 'conditions.conditions[0].field', 'WORKFLOW_UNKNOWN_FIELD');
    await bad({ conditions: { match: 'all', conditions: [{ field: 'status', op: 'changed' }] } }, 'conditions.conditions[0].op', 'WORKFLOW_INVALID_CONDITION');
    await bad({ actions: [{ type: 'updateField', field: 'score', value: 1 }] }, 'actions[0].field', 'WORKFLOW_FIELD_NOT_UPDATABLE');
    await bad({ actions: [{ type: 'updateField', field: 'status', value: 'converted' }] }, 'actions[0].value', 'WORKFLOW_INVALID_VALUE');
    await bad({ trigger: { type: 'dateReached', field: 'name', days: 1, direction: 'after' } }, 'trigger.field', 'WORKFLOW_INVALID_TRIGGER');
    await bad({ actions: [{ type: 'createTask' }] }, 'actions[0].title', 'WORKFLOW_INVALID_ACTION');
    // 412 on a stale version
    const rule = await createRule(base);
    await a.http.patch(`/api/v1/workflow-rules/${rule.id}`).set(admin).send({ name: 'renamed', version: rule.version }).expect(200);
    await a.http.patch(`/api/v1/workflow-rules/${rule.id}`).set(admin).send({ name: 'again', version: rule.version }).expect(412);
    await a.http.delete(`/api/v1/workflow-rules/${rule.id}`).set(admin).expect(204);
    await a.http.get(`/api/v1/workflow-rules/${rule.id}`).set(admin).expect(404);
  });
});
