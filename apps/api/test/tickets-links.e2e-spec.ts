import { DataSource } from 'typeorm';
import { TicketTypesChannels1765250000000 } from '../src/migrations/1765250000000-ticket-types-channels';
import { startApp, TestApp } from './helpers/test-app';
import { bearer, buildOrg, createUser, Org } from './helpers/fixtures';

type U = { id: string; token: string };
type Row = Record<string, unknown> & { id: string; version: number };

/**
 * Service links and teams through HTTP on real PostgreSQL: the ticket types and channels (and the
 * migration of the old ones), links only to records the actor can read (a field rep outside the account's
 * scope gets 422 like for a missing record, nothing written), and a team change that hands the ticket to
 * the new team's least-loaded agent.
 */
describe('tickets: types, scoped links, team change (e2e)', () => {
  let t: TestApp;
  let org: Org;
  let admin: Record<string, string>;
  let fieldRep: U;
  let otherRep: U;
  let manager: U;
  let foreignAccount: string;
  let foreignContact: string;
  let foreignContract: string;
  let ownAccount: string;
  let seq = 0;

  const as = (u: U) => bearer(u.token);
  const count = async (path: string) => (await t.http.get(`${path}?limit=200`).set(admin).expect(200)).body.total as number;

  beforeAll(async () => {
    t = await startApp();
    org = await buildOrg(t);
    admin = bearer(org.adminToken);
    // a field engineer: tickets of their own, reads only their own accounts, contacts and contracts
    const role = await t.http
      .post('/api/v1/roles')
      .set(admin)
      .send({
        key: 'field_rep',
        name: 'Field rep',
        permissions: [
          { module: 'tickets', actions: ['read', 'create', 'update'], scope: 'own' },
          { module: 'accounts', actions: ['read', 'create', 'update'], scope: 'own' },
          { module: 'contacts', actions: ['read', 'create'], scope: 'own' },
          { module: 'contracts', actions: ['read'], scope: 'own' },
        ],
        specialPermissions: [],
      })
      .expect(201);
    fieldRep = await createUser(t, org, { role: role.body.id, departmentId: org.depts.east, name: '外勤 Field' });
    otherRep = await createUser(t, org, { role: 'sales_rep', departmentId: org.depts.south, name: '另一位销售' });
    manager = await createUser(t, org, { role: 'service_manager', departmentId: org.depts.service, name: '客服主管' });
    foreignAccount = (await t.http.post('/api/v1/accounts').set(as(otherRep)).send({ name: '华南远航贸易有限公司' }).expect(201)).body.id;
    foreignContact = (await t.http.post('/api/v1/contacts').set(as(otherRep)).send({ name: '林晓', accountId: foreignAccount }).expect(201)).body.id;
    foreignContract = (await t.http.post('/api/v1/contracts').set(as(otherRep)).send({ accountId: foreignAccount, title: '年度维保合同', amount: '36000.00' }).expect(201)).body.id;
    ownAccount = (await t.http.post('/api/v1/accounts').set(as(fieldRep)).send({ name: '东方精密仪器有限公司' }).expect(201)).body.id;
  });
  afterAll(() => t.close());

  it('takes the issue\'s types and channels, refuses the old ones, filters by them', async () => {
    const made = await t.http.post('/api/v1/tickets').set(admin).send({ subject: '短信报修', type: 'service_request', channel: 'sms' }).expect(201);
    expect(made.body).toMatchObject({ type: 'service_request', channel: 'sms' });
    const byDefault = await t.http.post('/api/v1/tickets').set(admin).send({ subject: '默认类型' }).expect(201);
    expect(byDefault.body.type).toBe('inquiry');
    await t.http.post('/api/v1/tickets').set(admin).send({ subject: 'API 提交的建议', type: 'feedback', channel: 'api' }).expect(201);
    const old = await t.http.post('/api/v1/tickets').set(admin).send({ subject: 'x', type: 'question', channel: 'chat' }).expect(400);
    expect(old.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['channel', 'type']);
    const feedback = (await t.http.get('/api/v1/tickets?type=feedback&channel=api').set(admin).expect(200)).body.data as Row[];
    expect(feedback.map((x) => x.subject)).toEqual(['API 提交的建议']);
    await t.http.get('/api/v1/tickets?type=incident').set(admin).expect(400);
  });

  it('maps the old types and channels in the migration (question → inquiry, incident/problem → fault, request → service_request)', async () => {
    const ds = t.app.get(DataSource);
    const qr = ds.createQueryRunner();
    try {
      await qr.startTransaction();
      await new TicketTypesChannels1765250000000().down(qr);
      const old = ['question', 'incident', 'problem', 'request', 'complaint'];
      const ids: string[] = [];
      for (const [i, type] of old.entries()) {
        const [row] = await qr.query(
          `INSERT INTO tickets (number, subject, type, channel, public_token, opened_at) VALUES ($1, $2, $3, $4, $5, now()) RETURNING id`,
          [`MIG-${i}`, `legacy ${type}`, type, i % 2 ? 'chat' : 'onsite', `mig-token-${i}`],
        );
        ids.push(row.id);
      }
      await qr.query(`INSERT INTO ticket_forms (name, key_hash, key_prefix, type) VALUES ('legacy form', repeat('a', 64), 'legacy', 'incident')`);
      await new TicketTypesChannels1765250000000().up(qr);
      const rows: { subject: string; type: string; channel: string }[] = await qr.query(`SELECT subject, type, channel FROM tickets WHERE id = ANY($1) ORDER BY number`, [ids]);
      expect(rows.map((r) => [r.subject, r.type, r.channel])).toEqual([
        ['legacy question', 'inquiry', 'phone'],
        ['legacy incident', 'fault', 'web'],
        ['legacy problem', 'fault', 'phone'],
        ['legacy request', 'service_request', 'web'],
        ['legacy complaint', 'complaint', 'phone'],
      ]);
      expect((await qr.query(`SELECT type FROM ticket_forms WHERE name = 'legacy form'`))[0].type).toBe('fault');
      // the lists stay closed: an old value no longer fits
      await expect(qr.query(`UPDATE tickets SET type = 'question' WHERE id = $1`, [ids[0]])).rejects.toThrow(/ck_tickets_type/);
    } finally {
      await qr.rollbackTransaction();
      await qr.release();
    }
  });

  it('refuses links to records outside the actor\'s scope like missing ones (422 on the field) and writes nothing', async () => {
    const tickets = await count('/api/v1/tickets');
    const link = async (body: Record<string, unknown>, field: string, code: string) => {
      const res = await t.http.post('/api/v1/tickets').set(as(fieldRep)).send({ subject: `越权关联 ${++seq}`, ...body }).expect(422);
      expect(res.body).toMatchObject({ code, errors: [{ field, code }] });
      return res.body;
    };
    const outside = await link({ accountId: foreignAccount }, 'accountId', 'TICKET_UNKNOWN_ACCOUNT');
    const missing = await link({ accountId: '00000000-0000-4000-8000-000000000000' }, 'accountId', 'TICKET_UNKNOWN_ACCOUNT');
    expect(outside.detail).toBe(missing.detail); // the same answer: nothing tells the record exists
    await link({ contactId: foreignContact }, 'contactId', 'TICKET_UNKNOWN_CONTACT');
    await link({ contractId: foreignContract }, 'contractId', 'TICKET_UNKNOWN_CONTRACT');
    const zh = await t.http.post('/api/v1/tickets').set(as(fieldRep)).set('Accept-Language', 'zh-CN').send({ subject: 'x', accountId: foreignAccount }).expect(422);
    expect(zh.body.detail).toBe('客户不存在或您无权查看。');
    expect(await count('/api/v1/tickets')).toBe(tickets);

    // a warranty record of someone else's scope, and the service record / return visit endpoints alike
    const record = (await t.http.post('/api/v1/service-records').set(admin).send({ accountId: foreignAccount, serialNumber: 'SN-FOREIGN-1' }).expect(201)).body;
    await link({ serviceRecordId: record.id }, 'serviceRecordId', 'TICKET_UNKNOWN_SERVICE_RECORD');
    const records = await count('/api/v1/service-records');
    const sr = await t.http.post('/api/v1/service-records').set(as(fieldRep)).send({ accountId: foreignAccount, serialNumber: 'SN-X-1' }).expect(422);
    expect(sr.body).toMatchObject({ code: 'TICKET_UNKNOWN_ACCOUNT', errors: [{ field: 'accountId' }] });
    expect(await count('/api/v1/service-records')).toBe(records);
    const visits = await count('/api/v1/return-visits');
    const rv = await t.http.post('/api/v1/return-visits').set(as(fieldRep)).send({ subject: '回访', accountId: foreignAccount, plannedDate: '2026-12-01' }).expect(422);
    expect(rv.body).toMatchObject({ code: 'RETURN_VISIT_UNKNOWN_ACCOUNT', errors: [{ field: 'accountId' }] });
    const othersTicket = (await t.http.post('/api/v1/tickets').set(admin).send({ subject: '别人的工单' }).expect(201)).body;
    const rvTicket = await t.http.post('/api/v1/return-visits').set(as(fieldRep)).send({ subject: '回访', accountId: ownAccount, ticketId: othersTicket.id, plannedDate: '2026-12-01' }).expect(422);
    expect(rvTicket.body).toMatchObject({ code: 'TICKET_UNKNOWN_TICKET', errors: [{ field: 'ticketId' }] });
    const rvContract = await t.http.post('/api/v1/return-visits').set(as(fieldRep)).send({ subject: '回访', accountId: ownAccount, contractId: foreignContract, plannedDate: '2026-12-01' }).expect(422);
    expect(rvContract.body.errors[0]).toMatchObject({ field: 'contractId', code: 'TICKET_UNKNOWN_CONTRACT' });
    expect(await count('/api/v1/return-visits')).toBe(visits);

    // inside the scope it works; an update to a foreign link is refused and the ticket stays as it was
    const mine = (await t.http.post('/api/v1/tickets').set(as(fieldRep)).send({ subject: '自己客户的工单', accountId: ownAccount }).expect(201)).body as Row;
    const patched = await t.http.patch(`/api/v1/tickets/${mine.id}`).set(as(fieldRep)).send({ accountId: foreignAccount, priority: 'urgent', version: mine.version }).expect(422);
    expect(patched.body.errors[0]).toMatchObject({ field: 'accountId', code: 'TICKET_UNKNOWN_ACCOUNT' });
    const after = (await t.http.get(`/api/v1/tickets/${mine.id}`).set(as(fieldRep)).expect(200)).body;
    expect(after).toMatchObject({ accountId: ownAccount, priority: 'normal', version: mine.version });
    await t.http.post('/api/v1/return-visits').set(as(fieldRep)).send({ subject: '回访', accountId: ownAccount, ticketId: mine.id, plannedDate: '2026-12-01' }).expect(201);

    // a link made by someone with a wider scope stays when the rep edits other fields
    const handed = (await t.http.post('/api/v1/tickets').set(admin).send({ subject: '主管建的工单', accountId: foreignAccount, assigneeId: fieldRep.id }).expect(201)).body as Row;
    const kept = await t.http.patch(`/api/v1/tickets/${handed.id}`).set(as(fieldRep)).send({ accountId: foreignAccount, priority: 'high', version: handed.version }).expect(200);
    expect(kept.body).toMatchObject({ accountId: foreignAccount, priority: 'high' });
  });

  it('hands a ticket moved to another team to that team\'s least-loaded agent (the old assignee is not a member)', async () => {
    const agents = await Promise.all(['一线 A', '二线 B', '二线 C'].map((name) => createUser(t, org, { role: 'service_agent', departmentId: org.depts.service, name })));
    const [a, b, c] = agents;
    const team = async (name: string, members: U[], autoAssign = true) =>
      (await t.http.post('/api/v1/ticket-teams').set(as(manager)).send({ name, leadId: manager.id, autoAssign, members: members.map((m) => ({ userId: m.id })) }).expect(201)).body.id as string;
    const tier1 = await team('一线', [a]);
    const tier2 = await team('二线', [b, c]);
    const manual = await team('专家组', [c], false);
    // b already carries one active ticket: c is the least loaded in tier 2
    await t.http.post('/api/v1/tickets').set(admin).send({ subject: '二线已有', teamId: tier2, assigneeId: b.id }).expect(201);
    const tk = (await t.http.post('/api/v1/tickets').set(admin).send({ subject: '升级到二线', teamId: tier1 }).expect(201)).body as Row;
    expect(tk.assigneeId).toBe(a.id);
    const moved = (await t.http.patch(`/api/v1/tickets/${tk.id}`).set(as(manager)).send({ teamId: tier2, version: tk.version }).expect(200)).body as Row;
    expect(moved).toMatchObject({ teamId: tier2, assigneeId: c.id, teamName: '二线' });
    const notes = (await t.http.get('/api/v1/notifications?limit=50').set(as(c)).expect(200)).body.data as { kind: string; entityId: string }[];
    expect(notes.some((n) => n.kind === 'ticket.assigned' && n.entityId === tk.id)).toBe(true);
    await t.http.get(`/api/v1/tickets/${tk.id}`).set(as(a)).expect(404); // out of the old agent's queue

    // a member of the new team keeps it; a named assignee must belong to the new team
    const kept = (await t.http.patch(`/api/v1/tickets/${tk.id}`).set(as(manager)).send({ teamId: manual, version: moved.version }).expect(200)).body as Row;
    expect(kept.assigneeId).toBe(c.id);
    const wrong = await t.http.patch(`/api/v1/tickets/${tk.id}`).set(as(manager)).send({ teamId: tier1, assigneeId: b.id, version: kept.version }).expect(400);
    expect(wrong.body.errors[0]).toMatchObject({ field: 'assigneeId', code: 'TICKET_ASSIGNEE_NOT_IN_TEAM' });
    // a team that assigns by hand takes it unassigned (its lead's department sees it in the unassigned queue)
    const back = (await t.http.patch(`/api/v1/tickets/${tk.id}`).set(as(manager)).send({ teamId: tier1, version: kept.version }).expect(200)).body as Row;
    expect(back.assigneeId).toBe(a.id);
    const toManual = (await t.http.patch(`/api/v1/tickets/${tk.id}`).set(as(manager)).send({ teamId: manual, version: back.version }).expect(200)).body as Row;
    expect(toManual).toMatchObject({ assigneeId: null, teamId: manual });
    const unassigned = (await t.http.get('/api/v1/tickets?queue=unassigned&limit=200').set(as(manager)).expect(200)).body.data as Row[];
    expect(unassigned.map((x) => x.id)).toContain(tk.id);
  });

  it('spreads parallel team changes by load under the team lock (no agent gets both)', async () => {
    const [x, y] = await Promise.all(['并发 X', '并发 Y'].map((name) => createUser(t, org, { role: 'service_agent', departmentId: org.depts.service, name })));
    const from = (await t.http.post('/api/v1/ticket-teams').set(as(manager)).send({ name: '来源组', leadId: manager.id, autoAssign: false, members: [] }).expect(201)).body.id;
    const to = (await t.http.post('/api/v1/ticket-teams').set(as(manager)).send({ name: '目标组', leadId: manager.id, members: [{ userId: x.id }, { userId: y.id }] }).expect(201)).body.id;
    const made = await Promise.all([1, 2].map(async (i) => (await t.http.post('/api/v1/tickets').set(admin).send({ subject: `并发 ${i}`, teamId: from }).expect(201)).body as Row));
    const moved = await Promise.all(made.map(async (tk) => (await t.http.patch(`/api/v1/tickets/${tk.id}`).set(as(manager)).send({ teamId: to, version: tk.version }).expect(200)).body as Row));
    expect(moved.map((m) => m.assigneeId).sort()).toEqual([x.id, y.id].sort());
  });
});
