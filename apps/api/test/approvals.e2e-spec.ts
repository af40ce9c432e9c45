import { startApp, TestApp } from './helpers/test-app';
import { bearer, buildOrg, createUser, Org } from './helpers/fixtures';

type U = { id: string; token: string };
type Detail = {
  id: string;
  status: string;
  currentStep: number;
  canAct: boolean;
  steps: { status: string; tasks: { userId: string; status: string }[] }[];
  history: { action: string; actorId: string | null; onBehalfOfId: string | null; targetId: string | null; comment: string | null }[];
};

/**
 * The approval engine end to end: flows with a numeric condition and two steps (department manager,
 * then a role), the lock while pending, reject with a comment, one decision on an `any` step under
 * parallel requests, transfer, delegation, the approver's read grant, and the 撞单 override.
 */
describe('approvals (e2e)', () => {
  let t: TestApp;
  let org: Org;
  let admin: Record<string, string>;
  let managerA: U; // manages Sales (and so East without its own manager)
  let managerS: U; // manages South
  let finance: U; // finance role in Sales: the "role" step for East
  let financeElsewhere: U; // finance role in Service: not above East
  let rep1: U; // East
  let rep2: U; // South
  let rep3: U; // South, an outsider to rep1's approvals
  let u1: U;
  let u2: U;
  let u3: U;
  let seq = 0;

  const lead = async (who: U, body: Record<string, unknown>, allowDuplicate = false) => {
    const res = await t.http.post(`/api/v1/leads${allowDuplicate ? '?allowDuplicate=true' : ''}`).set(bearer(who.token)).send({ name: `线索${++seq}`, ...body });
    if (res.status !== 201) throw new Error(`create lead: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { id: string; version: number; score: number };
  };
  const approvalOf = async (who: U, kind: string, id: string) =>
    (await t.http.get(`/api/v1/approvals/records/${kind}/${id}`).set(bearer(who.token)).expect(200)).body.approval as Detail | null;
  const act = (who: U, id: string, action: string, body: Record<string, unknown> = {}) =>
    t.http.post(`/api/v1/approvals/${id}/${action}`).set(bearer(who.token)).send(body);
  const flow = async (body: Record<string, unknown>) =>
    (await t.http.post('/api/v1/approval-flows').set(admin).send({ name: 'Test flow', priority: 10, ...body }).expect(201)).body as { id: string };
  const box = async (who: U, name: string) =>
    (await t.http.get(`/api/v1/approvals?box=${name}`).set(bearer(who.token)).expect(200)).body.data as { id: string; canAct: boolean }[];
  const notifications = async (who: U) =>
    (await t.http.get('/api/v1/notifications?limit=200').set(bearer(who.token)).expect(200)).body.data as { kind: string; entityId: string; body: string | null }[];

  beforeAll(async () => {
    t = await startApp();
    org = await buildOrg(t);
    admin = bearer(org.adminToken);
    managerA = await createUser(t, org, { role: 'sales_manager', departmentId: org.depts.sales, name: 'Manager A' });
    managerS = await createUser(t, org, { role: 'sales_manager', departmentId: org.depts.south, name: 'Manager South' });
    finance = await createUser(t, org, { role: 'finance', departmentId: org.depts.sales, name: 'Finance Sales' });
    financeElsewhere = await createUser(t, org, { role: 'finance', departmentId: org.depts.service, name: 'Finance Service' });
    rep1 = await createUser(t, org, { role: 'sales_rep', departmentId: org.depts.east, name: 'Rep One' });
    rep2 = await createUser(t, org, { role: 'sales_rep', departmentId: org.depts.south, name: 'Rep Two' });
    rep3 = await createUser(t, org, { role: 'sales_rep', departmentId: org.depts.south, name: 'Rep Three' });
    u1 = await createUser(t, org, { role: 'service_agent', departmentId: org.depts.service, name: 'U1' });
    u2 = await createUser(t, org, { role: 'service_agent', departmentId: org.depts.service, name: 'U2' });
    u3 = await createUser(t, org, { role: 'service_agent', departmentId: org.depts.service, name: 'U3' });
    const manage = async (dept: string, managerId: string) => {
      const res = await t.http.patch(`/api/v1/departments/${dept}`).set(admin).send({ managerId }).expect(200);
      expect(res.body.managerId).toBe(managerId);
    };
    await manage(org.depts.sales, managerA.id);
    await manage(org.depts.south, managerS.id);
  });
  afterAll(() => t.close());

  it('admins define flows validated against the kind; others may not', async () => {
    const kinds = (await t.http.get('/api/v1/approval-flows/kinds').set(admin).expect(200)).body as { kind: string; fields: Record<string, string> }[];
    expect(kinds.map((k) => k.kind)).toEqual(expect.arrayContaining(['account', 'lead']));
    expect(kinds.find((k) => k.kind === 'lead')!.fields.score).toBe('number');
    const steps = [{ mode: 'any', approvers: [{ type: 'manager' }] }];
    const bad = async (body: Record<string, unknown>, code: string, field: string) => {
      const res = await t.http.post('/api/v1/approval-flows').set(admin).send({ name: 'x', kind: 'lead', trigger: 'submit', steps, ...body }).expect(400);
      expect(res.body).toMatchObject({ code, errors: [{ field }] });
    };
    await bad({ kind: 'spaceship' }, 'APPROVAL_UNKNOWN_KIND', 'kind');
    await bad({ trigger: 'launch' }, 'APPROVAL_UNKNOWN_TRIGGER', 'trigger');
    await bad({ condition: { match: 'all', conditions: [{ field: 'salary', op: 'gt', value: 1 }] } }, 'APPROVAL_UNKNOWN_FIELD', 'condition.conditions.0.field');
    await bad({ condition: { match: 'all', conditions: [{ field: 'score', op: 'gt', value: 'high' }] } }, 'INVALID_VALUE', 'condition.conditions.0.value');
    await bad({ steps: [{ mode: 'any', approvers: [{ type: 'role' }] }] }, 'APPROVAL_INVALID_APPROVER', 'steps.0.approvers.0.roleKey');
    await bad({ steps: [{ mode: 'any', approvers: [{ type: 'manager', of: 'name' }] }] }, 'APPROVAL_INVALID_APPROVER', 'steps.0.approvers.0.of');
    await t.http.post('/api/v1/approval-flows').set(admin).send({ name: 'x', kind: 'lead', trigger: 'submit', steps: [] }).expect(400);
    await t.http.get('/api/v1/approval-flows').set(bearer(rep1.token)).expect(403);
    await t.http.post('/api/v1/approval-flows').set(bearer(managerA.token)).send({ name: 'x', kind: 'lead', trigger: 'submit', steps }).expect(403);
    const list = (await t.http.get('/api/v1/approval-flows?kind=lead').set(admin).expect(200)).body.data as { trigger: string; steps: unknown[] }[];
    // the seeded 撞单 flow: the other record's owner's manager
    expect(list.find((f) => f.trigger === 'duplicate_override')!.steps).toEqual([{ mode: 'any', approvers: [{ type: 'manager', of: 'duplicateOwnerId' }] }]);
  });

  it('runs two steps (department manager, then a role) when the numeric condition matches; the record is locked meanwhile', async () => {
    await flow({
      kind: 'lead',
      trigger: 'duplicate_override',
      condition: { match: 'all', conditions: [{ field: 'score', op: 'gte', value: 40 }] },
      steps: [
        { name: '部门经理', mode: 'any', approvers: [{ type: 'manager' }] },
        { name: '财务', mode: 'any', approvers: [{ type: 'role', roleKey: 'finance' }] },
      ],
    });
    await lead(rep2, { email: 'big@example.com' });
    const before = (await t.http.get('/api/v1/approvals/counts').set(bearer(managerA.token)).expect(200)).body.pending as number;
    const l = await lead(rep1, { email: 'big@example.com', company: '大客户', title: 'CEO', phone: '13800000001', source: 'web' }, true);
    expect(l.score).toBeGreaterThanOrEqual(40);

    const a = (await approvalOf(rep1, 'lead', l.id))!;
    expect(a).toMatchObject({ status: 'pending', currentStep: 0, canAct: false });
    expect(a.steps[0].tasks.map((x) => x.userId)).toEqual([managerA.id]);
    expect(a.steps[1]).toMatchObject({ status: 'waiting', tasks: [] });
    expect((await t.http.get('/api/v1/approvals/counts').set(bearer(managerA.token)).expect(200)).body.pending).toBe(before + 1);
    expect((await box(managerA, 'pending')).find((x) => x.id === a.id)).toMatchObject({ canAct: true });
    expect((await box(rep1, 'submitted')).map((x) => x.id)).toContain(a.id);

    // the record offers no change while it waits (to its owner and to anyone else who may read it)
    expect((await t.http.get(`/api/v1/leads/${l.id}`).set(bearer(rep1.token)).expect(200)).body.actions).toEqual([]);
    expect((await t.http.get(`/api/v1/leads/${l.id}`).set(bearer(managerA.token)).expect(200)).body.actions.filter((x: string) => x !== 'reveal')).toEqual([]);
    const locked = await t.http.patch(`/api/v1/leads/${l.id}`).set(bearer(rep1.token)).send({ notes: '改一下' }).expect(409);
    expect(locked.body).toMatchObject({ code: 'APPROVAL_PENDING', approvalId: a.id });
    await t.http.delete(`/api/v1/leads/${l.id}`).set(bearer(managerA.token)).expect(409);
    expect((await t.http.post(`/api/v1/leads/${l.id}/convert`).set(bearer(rep1.token)).send({}).expect(409)).body.code).toBe('APPROVAL_PENDING');

    await act(finance, a.id, 'approve').expect(404); // not one of its people yet
    const first = await act(managerA, a.id, 'approve', { comment: '同意' }).expect(200);
    expect(first.body).toMatchObject({ status: 'pending', currentStep: 1 });
    expect(first.body.steps[0].status).toBe('approved');
    expect(first.body.steps[1].tasks.map((x: { userId: string }) => x.userId)).toEqual([finance.id]); // not financeElsewhere
    expect((await act(managerA, a.id, 'approve').expect(409)).body.code).toBe('APPROVAL_NOT_YOURS');
    await act(financeElsewhere, a.id, 'approve').expect(404);

    const done = await act(finance, a.id, 'approve').expect(200);
    expect(done.body.status).toBe('approved');
    expect(done.body.history.map((h: { action: string }) => h.action)).toEqual(['submit', 'approve', 'approve', 'complete']);
    expect((await act(finance, a.id, 'approve').expect(409)).body.code).toBe('APPROVAL_NOT_PENDING');
    expect((await box(finance, 'done')).map((x) => x.id)).toContain(a.id);

    await t.http.patch(`/api/v1/leads/${l.id}`).set(bearer(rep1.token)).send({ notes: '改一下' }).expect(200);
    expect((await notifications(rep1)).find((n) => n.kind === 'approval.approved' && n.entityId === a.id)).toBeTruthy();
    expect((await notifications(managerA)).find((n) => n.kind === 'approval.requested' && n.entityId === a.id)).toBeTruthy();
    const timeline = (await t.http.get(`/api/v1/leads/${l.id}/timeline`).set(bearer(rep1.token)).expect(200)).body.data as { kind: string; change?: { action: string } }[];
    const actions = timeline.filter((e) => e.kind === 'change').map((e) => e.change!.action);
    expect(actions).toEqual(expect.arrayContaining(['approval.submit', 'approval.approve', 'approval.complete']));
    const audit = (await t.http.get(`/api/v1/audit-logs?entityType=lead&entityId=${l.id}`).set(admin).expect(200)).body.data as { action: string }[];
    expect(audit.filter((x) => x.action.startsWith('approval.')).length).toBe(4);
  });

  it('撞单: Save anyway on someone else\'s lead asks the owner\'s manager, who reads that record only; rejecting deletes it with the comment', async () => {
    const theirs = await lead(rep2, { email: 'taken@example.com' });
    const mineElsewhere = await lead(rep1, { email: 'rep1-only@example.com' });
    // a duplicate of my own record needs nobody
    const own = await lead(rep1, { email: 'rep1-only@example.com' }, true);
    expect(await approvalOf(rep1, 'lead', own.id)).toBeNull();

    const dup = await lead(rep1, { email: 'taken@example.com' }, true);
    const a = (await approvalOf(rep1, 'lead', dup.id))!;
    expect(a.steps[0].tasks.map((x) => x.userId)).toEqual([managerS.id]);

    // the approver reads the record to decide, though East is outside their scope, and nothing else
    await t.http.get(`/api/v1/leads/${dup.id}`).set(bearer(managerS.token)).expect(200);
    await t.http.get(`/api/v1/leads/${mineElsewhere.id}`).set(bearer(managerS.token)).expect(404);
    await t.http.patch(`/api/v1/leads/${dup.id}`).set(bearer(managerS.token)).send({ notes: 'x' }).expect((r) => expect([404, 409]).toContain(r.status));
    await t.http.get(`/api/v1/leads/${theirs.id}`).set(bearer(managerS.token)).expect(200); // their own scope still works
    // an outsider sees neither the approval nor the record
    await t.http.get(`/api/v1/approvals/${a.id}`).set(bearer(rep3.token)).expect(404);
    await t.http.get(`/api/v1/leads/${dup.id}`).set(bearer(rep3.token)).expect(404);
    expect(await approvalOf(rep3, 'lead', dup.id)).toBeNull();
    await act(rep3, a.id, 'approve').expect(404);

    // nor is it merged while pending
    const merge = await t.http.post(`/api/v1/leads/${own.id}/merge`).set(admin).send({ duplicateIds: [dup.id] }).expect(409);
    expect(merge.body).toMatchObject({ code: 'APPROVAL_PENDING', approvalId: a.id });

    const noComment = await act(managerS, a.id, 'reject', { comment: '  ' }).expect(400);
    expect(noComment.body).toMatchObject({ code: 'APPROVAL_COMMENT_REQUIRED', errors: [{ field: 'comment' }] });
    const rejected = await act(managerS, a.id, 'reject', { comment: '客户已由 Rep Two 跟进' }).expect(200);
    expect(rejected.body.status).toBe('rejected');
    expect(rejected.body.history.at(-1)).toMatchObject({ action: 'reject', actorId: managerS.id, comment: '客户已由 Rep Two 跟进' });
    // the leads module put it back: the duplicate is gone
    await t.http.get(`/api/v1/leads/${dup.id}`).set(bearer(rep1.token)).expect(404);
    const told = (await notifications(rep1)).find((n) => n.kind === 'approval.rejected' && n.entityId === a.id);
    expect(told?.body).toContain('客户已由 Rep Two 跟进');
    expect((await act(managerS, a.id, 'approve').expect(409)).body.code).toBe('APPROVAL_NOT_PENDING');
    // the submitter still sees the decision
    expect((await t.http.get(`/api/v1/approvals/${a.id}`).set(bearer(rep1.token)).expect(200)).body.status).toBe('rejected');
  });

  it('撞单 on accounts: approved by the owner\'s manager, the account stays and unlocks; a disabled flow lets Save anyway pass', async () => {
    const create = (who: U, body: Record<string, unknown>, q = '') => t.http.post(`/api/v1/accounts${q}`).set(bearer(who.token)).send(body);
    await create(rep2, { name: '南方公司', phone: '13900000009' }).expect(201);
    await create(rep1, { name: '南方公司 2', phone: '13900000009' }).expect(409);
    const dup = (await create(rep1, { name: '南方公司 2', phone: '13900000009' }, '?allowDuplicate=true').expect(201)).body;
    const a = (await approvalOf(rep1, 'account', dup.id))!;
    await t.http.patch(`/api/v1/accounts/${dup.id}`).set(bearer(rep1.token)).send({ industry: 'IT' }).expect(409);
    // ownership moves wait too
    expect((await t.http.post(`/api/v1/accounts/${dup.id}/assign`).set(admin).send({ ownerId: rep3.id }).expect(409)).body.code).toBe('APPROVAL_PENDING');
    await t.http.post(`/api/v1/accounts/${dup.id}/release`).set(bearer(rep1.token)).send({ reason: '不要了' }).expect(409);
    await t.http.get(`/api/v1/accounts/${dup.id}`).set(bearer(managerS.token)).expect(200);
    expect((await act(managerS, a.id, 'approve').expect(200)).body.status).toBe('approved');
    await t.http.patch(`/api/v1/accounts/${dup.id}`).set(bearer(rep1.token)).send({ industry: 'IT' }).expect(200);

    const flows = (await t.http.get('/api/v1/approval-flows?kind=account').set(admin).expect(200)).body.data as { id: string; trigger: string; version: number }[];
    const seeded = flows.find((f) => f.trigger === 'duplicate_override')!;
    await t.http.patch(`/api/v1/approval-flows/${seeded.id}`).set(admin).send({ enabled: false, version: seeded.version }).expect(200);
    const free = (await create(rep1, { name: '南方公司 3', phone: '13900000009' }, '?allowDuplicate=true').expect(201)).body;
    expect(await approvalOf(rep1, 'account', free.id)).toBeNull();
    await t.http.patch(`/api/v1/approval-flows/${seeded.id}`).set(admin).send({ enabled: true }).expect(200);
  });

  it('two approvers of an "any" step approving at once: exactly one decision counts', async () => {
    await flow({
      kind: 'account',
      trigger: 'duplicate_override',
      condition: { match: 'all', conditions: [{ field: 'city', op: 'eq', value: '并发市' }] },
      steps: [{ mode: 'any', approvers: [{ type: 'users', userIds: [u1.id, u2.id] }] }],
    });
    for (let round = 0; round < 3; round++) {
      const phone = `1370000000${round}`;
      await t.http.post('/api/v1/accounts').set(bearer(rep2.token)).send({ name: `并发 ${round}`, phone }).expect(201);
      const dup = (await t.http.post('/api/v1/accounts?allowDuplicate=true').set(bearer(rep1.token)).send({ name: `并发副本 ${round}`, phone, city: '并发市' }).expect(201)).body;
      const a = (await approvalOf(rep1, 'account', dup.id))!;
      expect(a.steps[0].tasks.map((x) => x.userId).sort()).toEqual([u1.id, u2.id].sort());
      const results = await Promise.all([act(u1, a.id, 'approve'), act(u2, a.id, 'approve')]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
      expect(results.find((r) => r.status === 409)!.body.code).toBe('APPROVAL_NOT_PENDING');
      const detail = (await t.http.get(`/api/v1/approvals/${a.id}`).set(bearer(rep1.token)).expect(200)).body as Detail;
      expect(detail.history.filter((h) => h.action === 'approve')).toHaveLength(1);
      expect(detail.steps[0].tasks.map((x) => x.status).sort()).toEqual(['approved', 'skipped']);
    }
  });

  it('transfer hands the step to another user; a delegate acts for the approver while they are away', async () => {
    await flow({
      kind: 'lead',
      trigger: 'duplicate_override',
      condition: { match: 'any', conditions: [{ field: 'city', op: 'eq', value: '转交市' }] },
      steps: [{ mode: 'all', approvers: [{ type: 'users', userIds: [u1.id] }] }],
    });
    await lead(rep2, { email: 'transfer@example.com' });
    const dup = await lead(rep1, { email: 'transfer@example.com', city: '转交市' }, true);
    const a = (await approvalOf(rep1, 'lead', dup.id))!;

    await act(u1, a.id, 'transfer', { toUserId: rep1.id }).expect(400); // not to the submitter
    await act(u1, a.id, 'transfer', { toUserId: u1.id }).expect(400); // already theirs
    const moved = await act(u1, a.id, 'transfer', { toUserId: u2.id, comment: '我休假' }).expect(200);
    expect(moved.body.steps[0].tasks.map((x: { userId: string; status: string }) => [x.userId, x.status])).toEqual([
      [u1.id, 'transferred'],
      [u2.id, 'pending'],
    ]);
    expect(moved.body.history.at(-1)).toMatchObject({ action: 'transfer', actorId: u1.id, targetId: u2.id, comment: '我休假' });
    expect((await act(u1, a.id, 'approve').expect(409)).body.code).toBe('APPROVAL_NOT_YOURS');
    expect((await box(u2, 'pending')).map((x) => x.id)).toContain(a.id);
    expect((await notifications(u2)).find((n) => n.kind === 'approval.requested' && n.entityId === a.id)).toBeTruthy();

    // u3 cannot act until u2 delegates
    await act(u3, a.id, 'approve').expect(404);
    const now = Date.now();
    await t.http.post('/api/v1/approvals/delegations').set(bearer(u2.token)).send({ delegateId: u2.id, startsAt: new Date(now).toISOString(), endsAt: new Date(now + 3600_000).toISOString() }).expect(400);
    await t.http.post('/api/v1/approvals/delegations').set(bearer(u2.token)).send({ delegateId: u3.id, startsAt: new Date(now + 3600_000).toISOString(), endsAt: new Date(now).toISOString() }).expect(400);
    // a delegation that starts tomorrow does not count today
    await t.http.post('/api/v1/approvals/delegations').set(bearer(u2.token)).send({ delegateId: u3.id, startsAt: new Date(now + 86400_000).toISOString(), endsAt: new Date(now + 2 * 86400_000).toISOString() }).expect(201);
    await act(u3, a.id, 'approve').expect(404);
    const d = await t.http.post('/api/v1/approvals/delegations').set(bearer(u2.token)).send({ delegateId: u3.id, startsAt: new Date(now - 60_000).toISOString(), endsAt: new Date(now + 3600_000).toISOString() }).expect(201);
    expect((await t.http.get('/api/v1/approvals/delegations').set(bearer(u3.token)).expect(200)).body.data.map((x: { id: string }) => x.id)).toContain(d.body.id);
    expect((await box(u3, 'pending')).map((x) => x.id)).toContain(a.id);
    await t.http.get(`/api/v1/leads/${dup.id}`).set(bearer(u3.token)).expect(403); // service agents have no leads at all

    const approved = await act(u3, a.id, 'approve').expect(200);
    expect(approved.body.status).toBe('approved');
    expect(approved.body.history.find((h: { action: string }) => h.action === 'approve')).toMatchObject({ actorId: u3.id, onBehalfOfId: u2.id });
    expect((await act(u2, a.id, 'approve').expect(409)).body.code).toBe('APPROVAL_NOT_PENDING');
    await t.http.delete(`/api/v1/approvals/delegations/${d.body.id}`).set(bearer(u3.token)).expect(404); // only the giver ends it
    await t.http.delete(`/api/v1/approvals/delegations/${d.body.id}`).set(bearer(u2.token)).expect(204);

    // comments from any of its people, after the decision too; others are told
    const commented = await act(rep1, a.id, 'comments', { comment: '谢谢' }).expect(200);
    expect(commented.body.history.at(-1)).toMatchObject({ action: 'comment', actorId: rep1.id, comment: '谢谢' });
    expect((await notifications(u2)).find((n) => n.kind === 'approval.commented' && n.entityId === a.id)).toBeTruthy();
    await act(rep3, a.id, 'comments', { comment: '路过' }).expect(404);
  });
});
