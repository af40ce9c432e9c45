import { DataSource } from 'typeorm';
import { startApp, TestApp } from './helpers/test-app';
import { bearer, buildOrg, createUser, Org, setOwnersSeeOwnUnmasked } from './helpers/fixtures';

describe('lead conversion and global search (e2e)', () => {
  let t: TestApp;
  let org: Org;
  let rep: { id: string; token: string };
  let other: { id: string; token: string };
  beforeAll(async () => {
    t = await startApp();
    org = await buildOrg(t);
    // these specs are about what a rep sees of records without viewSensitive: owners' unmasking off
    await setOwnersSeeOwnUnmasked(t, org, 'sales_rep', false);
    rep = await createUser(t, org, { role: 'sales_rep', departmentId: org.depts.east, name: 'Rep' });
    other = await createUser(t, org, { role: 'sales_rep', departmentId: org.depts.south, name: 'Other' });
  });
  afterAll(() => t.close());

  const count = async (table: string) => Number((await t.app.get(DataSource).query(`SELECT count(*) AS n FROM ${table}`))[0].n);
  let n = 0;
  const newLead = async (extra: Record<string, unknown> = {}) => {
    n += 1;
    return (
      await t.http
        .post('/api/v1/leads')
        .set(bearer(rep.token))
        .send({ name: `转化 ${n}`, company: `转化测试公司 ${n}`, title: '经理', phone: `1360000${String(1000 + n)}`, email: `conv${n}@example.com`, province: '上海市', ...extra })
        .expect(201)
    ).body;
  };

  it('creates the account and contact from the lead and makes the lead read-only', async () => {
    const lead = await newLead();
    const res = await t.http.post(`/api/v1/leads/${lead.id}/convert`).set(bearer(rep.token)).send({}).expect(200);
    expect(res.body.account).toMatchObject({ name: lead.company, type: 'company', ownerId: rep.id, province: '上海市' });
    expect(res.body.contact).toMatchObject({ name: lead.name, accountId: res.body.account.id, title: '经理', isPrimary: true });
    expect(res.body.contact.mobile).toBe('136****' + lead.phone.slice(-4));
    expect(res.body.lead).toMatchObject({
      status: 'converted',
      convertedAccountId: res.body.account.id,
      convertedContactId: res.body.contact.id,
    });
    const again = await t.http.post(`/api/v1/leads/${lead.id}/convert`).set(bearer(rep.token)).send({}).expect(409);
    expect(again.body).toMatchObject({ code: 'LEAD_ALREADY_CONVERTED', convertedAccountId: res.body.account.id });
    const edit = await t.http.patch(`/api/v1/leads/${lead.id}`).set(bearer(rep.token)).send({ name: 'x' }).expect(409);
    expect(edit.body.code).toBe('LEAD_CONVERTED');
    const trail = await t.http.get(`/api/v1/audit-logs?entityId=${lead.id}&action=convert`).set(bearer(org.adminToken)).expect(200);
    expect(trail.body.total).toBe(1);
    // the account takes the number the lead was reached on (unless copyPhoneToAccount: false)
    expect(res.body.account.phone).toBe('136****' + lead.phone.slice(-4));
    // the person now exists as a contact and the account has the number: a new lead with that phone matches them, not the lead
    const dup = await t.http.post('/api/v1/leads').set(bearer(rep.token)).send({ name: 'again', phone: `1360000${1000 + n}` }).expect(409);
    expect(dup.body.matches.map((x: { entityType: string; id: string }) => [x.entityType, x.id]).sort()).toEqual(
      [['account', res.body.account.id], ['contact', res.body.contact.id]].sort(),
    );
  });

  it('links an existing account instead of creating one', async () => {
    const acct = await t.http.post('/api/v1/accounts').set(bearer(rep.token)).send({ name: '已有客户有限公司' }).expect(201);
    const lead = await newLead({ company: '已有客户有限公司' });
    const res = await t.http.post(`/api/v1/leads/${lead.id}/convert`).set(bearer(rep.token)).send({ accountId: acct.body.id, createContact: false }).expect(200);
    expect(res.body.account.id).toBe(acct.body.id);
    expect(res.body.contact).toBeNull();
    const foreign = await t.http.post('/api/v1/accounts').set(bearer(other.token)).send({ name: '别人的客户' }).expect(201);
    const lead2 = await newLead();
    await t.http.post(`/api/v1/leads/${lead2.id}/convert`).set(bearer(rep.token)).send({ accountId: foreign.body.id }).expect(404);
    await t.http.post(`/api/v1/leads/${lead2.id}/convert`).set(bearer(rep.token)).send({ accountId: acct.body.id, account: { name: 'x' } }).expect(400);
  });

  it('leaves nothing behind when a step fails (one transaction)', async () => {
    const taken = await t.http
      .post('/api/v1/accounts')
      .set(bearer(rep.token))
      .send({ name: 'Holder Ltd' })
      .expect(201);
    await t.http.post('/api/v1/contacts').set(bearer(rep.token)).send({ accountId: taken.body.id, name: 'Holder', email: 'clash@example.com' }).expect(201);
    const lead = await t.http.post('/api/v1/leads?allowDuplicate=true').set(bearer(rep.token)).send({ name: 'Clash', company: 'Fresh Co', email: 'clash@example.com' }).expect(201);
    const before = { accounts: await count('accounts'), contacts: await count('contacts') };
    const res = await t.http.post(`/api/v1/leads/${lead.body.id}/convert`).set(bearer(rep.token)).send({}).expect(409);
    expect(res.body.code).toBe('DUPLICATE_FOUND');
    expect({ accounts: await count('accounts'), contacts: await count('contacts') }).toEqual(before);
    const still = await t.http.get(`/api/v1/leads/${lead.body.id}`).set(bearer(rep.token)).expect(200);
    expect(still.body.status).not.toBe('converted');
    const bad = await t.http.post(`/api/v1/leads/${lead.body.id}/convert`).set(bearer(rep.token)).send({ contact: { email: 'not-an-email' } }).expect(400);
    expect(bad.body.errors[0].field).toBe('contact.email');
    // the override is spelled as on every endpoint: a query parameter (the body field of the first version is deprecated)
    await t.http.post(`/api/v1/leads/${lead.body.id}/convert?allowDuplicate=maybe`).set(bearer(rep.token)).send({}).expect(400);
    const forced = await t.http.post(`/api/v1/leads/${lead.body.id}/convert?allowDuplicate=true`).set(bearer(rep.token)).send({}).expect(200);
    expect(forced.body.account.name).toBe('Fresh Co');
  });

  it('needs the create permission of what a conversion creates', async () => {
    const mkt = await createUser(t, org, { role: 'marketing', departmentId: org.depts.sales, name: 'Mkt' });
    const lead = await t.http.post('/api/v1/leads').set(bearer(mkt.token)).send({ name: 'Mkt lead', company: 'Mkt Co', phone: '13699990001' }).expect(201);
    const res = await t.http.post(`/api/v1/leads/${lead.body.id}/convert`).set(bearer(mkt.token)).send({}).expect(403);
    expect(res.body.detail).toMatch(/accounts:create/);
  });

  it('searches leads, accounts and contacts in scope, masked', async () => {
    const lead = await newLead({ company: '云启搜索科技有限公司', name: '搜索人' });
    await t.http.post(`/api/v1/leads/${lead.id}/convert`).set(bearer(rep.token)).send({}).expect(200);
    await newLead({ company: '云启第二家', phone: '13611112222' });
    const res = await t.http.get(`/api/v1/search?q=${encodeURIComponent('云启')}`).set(bearer(rep.token)).expect(200);
    expect(res.body.accounts.map((a: { name: string }) => a.name)).toContain('云启搜索科技有限公司');
    expect(res.body.leads.map((l: { company: string }) => l.company)).toContain('云启第二家');
    const byPhone = await t.http.get('/api/v1/search?q=13611112222').set(bearer(rep.token)).expect(200);
    expect(byPhone.body.leads[0].phone).toBe('136****2222');
    const outsider = await t.http.get(`/api/v1/search?q=${encodeURIComponent('云启')}`).set(bearer(other.token)).expect(200);
    expect(outsider.body).toEqual({ leads: [], accounts: [], contacts: [], objects: [] });
    await t.http.get('/api/v1/search').set(bearer(rep.token)).expect(400);
  });
});
