import { randomUUID } from 'node:crypto';
import { startApp, TestApp } from './helpers/test-app';
import { bearer, buildOrg, createUser, Org } from './helpers/fixtures';

/**
 * Custom fields on quotes, contracts, tickets and projects (the same record-kit opt-in as leads), `user` and
 * `reference` values checked against their owners, and imports without the custom columns meeting required fields.
 */
// the machine is shared: starting the app and building the org can take long
jest.setTimeout(180_000);

describe('custom fields on every record kind (e2e)', () => {
  let t: TestApp;
  let org: Org;
  let admin: Record<string, string>;
  let rep: { id: string; token: string };
  let other: { id: string; token: string };
  let account: string;
  let otherAccount: string;

  beforeAll(async () => {
    t = await startApp();
    org = await buildOrg(t);
    admin = bearer(org.adminToken);
    rep = await createUser(t, org, { role: 'sales_rep', departmentId: org.depts.east, name: 'Rep' });
    other = await createUser(t, org, { role: 'sales_rep', departmentId: org.depts.south, name: 'Other' });
    account = (await t.http.post('/api/v1/accounts').set(bearer(rep.token)).send({ name: '自定义客户' }).expect(201)).body.id;
    otherAccount = (await t.http.post('/api/v1/accounts').set(bearer(other.token)).send({ name: '别人的客户' }).expect(201)).body.id;
  });
  afterAll(() => t.close());

  const define = async (body: Record<string, unknown>) => {
    const res = await t.http.post('/api/v1/custom-fields').set(admin).send({ labelZh: body.key, labelEn: body.key, ...body });
    if (res.status !== 201) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const ids = (res: { body: { data: { id: string }[] } }) => res.body.data.map((x) => x.id);

  it('quotes: writes a value, 400 on a bad one, filters, sorts and exports by it', async () => {
    await define({ kind: 'quotes', key: 'region', labelZh: '区域', labelEn: 'Region', type: 'select', filterable: true, options: [{ key: 'north', labelZh: '华北', labelEn: 'North' }, { key: 'south', labelZh: '华南', labelEn: 'South' }] });
    const lines = [{ name: 'CRM', quantity: '1', unitPrice: '100.00' }];
    const q = await t.http.post('/api/v1/quotes').set(bearer(rep.token)).send({ accountId: account, lines, custom: { region: 'north' } }).expect(201);
    expect(q.body.custom).toEqual({ region: 'north' });
    const q2 = await t.http.post('/api/v1/quotes').set(bearer(rep.token)).send({ accountId: account, lines }).expect(201);
    const bad = await t.http.post('/api/v1/quotes').set(bearer(rep.token)).send({ accountId: account, lines, custom: { region: 'mars' } }).expect(400);
    expect(bad.body.errors[0]).toMatchObject({ field: 'custom.region', code: 'CUSTOM_FIELD_OPTION' });
    const patched = await t.http.patch(`/api/v1/quotes/${q2.body.id}`).set(bearer(rep.token)).send({ version: q2.body.version, custom: { region: 'south' } }).expect(200);
    expect(patched.body.custom).toEqual({ region: 'south' });
    expect(ids(await t.http.get('/api/v1/quotes?custom.region=north').set(bearer(rep.token)).expect(200))).toEqual([q.body.id]);
    expect(ids(await t.http.get('/api/v1/quotes?sort=-custom.region').set(bearer(rep.token)).expect(200))).toEqual([q2.body.id, q.body.id]);
    const csv = await t.http.get('/api/v1/quotes/export?custom.region=south&lang=en-US').set(admin).expect(200);
    expect(csv.text).toContain('Region');
    expect(csv.text).toContain('South');
  });

  it('contracts: writes a value, 400 on a bad one, filters by a range', async () => {
    await define({ kind: 'contracts', key: 'renewBy', labelZh: '续约截止', labelEn: 'Renew by', type: 'date', filterable: true });
    const c = await t.http.post('/api/v1/contracts').set(bearer(rep.token)).send({ accountId: account, title: '合同甲', amount: '1000.00', custom: { renewBy: '2027-03-01' } }).expect(201);
    expect(c.body.custom).toEqual({ renewBy: '2027-03-01' });
    await t.http.post('/api/v1/contracts').set(bearer(rep.token)).send({ accountId: account, title: '合同乙', amount: '1000.00', custom: { renewBy: '2026-01-01' } }).expect(201);
    const bad = await t.http.post('/api/v1/contracts').set(bearer(rep.token)).send({ accountId: account, title: '合同丙', amount: '1000.00', custom: { renewBy: '2027-02-30' } }).expect(400);
    expect(bad.body.errors[0]).toMatchObject({ field: 'custom.renewBy', code: 'CUSTOM_FIELD_INVALID' });
    expect(ids(await t.http.get('/api/v1/contracts?custom.renewByFrom=2027-01-01').set(bearer(rep.token)).expect(200))).toEqual([c.body.id]);
    const unknown = await t.http.get('/api/v1/contracts?custom.nope=1').set(bearer(rep.token)).expect(400);
    expect(unknown.body.code).toBe('CUSTOM_FIELD_UNKNOWN');
  });

  it('tickets: writes a value, 400 on a bad one, filters by it; a required field is required of staff', async () => {
    await define({ kind: 'tickets', key: 'serial', labelZh: '序列号', labelEn: 'Serial', type: 'text', filterable: true });
    const tk = await t.http.post('/api/v1/tickets').set(admin).send({ subject: '打印机故障', custom: { serial: 'SN-001' } }).expect(201);
    expect(tk.body.custom).toEqual({ serial: 'SN-001' });
    await t.http.post('/api/v1/tickets').set(admin).send({ subject: '其他' }).expect(201);
    const bad = await t.http.post('/api/v1/tickets').set(admin).send({ subject: 'x', custom: { serial: 12 } }).expect(400);
    expect(bad.body.errors[0]).toMatchObject({ field: 'custom.serial', code: 'CUSTOM_FIELD_INVALID' });
    expect(ids(await t.http.get('/api/v1/tickets?custom.serial=SN-001').set(admin).expect(200))).toEqual([tk.body.id]);
    // a required field: staff must fill it (records the system makes without an actor get defaults only: next test)
    await define({ kind: 'tickets', key: 'site', type: 'text', required: true });
    const missing = await t.http.post('/api/v1/tickets').set(admin).send({ subject: '缺字段' }).expect(400);
    expect(missing.body.errors[0]).toMatchObject({ field: 'custom.site', code: 'CUSTOM_FIELD_REQUIRED' });
    await t.http.post('/api/v1/tickets').set(admin).send({ subject: '有字段', custom: { site: '上海' } }).expect(201);
  });

  it('a ticket the system opens without a signed-in user (public form) gets the defaults, and required fields never block it', async () => {
    // `site` (required, no default) is defined above; `channel` is required with a default
    await define({ kind: 'tickets', key: 'channel', type: 'text', required: true, defaultValue: '官网' });
    const team = (await t.http.post('/api/v1/ticket-teams').set(admin).send({ name: '官网支持' }).expect(201)).body;
    const form = (await t.http.post('/api/v1/ticket-forms').set(admin).send({ name: '官网表单', teamId: team.id }).expect(201)).body;
    const sent = await t.http
      .post('/api/v1/public/tickets')
      .set('X-Form-Key', form.key)
      .send({ subject: '公开表单报修', description: '打印机卡纸', name: '王先生', email: 'wang@example.com' })
      .expect(202);
    const found = (await t.http.get(`/api/v1/tickets?q=${encodeURIComponent('公开表单报修')}`).set(admin).expect(200)).body.data;
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ number: sent.body.number, custom: { channel: '官网' } });
    expect(found[0].custom.site ?? null).toBeNull();
    // the same submission by staff is refused: the rule is skipped only for records nobody signed in made
    const staff = await t.http.post('/api/v1/tickets').set(admin).send({ subject: '员工建单' }).expect(400);
    expect(staff.body.errors[0]).toMatchObject({ field: 'custom.site', code: 'CUSTOM_FIELD_REQUIRED' });
  });

  it('projects (new column): writes a value, 400 on a bad one, filters and sorts by it', async () => {
    await define({ kind: 'projects', key: 'budgetCap', labelZh: '预算上限', labelEn: 'Budget cap', type: 'money', filterable: true });
    const p = await t.http.post('/api/v1/projects').set(admin).send({ name: '实施项目', custom: { budgetCap: 5000 } }).expect(201);
    expect(p.body.custom).toEqual({ budgetCap: '5000.00' });
    const p2 = await t.http.post('/api/v1/projects').set(admin).send({ name: '小项目', custom: { budgetCap: '80.5' } }).expect(201);
    const bad = await t.http.post('/api/v1/projects').set(admin).send({ name: '坏项目', custom: { budgetCap: '1.234' } }).expect(400);
    expect(bad.body.errors[0]).toMatchObject({ field: 'custom.budgetCap', code: 'CUSTOM_FIELD_INVALID' });
    expect(ids(await t.http.get('/api/v1/projects?custom.budgetCapFrom=1000').set(admin).expect(200))).toEqual([p.body.id]);
    expect(ids(await t.http.get('/api/v1/projects?sort=custom.budgetCap').set(admin).expect(200))).toEqual([p2.body.id, p.body.id]);
    const patched = await t.http.patch(`/api/v1/projects/${p2.body.id}`).set(admin).send({ version: p2.body.version, custom: { budgetCap: null } }).expect(200);
    expect(patched.body.custom).toEqual({ budgetCap: null });
  });

  it('user values must be active users; reference values records that exist and the writer may read', async () => {
    await define({ kind: 'leads', key: 'reviewer', type: 'user' });
    await define({ kind: 'leads', key: 'partner', type: 'reference', refKind: 'account' });
    const lead = (token: string, custom: Record<string, unknown>, phone: string) => t.http.post('/api/v1/leads').set(bearer(token)).send({ name: '引用线索', phone, custom });
    const okLead = await lead(rep.token, { reviewer: other.id, partner: account }, '13800001001').expect(201);
    expect(okLead.body.custom).toMatchObject({ reviewer: other.id, partner: account });
    const noUser = await lead(rep.token, { reviewer: randomUUID() }, '13800001002').expect(400);
    expect(noUser.body.errors[0]).toMatchObject({ field: 'custom.reviewer', code: 'CUSTOM_FIELD_USER_NOT_FOUND' });
    const noRecord = await lead(rep.token, { partner: randomUUID() }, '13800001003').expect(400);
    expect(noRecord.body.errors[0]).toMatchObject({ field: 'custom.partner', code: 'CUSTOM_FIELD_REFERENCE_NOT_FOUND' });
    // another rep's account exists but is outside this rep's data scope: the same 400, nothing told about it
    const hidden = await lead(rep.token, { partner: otherAccount }, '13800001004').expect(400);
    expect(hidden.body.errors[0]).toMatchObject({ field: 'custom.partner', code: 'CUSTOM_FIELD_REFERENCE_NOT_FOUND' });
    // the admin reads every account
    await lead(org.adminToken, { partner: otherAccount }, '13800001005').expect(201);
    // a PATCH checks the value it writes
    const patch = await t.http.patch(`/api/v1/leads/${okLead.body.id}`).set(bearer(rep.token)).send({ version: okLead.body.version, custom: { partner: otherAccount } }).expect(400);
    expect(patch.body.errors[0].code).toBe('CUSTOM_FIELD_REFERENCE_NOT_FOUND');
    // a deactivated user is refused
    const gone = await createUser(t, org, { role: 'sales_rep', departmentId: org.depts.east, name: 'Gone' });
    const u = await t.http.get(`/api/v1/users/${gone.id}`).set(admin).expect(200);
    await t.http.patch(`/api/v1/users/${gone.id}`).set(admin).send({ version: u.body.version, active: false }).expect(200);
    const inactive = await lead(rep.token, { reviewer: gone.id }, '13800001006').expect(400);
    expect(inactive.body.errors[0].code).toBe('CUSTOM_FIELD_USER_NOT_FOUND');
  });

  it('an import without the custom columns still meets required fields; a default fills them', async () => {
    await define({ kind: 'accounts', key: 'taxNo', labelZh: '税号', labelEn: 'Tax number', type: 'text', required: true });
    const csv = ['客户名称,电话', '没有税号的客户,01088886666'].join('\n');
    const up = await t.http.post('/api/v1/imports').set(admin).field('entityType', 'account').attach('file', Buffer.from(csv), 'accounts.csv').expect(201);
    // a dry run already names the field
    const dryStart = await t.http.post(`/api/v1/imports/${up.body.id}/start`).set(admin).send({ mapping: up.body.mapping, duplicatePolicy: 'skip', upsertKey: 'phone', dryRun: true });
    expect([dryStart.status, dryStart.body.code]).toEqual([202, undefined]);
    const dry = (await t.http.get(`/api/v1/imports/${up.body.id}`).set(admin).expect(200)).body;
    expect(dry).toMatchObject({ status: 'validated', errorCount: 1 });
    await t.http.post(`/api/v1/imports/${up.body.id}/start`).set(admin).send({ mapping: up.body.mapping, duplicatePolicy: 'skip', upsertKey: 'phone' }).expect(202);
    const done = (await t.http.get(`/api/v1/imports/${up.body.id}`).set(admin).expect(200)).body;
    expect(done).toMatchObject({ status: 'completed', createdCount: 0, errorCount: 1 });
    const errs = await t.http.get(`/api/v1/imports/${up.body.id}/rows?outcome=error`).set(admin);
    if (errs.status === 200) expect(JSON.stringify(errs.body)).toContain('custom.taxNo');
    expect((await t.http.get('/api/v1/accounts?q=没有税号的客户').set(admin).expect(200)).body.data).toHaveLength(0);
    // with a default, the same file imports and the record carries it
    const def = (await t.http.get('/api/v1/custom-fields?kind=accounts').set(admin)).body.find((x: { key: string }) => x.key === 'taxNo');
    await t.http.patch(`/api/v1/custom-fields/${def.id}`).set(admin).send({ version: def.version, defaultValue: 'PENDING' }).expect(200);
    const again = await t.http.post('/api/v1/imports').set(admin).field('entityType', 'account').attach('file', Buffer.from(csv), 'accounts2.csv').expect(201);
    await t.http.post(`/api/v1/imports/${again.body.id}/start`).set(admin).send({ mapping: again.body.mapping, duplicatePolicy: 'skip', upsertKey: 'phone' }).expect(202);
    expect((await t.http.get(`/api/v1/imports/${again.body.id}`).set(admin).expect(200)).body).toMatchObject({ status: 'completed', createdCount: 1, errorCount: 0 });
    const listed = await t.http.get('/api/v1/accounts?custom.taxNo=PENDING').set(admin).expect(200);
    expect(listed.body.data.map((a: { name: string }) => a.name)).toEqual(['没有税号的客户']);
  });
});
