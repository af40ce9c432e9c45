import { startApp, TestApp } from './helpers/test-app';
import { bearer, buildOrg, createUser, Org } from './helpers/fixtures';
import { TicketClock } from '../src/modules/tickets/ticket-clock';
import { TicketSlaService } from '../src/modules/tickets/ticket-sla.service';

type U = { id: string; token: string };
type Ticket = Record<string, unknown> & { id: string; number: string; status: string; assigneeId: string | null; version: number; publicToken: string; surveyToken: string | null };

/** Tickets through HTTP on real PostgreSQL: SLA in working time (weekend, National Day, 调休), pauses, escalation, round-robin, public side. */
describe('tickets (e2e)', () => {
  let t: TestApp;
  let t2: TestApp;
  let org: Org;
  let admin: Record<string, string>;
  let manager: U;
  let lead: U;
  let a1: U;
  let a2: U;
  let a3: U;
  let outsider: U;
  let teamId: string;
  const at = (iso: string) => {
    t.app.get(TicketClock).set(iso);
    t2?.app.get(TicketClock).set(iso);
  };
  const create = async (who: Record<string, string>, body: Record<string, unknown>, status = 201) =>
    (await t.http.post('/api/v1/tickets').set(who).send(body).expect(status)).body as Ticket;
  const get = async (id: string, who = admin) => (await t.http.get(`/api/v1/tickets/${id}`).set(who).expect(200)).body as Ticket;
  const move = (id: string, status: string, who = admin) => t.http.post(`/api/v1/tickets/${id}/status`).set(who).send({ status });
  const notes = async (who: U) =>
    ((await t.http.get('/api/v1/notifications?limit=200').set(bearer(who.token)).expect(200)).body.data as { kind: string; entityId: string }[]);

  beforeAll(async () => {
    t = await startApp();
    t2 = await startApp({ url: t.url });
    org = await buildOrg(t);
    admin = bearer(org.adminToken);
    manager = await createUser(t, org, { role: 'service_manager', departmentId: org.depts.service, name: '主管' });
    lead = await createUser(t, org, { role: 'service_agent', departmentId: org.depts.service, name: 'Lead' });
    a1 = await createUser(t, org, { role: 'service_agent', departmentId: org.depts.service, name: 'Agent 1' });
    a2 = await createUser(t, org, { role: 'service_agent', departmentId: org.depts.service, name: 'Agent 2' });
    a3 = await createUser(t, org, { role: 'service_agent', departmentId: org.depts.service, name: 'Agent 3' });
    outsider = await createUser(t, org, { role: 'service_agent', departmentId: org.depts.east, name: 'Outsider' });
    const team = await t.http
      .post('/api/v1/ticket-teams')
      .set(bearer(manager.token))
      .send({ name: '一线支持', leadId: lead.id, members: [{ userId: a1.id }, { userId: a2.id }, { userId: a3.id }] })
      .expect(201);
    teamId = team.body.id;
  });
  afterAll(async () => {
    await t2?.close();
    await t.close();
  });

  it('computes SLA due times in working time across a weekend, National Day and the make-up Saturday', async () => {
    // Friday 6 November 2026 17:30 Beijing, high priority (first response 60, resolution 480 working minutes)
    at('2026-11-06T17:30:00+08:00');
    const weekend = await create(admin, { subject: 'Weekend', priority: 'high' });
    expect(weekend).toMatchObject({ number: expect.stringMatching(/^T20261106-\d{4}$/), status: 'new', slaPolicyName: '高 High' });
    expect(weekend.firstResponseDueAt).toBe('2026-11-09T01:30:00.000Z'); // Monday 09:30
    expect(weekend.resolutionDueAt).toBe('2026-11-09T09:30:00.000Z'); // Monday 17:30
    // Wednesday 30 September 17:30: National Day 1–7 October is skipped
    at('2026-09-30T17:30:00+08:00');
    const holiday = await create(admin, { subject: 'Holiday', priority: 'high' });
    expect(holiday.firstResponseDueAt).toBe('2026-10-08T01:30:00.000Z');
    expect(holiday.resolutionDueAt).toBe('2026-10-08T09:30:00.000Z');
    // Friday 9 October 17:30: Saturday 10 October is a make-up working day (调休)
    at('2026-10-09T17:30:00+08:00');
    const makeup = await create(admin, { subject: 'Make-up day', priority: 'high' });
    expect(makeup.firstResponseDueAt).toBe('2026-10-10T01:30:00.000Z');
    // a call logged afterwards counts from when it came in
    at('2026-11-09T10:00:00+08:00');
    const logged = await create(admin, { subject: 'Logged late', priority: 'high', openedAt: '2026-11-06T17:30:00+08:00' });
    expect(logged.firstResponseDueAt).toBe('2026-11-09T01:30:00.000Z');
  });

  it('suggests published knowledge-base articles by the subject (never drafts)', async () => {
    await t.http.post('/api/v1/kb/articles').set(admin).send({ title: '如何申请退款', body: '在订单页点击“申请退款”，三个工作日内到账。', status: 'published' }).expect(201);
    await t.http.post('/api/v1/kb/articles').set(admin).send({ title: '退款草稿', body: '还没写完的退款说明', status: 'draft' }).expect(201);
    const ticket = await create(admin, { subject: '客户申请退款一直没有到账' });
    const titles = ((await get(ticket.id)).suggestedArticles as { title: string }[]).map((a) => a.title);
    expect(titles).toContain('如何申请退款');
    expect(titles).not.toContain('退款草稿');
  });

  it('keeps an unassigned ticket in the department of its team lead, so the service manager finds it in the unassigned queue', async () => {
    const manual = (
      await t.http.post('/api/v1/ticket-teams').set(bearer(manager.token)).send({ name: '二线支持', leadId: lead.id, autoAssign: false, members: [{ userId: a3.id }] }).expect(201)
    ).body.id as string;
    const ticket = await create(admin, { subject: '无人认领的工单', teamId: manual });
    expect(ticket.assigneeId).toBeNull();
    const unassigned = (await t.http.get('/api/v1/tickets?queue=unassigned&limit=200').set(bearer(manager.token)).expect(200)).body.data as Ticket[];
    expect(unassigned.map((x) => x.id)).toContain(ticket.id);
    await t.http.get(`/api/v1/tickets/${ticket.id}`).set(bearer(outsider.token)).expect(404);
  });

  it('stops the clock while pending and recomputes the due times with the pause when it resumes', async () => {
    at('2026-11-09T10:00:00+08:00');
    const tk = await create(admin, { subject: 'Pause me', priority: 'high' });
    expect(tk.firstResponseDueAt).toBe('2026-11-09T03:00:00.000Z'); // 11:00
    expect(tk.resolutionDueAt).toBe('2026-11-10T02:00:00.000Z'); // Tuesday 10:00
    at('2026-11-09T10:30:00+08:00');
    const paused = (await move(tk.id, 'pending').expect(200)).body as Ticket;
    expect(paused).toMatchObject({ status: 'pending', slaPaused: true, firstResponseDueAt: null, resolutionDueAt: null, slaNextDueAt: null });
    at('2026-11-09T11:00:00+08:00');
    const resumed = (await move(tk.id, 'open').expect(200)).body as Ticket;
    expect(resumed).toMatchObject({ status: 'open', slaPaused: false, pauses: [{ from: '2026-11-09T02:30:00.000Z', to: '2026-11-09T03:00:00.000Z' }] });
    expect(resumed.firstResponseDueAt).toBe('2026-11-09T03:30:00.000Z'); // 30 minutes later
    expect(resumed.resolutionDueAt).toBe('2026-11-10T02:30:00.000Z');
    // the first public reply records the first response (on time); an internal note does not
    at('2026-11-09T11:10:00+08:00');
    await t.http.post(`/api/v1/tickets/${tk.id}/comments`).set(admin).send({ body: '内部备注', visibility: 'internal' }).expect(201);
    expect((await get(tk.id)).firstRespondedAt).toBeNull();
    await t.http.post(`/api/v1/tickets/${tk.id}/comments`).set(admin).send({ body: '您好，我们正在处理', visibility: 'public' }).expect(201);
    const answered = await get(tk.id);
    expect(answered).toMatchObject({ firstRespondedAt: '2026-11-09T03:10:00.000Z', firstResponseBreached: false });
    const conversation = (await t.http.get(`/api/v1/tickets/${tk.id}/comments`).set(admin).expect(200)).body.data;
    expect(conversation.map((c: { visibility: string }) => c.visibility)).toEqual(['internal', 'public']);
  });

  it('assigns round-robin to the least-loaded active agent, also under parallel creates, and reassigns by hand', async () => {
    at('2026-11-09T10:00:00+08:00');
    // a1 already holds two, a2 one
    await create(admin, { subject: 'pre 1', teamId, assigneeId: a1.id });
    await create(admin, { subject: 'pre 2', teamId, assigneeId: a1.id });
    await create(admin, { subject: 'pre 3', teamId, assigneeId: a2.id });
    const first = await create(admin, { subject: 'rr 1', teamId });
    expect(first.assigneeId).toBe(a3.id);
    const parallel = await Promise.all(Array.from({ length: 5 }, (_, i) => create(admin, { subject: `rr p${i}`, teamId })));
    expect(parallel.every((x) => x.assigneeId)).toBe(true);
    const team = (await t.http.get(`/api/v1/ticket-teams/${teamId}`).set(admin).expect(200)).body as { members: { userId: string; openTickets: number }[] };
    expect(team.members.map((m) => m.openTickets).sort()).toEqual([3, 3, 3]);
    // an agent on leave gets none
    await t.http.patch(`/api/v1/ticket-teams/${teamId}`).set(bearer(manager.token)).send({ members: [{ userId: a1.id }, { userId: a2.id, active: false }, { userId: a3.id }] }).expect(200);
    const next = await Promise.all([create(admin, { subject: 'rr x', teamId }), create(admin, { subject: 'rr y', teamId })]);
    expect(next.map((x) => x.assigneeId).sort()).toEqual([a1.id, a3.id].sort());
    const moved = (await t.http.post(`/api/v1/tickets/${first.id}/assign`).set(bearer(manager.token)).send({ assigneeId: a1.id }).expect(200)).body;
    expect(moved.assigneeId).toBe(a1.id);
    const notInTeam = await t.http.post(`/api/v1/tickets/${first.id}/assign`).set(bearer(manager.token)).send({ assigneeId: outsider.id }).expect(400);
    expect(notInTeam.body.errors[0]).toMatchObject({ field: 'assigneeId', code: 'TICKET_ASSIGNEE_NOT_IN_TEAM' });
    await t.http.patch(`/api/v1/ticket-teams/${teamId}`).set(bearer(manager.token)).send({ members: [{ userId: a1.id }, { userId: a2.id }, { userId: a3.id }] }).expect(200);
    // an agent may not manage teams
    await t.http.post('/api/v1/ticket-teams').set(bearer(a1.token)).send({ name: 'Mine' }).expect(403);
  });

  it('warns before a breach and marks the breach exactly once, with two instances running the job at once', async () => {
    const high = ((await t.http.get('/api/v1/sla-policies').set(admin).expect(200)).body.data as { id: string; priority: string; accountLevel: string | null }[]).find((p) => p.priority === 'high' && !p.accountLevel)!;
    await t.http.patch(`/api/v1/sla-policies/${high.id}`).set(bearer(manager.token)).send({ raisePriority: true }).expect(200);
    await t.http.patch(`/api/v1/sla-policies/${high.id}`).set(bearer(a1.token)).send({ raisePriority: false }).expect(403);
    at('2026-11-16T10:00:00+08:00');
    const tk = await create(admin, { subject: 'Escalate', priority: 'high', teamId, assigneeId: a2.id });
    expect(tk.firstResponseDueAt).toBe('2026-11-16T03:00:00.000Z');
    const slaA = t.app.get(TicketSlaService);
    const slaB = t2.app.get(TicketSlaService);
    at('2026-11-16T10:40:00+08:00');
    const warned = await Promise.all([slaA.escalate(), slaB.escalate()]);
    expect(warned.reduce((n, r) => n + r.warned, 0)).toBe(1);
    const breaching = (await t.http.get('/api/v1/tickets?queue=breaching').set(bearer(a2.token)).expect(200)).body.data as Ticket[];
    expect(breaching.map((x) => x.id)).toEqual([tk.id]);
    expect((await get(tk.id)).priority).toBe('urgent'); // the policy raises the priority once, when about to breach
    await t.http.patch(`/api/v1/sla-policies/${high.id}`).set(bearer(manager.token)).send({ raisePriority: false }).expect(200);
    at('2026-11-16T11:05:00+08:00');
    const runs = await Promise.all([slaA.escalate(), slaB.escalate(), slaA.escalate()]);
    expect(runs.reduce((n, r) => n + r.breached, 0)).toBe(1);
    expect((await slaB.escalate()).breached).toBe(0);
    const after = await get(tk.id);
    expect(after).toMatchObject({ firstResponseBreached: true, slaBreached: true, resolutionBreached: false });
    for (const who of [a2, lead]) {
      const mine = (await notes(who)).filter((n) => n.entityId === tk.id);
      expect(mine.filter((n) => n.kind === 'ticket.slaWarning')).toHaveLength(1);
      expect(mine.filter((n) => n.kind === 'ticket.slaBreached')).toHaveLength(1);
    }
    const breached = (await t.http.get('/api/v1/tickets?queue=breached').set(bearer(a2.token)).expect(200)).body.data as Ticket[];
    expect(breached.map((x) => x.id)).toContain(tk.id);
    const history = (await t.http.get(`/api/v1/tickets/${tk.id}/history`).set(admin).expect(200)).body.data as { action: string }[];
    expect(history.filter((h) => h.action === 'slaBreach')).toHaveLength(1);
    expect(history.filter((h) => h.action === 'escalate')).toHaveLength(1);
  });

  it('keeps tickets inside the data scope: an agent sees their own, the manager the department, an outsider nothing', async () => {
    at('2026-11-16T10:00:00+08:00');
    const tk = await create(admin, { subject: 'Scoped', teamId, assigneeId: a1.id });
    await t.http.get(`/api/v1/tickets/${tk.id}`).set(bearer(a2.token)).expect(404);
    await t.http.get(`/api/v1/tickets/${tk.id}`).set(bearer(outsider.token)).expect(404);
    await t.http.post(`/api/v1/tickets/${tk.id}/comments`).set(bearer(outsider.token)).send({ body: 'x', visibility: 'public' }).expect(404);
    await t.http.get(`/api/v1/tickets/${tk.id}`).set(bearer(a1.token)).expect(200);
    await t.http.get(`/api/v1/tickets/${tk.id}`).set(bearer(manager.token)).expect(200);
    // without a team, an agent (scope own) may not hand a ticket to someone else
    const handed = await t.http.post('/api/v1/tickets').set(bearer(a1.token)).send({ subject: 'Not mine to give', assigneeId: a2.id }).expect(403);
    expect(handed.body.code).toBe('OWNER_OUT_OF_SCOPE');
    const mine = (await t.http.get('/api/v1/tickets?queue=mine&limit=200').set(bearer(a1.token)).expect(200)).body.data as Ticket[];
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((x) => x.assigneeId === a1.id)).toBe(true);
    const team = (await t.http.get('/api/v1/tickets?queue=team&limit=200').set(bearer(manager.token)).expect(200)).body;
    expect(team.data).toEqual([]); // the manager is in no team
    const dept = (await t.http.get(`/api/v1/tickets?teamId=${teamId}&limit=200`).set(bearer(manager.token)).expect(200)).body.data as Ticket[];
    expect(dept.map((x) => x.id)).toContain(tk.id);
    expect((await t.http.get('/api/v1/tickets').set(bearer(outsider.token)).expect(200)).body.data).toEqual([]);
    // stale version: 412; export follows the scope
    await t.http.patch(`/api/v1/tickets/${tk.id}`).set(bearer(a1.token)).send({ priority: 'high', version: tk.version + 5 }).expect(412);
    const edited = (await t.http.patch(`/api/v1/tickets/${tk.id}`).set(bearer(a1.token)).send({ priority: 'high', version: tk.version }).expect(200)).body;
    expect(edited).toMatchObject({ priority: 'high', slaPolicyName: '高 High' });
    const csv = await t.http.get('/api/v1/tickets/export?format=csv').set(bearer(manager.token)).expect(200);
    expect(csv.text).toContain(tk.number);
    await t.http.get('/api/v1/tickets/export?format=csv').set(bearer(a1.token)).expect(403); // agents have no export grant
  });

  it('answers 400 with field codes on bad input and 409 with the allowed moves on illegal transitions', async () => {
    const empty = await t.http.post('/api/v1/tickets').set(admin).send({ priority: 'bogus' }).expect(400);
    expect(empty.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['priority', 'subject']);
    const account = await t.http.post('/api/v1/tickets').set(admin).send({ subject: 'x', accountId: '00000000-0000-4000-8000-000000000000' }).expect(422);
    expect(account.body.errors[0]).toMatchObject({ field: 'accountId', code: 'TICKET_UNKNOWN_ACCOUNT' });
    const future = await t.http.post('/api/v1/tickets').set(admin).send({ subject: 'x', openedAt: '2030-01-01T00:00:00Z' }).expect(400);
    expect(future.body.errors[0]).toMatchObject({ field: 'openedAt', code: 'TICKET_OPENED_IN_FUTURE' });
    const badComment = await t.http.post('/api/v1/sla-policies').set(admin).send({ name: 'x', priority: 'high', firstResponseMinutes: 0, resolutionMinutes: 10 }).expect(400);
    expect(badComment.body.errors[0].field).toBe('firstResponseMinutes');
    await t.http.post('/api/v1/sla-policies').set(admin).send({ name: 'dup', priority: 'high', firstResponseMinutes: 10, resolutionMinutes: 10 }).expect(409);

    const tk = await create(admin, { subject: 'Moves' });
    const zh = await t.http.post(`/api/v1/tickets/${tk.id}/status`).set(admin).set('Accept-Language', 'zh-CN').send({ status: 'reopened' }).expect(409);
    expect(zh.body.detail).toBe('状态为 new 的工单不能改为 reopened。');
    const illegal = await move(tk.id, 'reopened').expect(409);
    expect(illegal.body).toMatchObject({ code: 'TICKET_ILLEGAL_TRANSITION', allowed: ['open', 'pending', 'resolved', 'closed'] });
    await move(tk.id, 'closed').expect(200);
    const closed = await move(tk.id, 'open').expect(409);
    expect(closed.body).toMatchObject({ code: 'TICKET_ILLEGAL_TRANSITION', allowed: [] });
    await t.http.post(`/api/v1/tickets/${tk.id}/comments`).set(admin).send({ body: 'late', visibility: 'public' }).expect(409);
  });

  it('issues a survey token on resolution, answered once (also when two answers race)', async () => {
    at('2026-11-16T10:00:00+08:00');
    const tk = await create(admin, { subject: 'Survey', requesterName: '王先生' });
    const resolved = (await move(tk.id, 'resolved').expect(200)).body as Ticket;
    expect(resolved.surveyToken).toEqual(expect.any(String));
    const token = resolved.surveyToken!;
    expect((await t.http.get(`/api/v1/public/surveys/${token}`).expect(200)).body).toMatchObject({ number: tk.number, answered: false });
    const answers = await Promise.all([
      t.http.post(`/api/v1/public/surveys/${token}`).send({ rating: 5, comment: '很满意' }),
      t.http.post(`/api/v1/public/surveys/${token}`).send({ rating: 1 }),
    ]);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(answers.find((r) => r.status === 409)!.body.code).toBe('TICKET_SURVEY_ANSWERED');
    await t.http.post(`/api/v1/public/surveys/${token}`).send({ rating: 4 }).expect(409);
    const bad = await t.http.post(`/api/v1/public/surveys/${token}`).send({ rating: 6 }).expect(400);
    expect(bad.body.errors[0].field).toBe('rating');
    await t.http.get('/api/v1/public/surveys/nope').expect(404);
    const shown = await get(tk.id);
    expect([1, 5]).toContain(shown.surveyRating);

    // an unanswered survey closes when the ticket reopens; the next resolution issues a new token
    const again = await create(admin, { subject: 'Survey reopened' });
    const first = ((await move(again.id, 'resolved').expect(200)).body as Ticket).surveyToken!;
    await move(again.id, 'reopened').expect(200);
    await t.http.get(`/api/v1/public/surveys/${first}`).expect(404);
    const second = ((await move(again.id, 'resolved').expect(200)).body as Ticket).surveyToken!;
    expect(second).not.toBe(first);
    await t.http.post(`/api/v1/public/surveys/${second}`).send({ rating: 4 }).expect(200);
  });

  it('reopens a resolved ticket on a customer reply within TICKET_REOPEN_DAYS, and opens a new linked ticket after', async () => {
    at('2026-11-02T10:00:00+08:00');
    const soon = await create(admin, { subject: 'Reopen me', teamId, assigneeId: a3.id });
    const late = await create(admin, { subject: 'Too late', teamId, assigneeId: a3.id });
    await move(soon.id, 'resolved').expect(200);
    await move(late.id, 'resolved').expect(200);
    at('2026-11-05T10:00:00+08:00'); // 3 days
    const r1 = await t.http.post(`/api/v1/public/tickets/${soon.publicToken}/replies`).send({ body: '问题又出现了' }).expect(200);
    expect(r1.body).toMatchObject({ outcome: 'reopened', number: soon.number });
    expect(await get(soon.id)).toMatchObject({ status: 'reopened', resolvedAt: null });
    at('2026-11-10T10:00:00+08:00'); // 8 days
    const r2 = await t.http.post(`/api/v1/public/tickets/${late.publicToken}/replies`).send({ body: '还是不行' }).expect(200);
    expect(r2.body.outcome).toBe('created');
    const linked = (await t.http.get(`/api/v1/tickets?parentTicketId=${late.id}`).set(admin).expect(200)).body.data as Ticket[];
    expect(linked).toHaveLength(1);
    const child = await get(linked[0].id);
    expect(child).toMatchObject({ number: r2.body.number, parentTicketId: late.id, parentTicketNumber: late.number, status: 'new', teamId });
    expect(await get(late.id)).toMatchObject({ status: 'resolved' });
    // a reply on a pending ticket opens it again and starts the next-response clock
    at('2026-11-10T10:00:00+08:00');
    const pend = await create(admin, { subject: 'Waiting on customer', priority: 'high' });
    await t.http.post(`/api/v1/tickets/${pend.id}/comments`).set(admin).send({ body: '请提供日志', visibility: 'public' }).expect(201);
    await move(pend.id, 'pending').expect(200);
    at('2026-11-10T11:00:00+08:00');
    expect((await t.http.post(`/api/v1/public/tickets/${pend.publicToken}/replies`).send({ body: '日志见附件' }).expect(200)).body.outcome).toBe('replied');
    const back = await get(pend.id);
    expect(back).toMatchObject({ status: 'open', nextResponseDueAt: '2026-11-10T06:00:00.000Z' }); // 120 working minutes from 11:00, lunch skipped → 14:00
    await t.http.post('/api/v1/public/tickets/unknown/replies').send({ body: 'x' }).expect(404);
  });
});

describe('return visits and warranty records (e2e)', () => {
  let t: TestApp;
  afterAll(() => t.close());

  it('plans return visits (my visits due) and keeps warranty records a ticket shows', async () => {
    t = await startApp();
    const org = await buildOrg(t);
    const admin = bearer(org.adminToken);
    const agent = await createUser(t, org, { role: 'service_agent', departmentId: org.depts.service, name: 'Agent' });
    const other = await createUser(t, org, { role: 'service_agent', departmentId: org.depts.service, name: 'Other' });
    t.app.get(TicketClock).set('2026-11-16T10:00:00+08:00');
    const account = (await t.http.post('/api/v1/accounts').set(admin).send({ name: '上海云启科技有限公司' }).expect(201)).body;
    const covered = (await t.http.post('/api/v1/service-records').set(admin).send({ accountId: account.id, productName: '智能终端 X1', serialNumber: 'SN-001', purchaseDate: '2025-12-01', warrantyEnd: '2026-11-30' }).expect(201)).body;
    expect(covered).toMatchObject({ serialNumber: 'SN-001', underWarranty: true, accountName: '上海云启科技有限公司' });
    const expired = (await t.http.post('/api/v1/service-records').set(admin).send({ accountId: account.id, productName: '智能终端 X1', serialNumber: 'SN-002', warrantyEnd: '2026-11-15', history: [{ date: '2026-03-01', note: '更换电池' }] }).expect(201)).body;
    expect(expired).toMatchObject({ underWarranty: false, history: [{ date: '2026-03-01', note: '更换电池' }] });
    const dup = await t.http.post('/api/v1/service-records').set(admin).send({ accountId: account.id, serialNumber: 'sn-001' }).expect(409);
    expect(dup.body.code).toBe('SERVICE_RECORD_SERIAL_TAKEN');
    const order = await t.http.post('/api/v1/service-records').set(admin).send({ accountId: account.id, serialNumber: 'SN-3', purchaseDate: '2026-01-02', warrantyEnd: '2026-01-01' }).expect(400);
    expect(order.body.errors[0]).toMatchObject({ field: 'warrantyEnd', code: 'SERVICE_RECORD_DATES_ORDER' });
    const onlyCovered = (await t.http.get('/api/v1/service-records?underWarranty=true').set(admin).expect(200)).body.data;
    expect(onlyCovered.map((r: { serialNumber: string }) => r.serialNumber)).toEqual(['SN-001']);

    const tk = (await t.http.post('/api/v1/tickets').set(admin).send({ subject: '终端无法开机', accountId: account.id, serviceRecordId: covered.id }).expect(201)).body;
    expect(tk.warranty).toMatchObject({ serialNumber: 'SN-001', warrantyEnd: '2026-11-30', underWarranty: true });
    const bad = await t.http.post('/api/v1/tickets').set(admin).send({ subject: 'x', serviceRecordId: '00000000-0000-4000-8000-000000000000' }).expect(422);
    expect(bad.body.errors[0]).toMatchObject({ field: 'serviceRecordId', code: 'TICKET_UNKNOWN_SERVICE_RECORD' });

    const due = (await t.http.post('/api/v1/return-visits').set(admin).send({ subject: '维修后回访', accountId: account.id, ticketId: tk.id, plannedDate: '2026-11-16', assigneeId: agent.id }).expect(201)).body;
    await t.http.post('/api/v1/return-visits').set(admin).send({ subject: '下周回访', accountId: account.id, plannedDate: '2026-11-23', assigneeId: agent.id }).expect(201);
    await t.http.post('/api/v1/return-visits').set(admin).send({ subject: '别人的', accountId: account.id, plannedDate: '2026-11-10', assigneeId: other.id }).expect(201);
    const mine = (await t.http.get('/api/v1/return-visits?dueMine=true').set(bearer(agent.token)).expect(200)).body.data;
    expect(mine.map((v: { subject: string }) => v.subject)).toEqual(['维修后回访']);
    await t.http.get(`/api/v1/return-visits/${due.id}`).set(bearer(other.token)).expect(404);
    const done = (await t.http.patch(`/api/v1/return-visits/${due.id}`).set(bearer(agent.token)).send({ status: 'done', outcome: '已恢复正常', satisfaction: 5 }).expect(200)).body;
    expect(done).toMatchObject({ status: 'done', satisfaction: 5, doneAt: expect.any(String) });
    expect((await t.http.get('/api/v1/return-visits?dueMine=true').set(bearer(agent.token)).expect(200)).body.data).toEqual([]);
    const badVisit = await t.http.post('/api/v1/return-visits').set(admin).send({ subject: 'x', accountId: account.id, plannedDate: '2026-13-01', satisfaction: 9 }).expect(400);
    expect(badVisit.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['plannedDate', 'satisfaction']);
  });
});

describe('public ticket endpoints (e2e)', () => {
  let t: TestApp;
  afterAll(() => t.close());

  it('needs the form key and is rate limited per client', async () => {
    t = await startApp({ config: { publicRateLimit: { points: 4, windowSec: 60 } } });
    const admin = bearer(await t.login());
    const team = (await t.http.post('/api/v1/ticket-teams').set(admin).send({ name: 'Web' }).expect(201)).body;
    const form = (await t.http.post('/api/v1/ticket-forms').set(admin).send({ name: '官网表单', teamId: team.id, priority: 'high' }).expect(201)).body;
    expect(form.key).toMatch(/^tf_/);
    const body = { subject: '无法登录', description: '一直提示密码错误', name: '李女士', email: 'li@example.com' };
    const none = await t.http.post('/api/v1/public/tickets').send(body).expect(401);
    expect(none.body.code).toBe('TICKET_FORM_KEY_INVALID');
    await t.http.post('/api/v1/public/tickets').set('X-Form-Key', 'tf_wrong').send(body).expect(401);
    const ok = await t.http.post('/api/v1/public/tickets').set('X-Form-Key', form.key).send(body).expect(202);
    expect(ok.body).toMatchObject({ number: expect.stringMatching(/^T\d{8}-\d{4}$/), token: expect.any(String) });
    const bad = await t.http.post('/api/v1/public/tickets').set('X-Form-Key', form.key).send({ ...body, subject: '' }).expect(400);
    expect(bad.body.errors[0].field).toBe('subject');
    const limited = await t.http.post('/api/v1/public/tickets').set('X-Form-Key', form.key).send(body).expect(429);
    expect(limited.body.code).toBe('RATE_LIMITED');
    await t.http.get('/api/v1/public/surveys/whatever').expect(429);
    const list = (await t.http.get('/api/v1/tickets').set(admin).expect(200)).body.data as Ticket[];
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ priority: 'high', channel: 'web', teamId: team.id, requesterName: '李女士' });
  });
});
