import { startApp, TestApp } from './helpers/test-app';
import { bearer, buildOrg, createUser, Org, setOwnersSeeOwnUnmasked } from './helpers/fixtures';

type U = { id: string; token: string };

/** Activities: logging moves last-activity times and the lead score, inbound call matching, type rules, scope, CRUD. */
describe('activities (e2e)', () => {
  let t: TestApp;
  let org: Org;
  let admin: Record<string, string>;
  let manager: U;
  let repEast: U;
  let repSouth: U;
  let seq = 0;

  const mobile = () => `1392${String(1000000 + ++seq).slice(-7)}`;
  const post = (who: U | Record<string, string>, path: string, body: Record<string, unknown>) =>
    t.http.post(`/api/v1/${path}`).set('token' in who ? bearer((who as U).token) : who).send(body);
  const created = async (who: U, path: string, body: Record<string, unknown>) => {
    const res = await post(who, path, body);
    if (res.status !== 201) throw new Error(`POST ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const log = (who: U, body: Record<string, unknown>) => post(who, 'activities', body);

  beforeAll(async () => {
    t = await startApp();
    org = await buildOrg(t);
    // these specs are about what a rep sees of records without viewSensitive: owners' unmasking off
    await setOwnersSeeOwnUnmasked(t, org, 'sales_rep', false);
    admin = bearer(org.adminToken);
    manager = await createUser(t, org, { role: 'sales_manager', departmentId: org.depts.sales, name: 'Manager' });
    repEast = await createUser(t, org, { role: 'sales_rep', departmentId: org.depts.east, name: 'Rep East' });
    repSouth = await createUser(t, org, { role: 'sales_rep', departmentId: org.depts.south, name: 'Rep South' });
  });
  afterAll(() => t.close());

  it('logging a call on a contact moves the contact and its account last activity time; on a lead also its score', async () => {
    const account = await created(repEast, 'accounts', { name: '上海云启科技有限公司' });
    const contact = await created(repEast, 'contacts', { accountId: account.id, name: '陈静', mobile: mobile() });
    expect(contact.lastActivityAt).toBeNull();
    const occurredAt = new Date(Date.now() - 3600_000).toISOString();
    const call = await log(repEast, {
      type: 'call',
      contactId: contact.id,
      subject: '电话沟通年度套餐',
      durationSec: 185,
      outcome: 'connected',
      occurredAt,
    }).expect(201);
    expect(call.body).toMatchObject({
      type: 'call',
      direction: 'outbound',
      contactId: contact.id,
      contactName: '陈静',
      accountId: account.id,
      accountName: '上海云启科技有限公司',
      ownerId: repEast.id,
      ownerName: 'Rep East',
      departmentId: org.depts.east,
      occurredAt,
      status: null,
      version: 1,
    });
    const c = await t.http.get(`/api/v1/contacts/${contact.id}`).set(bearer(repEast.token)).expect(200);
    const a = await t.http.get(`/api/v1/accounts/${account.id}`).set(bearer(repEast.token)).expect(200);
    expect([c.body.lastActivityAt, a.body.lastActivityAt]).toEqual([occurredAt, occurredAt]);
    // the derived time does not bump the record's version (no 412 for someone editing it)
    expect(c.body.version).toBe(contact.version);

    // an older activity never moves it back; a future one counts as now
    await log(repEast, { type: 'note', contactId: contact.id, content: '旧记录', occurredAt: '2024-01-01T00:00:00.000Z' }).expect(201);
    expect((await t.http.get(`/api/v1/contacts/${contact.id}`).set(bearer(repEast.token))).body.lastActivityAt).toBe(occurredAt);

    const lead = await created(repEast, 'leads', { name: '王小明', company: '杭州数联', phone: mobile(), source: 'web' });
    expect(lead.score).toBe(40);
    await log(repEast, { type: 'email', leadId: lead.id, subject: '产品资料' }).expect(201);
    await log(repEast, { type: 'call', leadId: lead.id, outcome: 'no_answer' }).expect(201);
    // a planned visit is not a follow-up yet and does not score
    const visit = await log(repEast, { type: 'visit', leadId: lead.id, plannedAt: new Date(Date.now() + 86400_000).toISOString(), location: '杭州' }).expect(201);
    expect(visit.body).toMatchObject({ status: 'planned', plannedAt: visit.body.occurredAt });
    let l = (await t.http.get(`/api/v1/leads/${lead.id}`).set(bearer(repEast.token))).body;
    expect(l.score).toBe(40 + 2 * 7);
    expect(new Date(l.lastActivityAt).getTime()).toBeGreaterThan(Date.now() - 60_000);

    // rescheduling moves it on the calendar and the timeline
    const later = new Date(Date.now() + 2 * 86400_000).toISOString();
    const moved = await t.http.patch(`/api/v1/activities/${visit.body.id}`).set(bearer(repEast.token)).send({ plannedAt: later }).expect(200);
    expect(moved.body).toMatchObject({ plannedAt: later, occurredAt: later, status: 'planned' });

    // marking the visit done counts it, dated now rather than its future plan time
    const done = await t.http.patch(`/api/v1/activities/${visit.body.id}`).set(bearer(repEast.token)).send({ status: 'done', content: '见到了采购经理' }).expect(200);
    expect(new Date(done.body.occurredAt).getTime()).toBeLessThanOrEqual(Date.now());
    l = (await t.http.get(`/api/v1/leads/${lead.id}`).set(bearer(repEast.token))).body;
    expect(l.score).toBe(40 + 3 * 7);

    // deleting rescores (reps may not delete; their manager may), restoring (admin) counts it again
    await t.http.delete(`/api/v1/activities/${done.body.id}`).set(bearer(repEast.token)).expect(403);
    await t.http.delete(`/api/v1/activities/${done.body.id}`).set(bearer(manager.token)).set('If-Match', '"2"').expect(412);
    await t.http.delete(`/api/v1/activities/${done.body.id}`).set(bearer(manager.token)).expect(204);
    await t.http.get(`/api/v1/activities/${done.body.id}`).set(bearer(repEast.token)).expect(404);
    expect((await t.http.get(`/api/v1/leads/${lead.id}`).set(bearer(repEast.token))).body.score).toBe(40 + 2 * 7);
    await t.http.post(`/api/v1/activities/${done.body.id}/restore`).set(bearer(repEast.token)).expect(403);
    await t.http.post(`/api/v1/activities/${done.body.id}/restore`).set(admin).expect(200);
    expect((await t.http.get(`/api/v1/leads/${lead.id}`).set(bearer(repEast.token))).body.score).toBe(40 + 3 * 7);
  });

  it('matches an inbound call to the contact (and its account) by caller phone, masked for reps', async () => {
    const account = await created(repEast, 'accounts', { name: '杭州来电科技有限公司' });
    const number = mobile();
    const contact = await created(repEast, 'contacts', { accountId: account.id, name: '刘洋', mobile: number });
    const call = await log(repEast, {
      type: 'call',
      direction: 'inbound',
      callerPhone: `${number.slice(0, 3)} ${number.slice(3, 7)} ${number.slice(7)}`,
      outcome: 'connected',
      durationSec: 42,
    }).expect(201);
    expect(call.body).toMatchObject({ contactId: contact.id, accountId: account.id, direction: 'inbound', callerPhone: `${number.slice(0, 3)}****${number.slice(-4)}` });
    const forAdmin = await t.http.get(`/api/v1/activities/${call.body.id}`).set(admin).expect(200);
    expect(forAdmin.body.callerPhone).toBe(`+86${number}`);
    // the call log: inbound calls of the contact
    const calls = await t.http.get(`/api/v1/activities?type=call&direction=inbound&contactId=${contact.id}`).set(bearer(repEast.token)).expect(200);
    expect(calls.body.data.map((a: { id: string }) => a.id)).toEqual([call.body.id]);

    // a number only a lead has falls back to the lead; unknown or out-of-scope numbers need a record
    const leadNumber = mobile();
    const lead = await created(repEast, 'leads', { name: '线索来电', phone: leadNumber });
    const toLead = await log(repEast, { type: 'call', direction: 'inbound', callerPhone: leadNumber }).expect(201);
    expect(toLead.body).toMatchObject({ leadId: lead.id, contactId: null, accountId: null });
    const unknown = await log(repEast, { type: 'call', direction: 'inbound', callerPhone: mobile() }).expect(400);
    expect(unknown.body.code).toBe('ACTIVITY_RELATED_REQUIRED');
    const southNumber = mobile();
    const southAccount = await created(repSouth, 'accounts', { name: '深圳南方贸易有限公司' });
    await created(repSouth, 'contacts', { accountId: southAccount.id, name: '南方联系人', mobile: southNumber });
    await log(repEast, { type: 'call', direction: 'inbound', callerPhone: southNumber }).expect(400);
    // outbound calls are never matched
    await log(repEast, { type: 'call', callerPhone: number }).expect(400);
  });

  it('validates type-specific fields, related records and versions', async () => {
    const account = await created(repEast, 'accounts', { name: '苏州校验有限公司' });
    const bad = await log(repEast, { type: 'fax', durationSec: -1, occurredAt: 'yesterday', callerPhone: '123', accountId: 'x' }).expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['type', 'durationSec', 'occurredAt', 'callerPhone', 'accountId']));
    const wrongType = await log(repEast, { type: 'note', accountId: account.id, durationSec: 30 }).expect(400);
    expect(wrongType.body).toMatchObject({ code: 'ACTIVITY_FIELD_NOT_APPLICABLE', errors: [{ field: 'durationSec' }] });
    await log(repEast, { type: 'call', accountId: account.id, location: '上海' }).expect(400);
    expect((await log(repEast, { type: 'note', content: 'x' }).expect(400)).body.code).toBe('ACTIVITY_RELATED_REQUIRED');
    await log(repEast, { type: 'note', accountId: '00000000-0000-4000-8000-000000000000' }).expect(404);
    const other = await created(repEast, 'accounts', { name: '无锡另一家有限公司' });
    const contact = await created(repEast, 'contacts', { accountId: account.id, name: '王磊' });
    expect((await log(repEast, { type: 'note', contactId: contact.id, accountId: other.id }).expect(400)).body.code).toBe('RELATED_ACCOUNT_MISMATCH');

    const note = await log(repEast, { type: 'note', accountId: account.id, content: '初稿' }).expect(201);
    await t.http.patch(`/api/v1/activities/${note.body.id}`).set(bearer(repEast.token)).send({ type: 'call' }).expect(400);
    await t.http.patch(`/api/v1/activities/${note.body.id}`).set(bearer(repEast.token)).send({ outcome: 'busy' }).expect(400);
    const edited = await t.http.patch(`/api/v1/activities/${note.body.id}`).set(bearer(repEast.token)).send({ content: '定稿', version: 1 }).expect(200);
    expect(edited.body).toMatchObject({ content: '定稿', version: 2 });
    const stale = await t.http.patch(`/api/v1/activities/${note.body.id}`).set(bearer(repEast.token)).set('If-Match', '"1"').send({ content: 'x' }).expect(412);
    expect(stale.body.code).toBe('STALE_VERSION');
  });

  it('scopes activities by owner and department; records out of scope are 404', async () => {
    const eastAccount = await created(repEast, 'accounts', { name: '南京金陵有限公司' });
    const southAccount = await created(repSouth, 'accounts', { name: '广州粤海有限公司' });
    const southLead = await created(repSouth, 'leads', { name: '南方线索' });
    await log(repEast, { type: 'note', accountId: southAccount.id }).expect(404);
    await log(repEast, { type: 'note', leadId: southLead.id }).expect(404);
    const southNote = await log(repSouth, { type: 'note', accountId: southAccount.id, subject: '南方备注' }).expect(201);
    const eastNote = await log(repEast, { type: 'note', accountId: eastAccount.id, subject: '东部备注' }).expect(201);
    const byManager = await log(manager, { type: 'meeting', accountId: southAccount.id, subject: '经理会议' }).expect(201);
    expect(byManager.body).toMatchObject({ ownerId: manager.id, departmentId: org.depts.sales, status: 'done' });

    for (const req of [
      t.http.get(`/api/v1/activities/${southNote.body.id}`),
      t.http.patch(`/api/v1/activities/${southNote.body.id}`).send({ content: 'x' }),
    ]) {
      expect((await req.set(bearer(repEast.token))).status).toBe(404);
    }
    const eastList = await t.http.get('/api/v1/activities?limit=200').set(bearer(repEast.token)).expect(200);
    expect(eastList.body.data.every((a: { ownerId: string }) => a.ownerId === repEast.id)).toBe(true);
    const mgrList = await t.http.get(`/api/v1/activities?limit=200&q=备注`).set(bearer(manager.token)).expect(200);
    expect(mgrList.body.data.map((a: { id: string }) => a.id)).toEqual(expect.arrayContaining([southNote.body.id, eastNote.body.id]));
    const mine = await t.http.get(`/api/v1/activities?ownerId=${manager.id}`).set(bearer(manager.token)).expect(200);
    expect(mine.body.data.map((a: { id: string }) => a.id)).toEqual([byManager.body.id]);
  });

  it('lists with filters, time ranges, sorts and keyset pages', async () => {
    const account = await created(repEast, 'accounts', { name: '合肥分页有限公司' });
    const base = Date.parse('2025-03-01T02:00:00.000Z');
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await log(repEast, { type: i % 2 ? 'visit' : 'call', accountId: account.id, occurredAt: new Date(base + i * 86400_000).toISOString() }).expect(201);
      ids.push(res.body.id);
    }
    const q = `accountId=${account.id}`;
    const p1 = await t.http.get(`/api/v1/activities?${q}&limit=2`).set(bearer(repEast.token)).expect(200);
    expect(p1.body.total).toBe(5);
    const p2 = await t.http.get(`/api/v1/activities?${q}&limit=2&cursor=${p1.body.nextCursor}`).set(bearer(repEast.token)).expect(200);
    const p3 = await t.http.get(`/api/v1/activities?${q}&limit=2&cursor=${p2.body.nextCursor}`).set(bearer(repEast.token)).expect(200);
    expect(p3.body.nextCursor).toBeNull();
    expect([...p1.body.data, ...p2.body.data, ...p3.body.data].map((a: { id: string }) => a.id)).toEqual([...ids].reverse());
    const range = await t.http
      .get(`/api/v1/activities?${q}&type=call&occurredAtFrom=2025-03-02T00:00:00Z&occurredAtTo=2025-03-06T00:00:00Z&sort=createdAt`)
      .set(bearer(repEast.token))
      .expect(200);
    expect(range.body.data.map((a: { id: string }) => a.id)).toEqual([ids[2], ids[4]]);
    await t.http.get('/api/v1/activities?sort=subject').set(bearer(repEast.token)).expect(400);
    await t.http.get('/api/v1/activities?type=fax').set(bearer(repEast.token)).expect(400);
  });
});
