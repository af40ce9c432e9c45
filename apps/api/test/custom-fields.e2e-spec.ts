import { DataSource } from 'typeorm';
import { startApp, TestApp } from './helpers/test-app';
import { bearer, buildOrg, createUser, Org, setOwnersSeeOwnUnmasked } from './helpers/fixtures';

describe('custom fields (e2e)', () => {
  let t: TestApp;
  let org: Org;
  let admin: Record<string, string>;
  let manager: { id: string; token: string };
  let rep: { id: string; token: string };
  let ds: DataSource;

  beforeAll(async () => {
    t = await startApp();
    ds = t.app.get(DataSource);
    org = await buildOrg(t);
    await setOwnersSeeOwnUnmasked(t, org, 'sales_rep', false);
    admin = bearer(org.adminToken);
    manager = await createUser(t, org, { role: 'sales_manager', departmentId: org.depts.sales, name: 'Manager' });
    rep = await createUser(t, org, { role: 'sales_rep', departmentId: org.depts.east, name: 'Rep' });
  });
  afterAll(() => t.close());

  const define = async (body: Record<string, unknown>, status = 201) => {
    const res = await t.http.post('/api/v1/custom-fields').set(admin).send({ kind: 'leads', labelZh: body.key, labelEn: body.key, ...body });
    if (res.status !== status) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  let seq = 13900000000;
  const lead = (token: string, custom: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
    t.http.post('/api/v1/leads').set(bearer(token)).send({ name: '客户', phone: String((seq += 11)), custom, ...extra });

  const tier = [
    { key: 'gold', labelZh: '金牌', labelEn: 'Gold', color: '#e6a23c' },
    { key: 'silver', labelZh: '银牌', labelEn: 'Silver' },
    { key: 'old', labelZh: '旧', labelEn: 'Old' },
  ];

  it('defines every type; refuses bad keys, missing options, bad defaults; only admins define', async () => {
    await define({ key: 'tier', labelZh: '等级', labelEn: 'Tier', type: 'select', options: tier, filterable: true });
    await define({ key: 'tags2', type: 'multiSelect', options: tier });
    await define({ key: 'budget', labelZh: '预算', labelEn: 'Budget', type: 'money', filterable: true });
    await define({ key: 'seats', type: 'number', defaultValue: 5 });
    await define({ key: 'due', labelZh: '到期日', labelEn: 'Due date', type: 'date', filterable: true });
    await define({ key: 'metAt', type: 'datetime' });
    await define({ key: 'vip', type: 'boolean' });
    await define({ key: 'memo', type: 'longText' });
    await define({ key: 'nick', labelZh: '昵称', labelEn: 'Nickname', type: 'text' });
    await define({ key: 'helper', type: 'user' });
    await define({ key: 'mobile2', labelZh: '备用手机', labelEn: 'Second mobile', type: 'phone' });
    await define({ key: 'mail2', labelZh: '备用邮箱', labelEn: 'Second email', type: 'email' });
    await define({ key: 'site', type: 'url' });
    await define({ key: 'acct', type: 'reference', refKind: 'account' });
    await define({ key: 'erpCode', type: 'text', unique: true });

    for (const key of ['Bad', '1x', 'x-y', "a'; drop table leads;--", 'custom.x', '']) {
      const r = await t.http.post('/api/v1/custom-fields').set(admin).send({ kind: 'leads', key, labelZh: 'x', labelEn: 'x', type: 'text' }).expect(400);
      expect(r.body.errors[0].field).toBe('key');
    }
    const noOptions = await t.http.post('/api/v1/custom-fields').set(admin).send({ kind: 'leads', key: 'empty', labelZh: 'x', labelEn: 'x', type: 'select' }).expect(400);
    expect(noOptions.body.errors[0]).toMatchObject({ field: 'options', code: 'CUSTOM_FIELD_INVALID' });
    const badDefault = await t.http.post('/api/v1/custom-fields').set(admin).send({ kind: 'leads', key: 'n2', labelZh: 'x', labelEn: 'x', type: 'number', defaultValue: 'abc' }).expect(400);
    expect(badDefault.body.errors[0].field).toBe('defaultValue');
    const taken = await t.http.post('/api/v1/custom-fields').set(admin).send({ kind: 'leads', key: 'tier', labelZh: 'x', labelEn: 'x', type: 'text' }).expect(409);
    expect(taken.body.code).toBe('CUSTOM_FIELD_KEY_TAKEN');
    await t.http.post('/api/v1/custom-fields').set(bearer(rep.token)).send({ kind: 'leads', key: 'mine', labelZh: 'x', labelEn: 'x', type: 'text' }).expect(403);
    await t.http.get('/api/v1/custom-fields?kind=unknown').set(admin).expect(400);

    const listed = await t.http.get('/api/v1/custom-fields?kind=leads').set(bearer(rep.token)).expect(200);
    expect(listed.body.map((f: { key: string }) => f.key)).toContain('tier');
    // the filterable field got its expression index, built concurrently outside the transaction
    const idx = await ds.query(`SELECT indexname FROM pg_indexes WHERE tablename = 'leads' AND indexname LIKE 'ix_cf_leads_%'`);
    expect(idx.map((r: { indexname: string }) => r.indexname).sort()).toEqual(['ix_cf_leads_budget', 'ix_cf_leads_due', 'ix_cf_leads_tier']);
  });

  it('validates every type on write with a 400 naming custom.<key>', async () => {
    const bad: [string, unknown, string][] = [
      ['tier', 'platinum', 'CUSTOM_FIELD_OPTION'],
      ['tags2', ['gold', 'nope'], 'CUSTOM_FIELD_OPTION'],
      ['budget', '12.345', 'CUSTOM_FIELD_INVALID'],
      ['seats', 'many', 'CUSTOM_FIELD_INVALID'],
      ['due', '2026-02-30', 'CUSTOM_FIELD_INVALID'],
      ['metAt', 'yesterday', 'CUSTOM_FIELD_INVALID'],
      ['vip', 'maybe', 'CUSTOM_FIELD_INVALID'],
      ['memo', 'x'.repeat(10001), 'CUSTOM_FIELD_INVALID'],
      ['nick', 42, 'CUSTOM_FIELD_INVALID'],
      ['helper', 'not-a-uuid', 'CUSTOM_FIELD_INVALID'],
      ['mobile2', '12', 'CUSTOM_FIELD_INVALID'],
      ['mail2', 'nobody', 'CUSTOM_FIELD_INVALID'],
      ['site', 'javascript:alert(1)', 'CUSTOM_FIELD_INVALID'],
      ['acct', '1', 'CUSTOM_FIELD_INVALID'],
      ['nope', 'x', 'CUSTOM_FIELD_UNKNOWN'],
    ];
    for (const [key, value, code] of bad) {
      const r = await lead(rep.token, { [key]: value }).expect(400);
      expect(r.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: `custom.${key}`, code })]));
    }
    const notObject = await lead(rep.token, 'x' as never).expect(400);
    expect(notObject.body.errors[0].field).toBe('custom');
  });

  let full: { id: string; version: number };
  it('stores normalized values, applies defaults, masks phone/email without viewSensitive, audits per field', async () => {
    const r = await lead(rep.token, {
      tier: 'gold',
      tags2: ['gold', 'silver', 'gold'],
      budget: '12500.5',
      due: '2026-03-01',
      metAt: '2026-03-01T08:00:00+08:00',
      vip: true,
      memo: '长文本',
      nick: '小王',
      helper: manager.id,
      mobile2: '139 1234 5678',
      mail2: 'Wang@Example.COM',
      site: 'https://example.com/a',
      erpCode: 'ERP-1',
    }).expect(201);
    full = r.body;
    expect(r.body.custom).toMatchObject({
      tier: 'gold',
      tags2: ['gold', 'silver'],
      budget: '12500.50',
      seats: 5,
      due: '2026-03-01',
      metAt: '2026-03-01T00:00:00.000Z',
      vip: true,
      mobile2: '139****5678',
      mail2: 'w***@example.com',
      acct: null,
    });
    const forManager = await t.http.get(`/api/v1/leads/${full.id}`).set(bearer(manager.token)).expect(200);
    expect(forManager.body.custom).toMatchObject({ mobile2: '+8613912345678', mail2: 'wang@example.com' });

    const patched = await t.http.patch(`/api/v1/leads/${full.id}`).set(bearer(rep.token)).send({ custom: { tier: 'silver', seats: null } }).expect(200);
    expect(patched.body.custom).toMatchObject({ tier: 'silver', seats: null, nick: '小王' });
    const audit = await t.http.get(`/api/v1/audit-logs?entityId=${full.id}&action=update`).set(admin).expect(200);
    expect(audit.body.data[0].changes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'custom.tier', old: 'gold', new: 'silver' }),
        expect.objectContaining({ field: 'custom.seats', old: 5, new: null }),
      ]),
    );
    const created = await t.http.get(`/api/v1/audit-logs?entityId=${full.id}&action=create`).set(admin).expect(200);
    expect(created.body.data[0].changes).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'custom.mobile2' })]));
    // unique: another lead may not take ERP-1
    const dup = await lead(rep.token, { erpCode: 'ERP-1' }).expect(409);
    expect(dup.body.errors[0]).toMatchObject({ field: 'custom.erpCode', code: 'CUSTOM_FIELD_NOT_UNIQUE' });
  });

  it('required fields: 400 on create without it, 400 when emptied', async () => {
    const f = await define({ key: 'region', type: 'text', required: true });
    const r = await lead(rep.token, {}).expect(400);
    expect(r.body.errors).toEqual([expect.objectContaining({ field: 'custom.region', code: 'CUSTOM_FIELD_REQUIRED' })]);
    const ok = await lead(rep.token, { region: '华东' }).expect(201);
    const emptied = await t.http.patch(`/api/v1/leads/${ok.body.id}`).set(bearer(rep.token)).send({ custom: { region: null } }).expect(400);
    expect(emptied.body.errors[0]).toMatchObject({ field: 'custom.region', code: 'CUSTOM_FIELD_REQUIRED' });
    await t.http.patch(`/api/v1/custom-fields/${f.id}`).set(admin).send({ required: false }).expect(200);
  });

  it('filters by equality and ranges, sorts by custom fields with keyset pages', async () => {
    const made: string[] = [];
    for (const [i, tierKey] of ['gold', 'silver', 'gold', 'gold', 'silver'].entries()) {
      const r = await lead(rep.token, { tier: tierKey, due: `2026-0${i + 1}-15`, budget: 100 * (i + 1), tags2: i % 2 ? ['old'] : [] });
      expect(r.body).toMatchObject({ custom: { tier: tierKey } });
      made.push(r.body.id);
    }
    const gold = await t.http.get('/api/v1/leads?custom.tier=gold&sort=custom.due&limit=2').set(bearer(rep.token));
    expect(gold.body).toMatchObject({ total: 3 });
    expect(gold.body.data.map((l: { custom: { due: string } }) => l.custom.due)).toEqual(['2026-01-15', '2026-03-15']);
    const next = await t.http.get(`/api/v1/leads?custom.tier=gold&sort=custom.due&limit=2&cursor=${gold.body.nextCursor}`).set(bearer(rep.token)).expect(200);
    expect(next.body.data.map((l: { custom: { due: string } }) => l.custom.due)).toEqual(['2026-04-15']);
    // by label too (imports and people type labels)
    const byLabel = await t.http.get('/api/v1/leads?custom.tier=金牌').set(bearer(rep.token)).expect(200);
    expect(byLabel.body.total).toBeGreaterThanOrEqual(3);
    const range = await t.http.get('/api/v1/leads?custom.budgetFrom=200&custom.budgetTo=400&sort=-custom.budget').set(bearer(rep.token)).expect(200);
    expect(range.body.data.map((l: { custom: { budget: string } }) => l.custom.budget)).toEqual(['400.00', '300.00', '200.00']);
    const dates = await t.http.get('/api/v1/leads?custom.dueFrom=2026-02-01&custom.dueTo=2026-03-31').set(bearer(rep.token)).expect(200);
    expect(dates.body.data.length).toBe(3);
    const multi = await t.http.get('/api/v1/leads?custom.tags2=old').set(bearer(rep.token)).expect(200);
    expect(multi.body.data.map((l: { id: string }) => l.id).sort()).toEqual([made[1], made[3]].sort());
    // a manager in another department's subtree does not see the rep's leads unless in scope: filters stay inside the scope
    const other = await createUser(t, org, { role: 'sales_rep', departmentId: org.depts.south, name: 'South' });
    const none = await t.http.get('/api/v1/leads?custom.tier=gold').set(bearer(other.token)).expect(200);
    expect(none.body.total).toBe(0);
    // bad filters
    const unknown = await t.http.get('/api/v1/leads?custom.nope=1').set(bearer(rep.token)).expect(400);
    expect(unknown.body.errors[0]).toMatchObject({ field: 'custom.nope', code: 'CUSTOM_FIELD_UNKNOWN' });
    const badNum = await t.http.get('/api/v1/leads?custom.budgetFrom=abc').set(bearer(rep.token)).expect(400);
    expect(badNum.body.errors[0]).toMatchObject({ field: 'custom.budgetFrom', code: 'CUSTOM_FIELD_FILTER' });
    await t.http.get('/api/v1/leads?custom.tierFrom=a').set(bearer(rep.token)).expect(400);
    const badSort = await t.http.get('/api/v1/leads?sort=custom.tags2').set(bearer(rep.token)).expect(400);
    expect(badSort.body.code).toBe('INVALID_SORT');
    // a list without custom fields refuses them
    await t.http.get('/api/v1/campaigns?custom.x=1').set(admin).expect(400);
  });

  it('SQL injection attempts in keys, values and sorts are rejected or harmless', async () => {
    const before = (await ds.query(`SELECT count(*)::int AS n FROM leads`))[0].n;
    const attempts = [
      `custom.tier${encodeURIComponent("' OR '1'='1")}=x`,
      `custom.${encodeURIComponent("tier'); DROP TABLE leads; --")}=x`,
      `custom.${encodeURIComponent("tier'->>'x")}=1`,
      `sort=${encodeURIComponent("custom.tier'); DROP TABLE leads; --")}`,
      `custom.budgetFrom=${encodeURIComponent('0); DROP TABLE leads; --')}`,
    ];
    for (const q of attempts) await t.http.get(`/api/v1/leads?${q}`).set(bearer(rep.token)).expect(400);
    const harmless = await t.http.get(`/api/v1/leads?custom.nick=${encodeURIComponent(`x' OR '1'='1`)}`).set(bearer(rep.token)).expect(200);
    expect(harmless.body.total).toBe(0);
    const text = await lead(rep.token, { nick: `'); DELETE FROM leads; --` }).expect(201);
    expect(text.body.custom.nick).toBe(`'); DELETE FROM leads; --`);
    const found = await t.http.get(`/api/v1/leads?custom.nick=${encodeURIComponent(`'); DELETE FROM leads; --`)}`).set(bearer(rep.token)).expect(200);
    expect(found.body.data.map((l: { id: string }) => l.id)).toEqual([text.body.id]);
    const after = (await ds.query(`SELECT count(*)::int AS n FROM leads`))[0].n;
    expect(after).toBe(before + 1);
  });

  it('exports custom columns by label, masked like the screen', async () => {
    const marketing = await createUser(t, org, { role: 'marketing', departmentId: org.depts.service, name: 'Mkt' });
    const csv = await t.http.get(`/api/v1/leads/export?custom.tier=silver&lang=en-US`).set(bearer(marketing.token)).expect(200);
    const [header, ...rows] = csv.text.replace(/^\uFEFF/, '').trim().split('\n');
    expect(header).toContain('Tier');
    expect(header).toContain('Second mobile');
    expect(rows.join('\n')).toContain('Silver');
    expect(rows.join('\n')).toContain('139****5678');
    const zh = await t.http.get(`/api/v1/leads/export?custom.tier=silver&lang=zh-CN`).set(bearer(manager.token)).expect(200);
    expect(zh.text).toContain('等级');
    expect(zh.text).toContain('银牌');
    expect(zh.text).toContain('+8613912345678');
  });

  it('imports custom columns mapped by label in either language, and an export maps back the same way', async () => {
    const csv = ['姓名,手机号码,等级,预算,Due date', '导入甲,13766660001,银牌,300,2026-07-01', 'Import B,13766660002,Gold,12.5,2026-08-01'].join('\n');
    const up = await t.http.post('/api/v1/imports').set(admin).field('entityType', 'lead').attach('file', Buffer.from(csv), 'custom.csv').expect(201);
    expect(up.body.mapping).toMatchObject({ 等级: 'custom.tier', 预算: 'custom.budget', 'Due date': 'custom.due' });
    await t.http.post(`/api/v1/imports/${up.body.id}/start`).set(admin).send({ mapping: up.body.mapping, duplicatePolicy: 'skip', upsertKey: 'phone' }).expect(202);
    const done = (await t.http.get(`/api/v1/imports/${up.body.id}`).set(admin).expect(200)).body;
    expect(done).toMatchObject({ status: 'completed', createdCount: 2, errorCount: 0 });
    const listed = await t.http.get('/api/v1/leads?custom.dueFrom=2026-07-01&custom.dueTo=2026-08-31&sort=custom.due').set(admin).expect(200);
    expect(listed.body.data.map((l: { name: string; custom: Record<string, unknown> }) => [l.name, l.custom.tier, l.custom.budget])).toEqual([
      ['导入甲', 'silver', '300.00'],
      ['Import B', 'gold', '12.50'],
    ]);
    // the export of those rows, uploaded again, maps its custom columns back to the fields
    const exported = await t.http.get('/api/v1/leads/export?custom.dueFrom=2026-07-01&lang=zh-CN').set(admin).expect(200);
    const again = await t.http.post('/api/v1/imports').set(admin).field('entityType', 'lead').attach('file', Buffer.from(exported.text), 'again.csv').expect(201);
    expect(again.body.mapping).toMatchObject({ 等级: 'custom.tier', 预算: 'custom.budget', 到期日: 'custom.due' });
    await t.http.post(`/api/v1/imports/${again.body.id}/start`).set(admin).send({ mapping: again.body.mapping, duplicatePolicy: 'update', upsertKey: 'phone', dryRun: true }).expect(202);
    const dry = (await t.http.get(`/api/v1/imports/${again.body.id}`).set(admin).expect(200)).body;
    expect(dry).toMatchObject({ status: 'validated', errorCount: 0 });
  });

  it('type change converts or answers 422 with a sample; options in use cannot be dropped', async () => {
    const f = await define({ key: 'codeNum', type: 'text' });
    const a = await lead(rep.token, { codeNum: '12' }).expect(201);
    const refused = await lead(rep.token, { codeNum: 'abc' }).expect(201);
    const no = await t.http.patch(`/api/v1/custom-fields/${f.id}`).set(admin).send({ type: 'number' }).expect(422);
    expect(no.body.code).toBe('CUSTOM_FIELD_TYPE_CHANGE');
    expect(no.body.sample).toEqual([{ id: refused.body.id, value: 'abc' }]);
    await t.http.patch(`/api/v1/leads/${refused.body.id}`).set(bearer(rep.token)).send({ custom: { codeNum: '7' } }).expect(200);
    const yes = await t.http.patch(`/api/v1/custom-fields/${f.id}`).set(admin).send({ type: 'number' }).expect(200);
    expect(yes.body.type).toBe('number');
    const read = await t.http.get(`/api/v1/leads/${a.body.id}`).set(bearer(rep.token)).expect(200);
    expect(read.body.custom.codeNum).toBe(12);
    const tierDef = (await t.http.get('/api/v1/custom-fields?kind=leads').set(admin)).body.find((x: { key: string }) => x.key === 'tier');
    const drop = await t.http.patch(`/api/v1/custom-fields/${tierDef.id}`).set(admin).send({ options: tier.filter((o) => o.key !== 'gold') }).expect(422);
    expect(drop.body.code).toBe('CUSTOM_FIELD_TYPE_CHANGE');
    // retiring keeps old values but refuses new ones
    await t.http.patch(`/api/v1/custom-fields/${tierDef.id}`).set(admin).send({ options: tier.map((o) => (o.key === 'old' ? { ...o, retired: true } : o)) }).expect(200);
    const retired = await lead(rep.token, { tier: 'old' }).expect(400);
    expect(retired.body.errors[0]).toMatchObject({ field: 'custom.tier', code: 'CUSTOM_FIELD_OPTION' });
  });

  it('deleting keeps the values until an explicit purge', async () => {
    const f = await define({ key: 'temp', type: 'text' });
    const l = await lead(rep.token, { temp: 'keep me' }).expect(201);
    await t.http.delete(`/api/v1/custom-fields/${f.id}`).set(admin).expect(204);
    const read = await t.http.get(`/api/v1/leads/${l.body.id}`).set(bearer(rep.token)).expect(200);
    expect(read.body.custom).not.toHaveProperty('temp');
    const [row] = await ds.query(`SELECT custom->>'temp' AS v FROM leads WHERE id = $1`, [l.body.id]);
    expect(row.v).toBe('keep me');
    await lead(rep.token, { temp: 'x' }).expect(400);
    const deleted = await t.http.get('/api/v1/custom-fields?kind=leads&deleted=true').set(admin).expect(200);
    expect(deleted.body.find((x: { key: string }) => x.key === 'temp')).toMatchObject({ deleted: true });
    const live = await t.http.get('/api/v1/custom-fields?kind=leads').set(admin).expect(200);
    await t.http.post(`/api/v1/custom-fields/${live.body[0].id}/purge`).set(admin).expect(409);
    const purged = await t.http.post(`/api/v1/custom-fields/${f.id}/purge`).set(admin).expect(200);
    expect(purged.body.purged).toBe(1);
    const [after] = await ds.query(`SELECT custom ? 'temp' AS has FROM leads WHERE id = $1`, [l.body.id]);
    expect(after.has).toBe(false);
  });

  it('works the same on accounts and contacts', async () => {
    await define({ kind: 'accounts', key: 'creditLine', type: 'money', filterable: true });
    await define({ kind: 'contacts', key: 'wechat2', type: 'text' });
    const acc = await t.http.post('/api/v1/accounts').set(bearer(rep.token)).send({ name: '客户甲', custom: { creditLine: 5000 } }).expect(201);
    expect(acc.body.custom).toEqual({ creditLine: '5000.00' });
    const bad = await t.http.post('/api/v1/accounts').set(bearer(rep.token)).send({ name: '客户乙', custom: { creditLine: 'x' } }).expect(400);
    expect(bad.body.errors[0].field).toBe('custom.creditLine');
    const c = await t.http.post('/api/v1/contacts').set(bearer(rep.token)).send({ name: '联系人', accountId: acc.body.id, custom: { wechat2: 'wx1' } }).expect(201);
    expect(c.body.custom).toEqual({ wechat2: 'wx1' });
    const listed = await t.http.get('/api/v1/accounts?custom.creditLineFrom=1000').set(bearer(rep.token)).expect(200);
    expect(listed.body.data.map((a: { id: string }) => a.id)).toEqual([acc.body.id]);
  });

  it('extends to opportunities through the same machinery', async () => {
    await define({ kind: 'opportunities', key: 'deliveryDate', labelZh: '交付日期', labelEn: 'Delivery date', type: 'date', filterable: true });
    const acc = await t.http.post('/api/v1/accounts').set(bearer(rep.token)).send({ name: '商机客户' }).expect(201);
    const o = await t.http.post('/api/v1/opportunities').set(bearer(rep.token)).send({ name: '商机', accountId: acc.body.id, custom: { deliveryDate: '2026-09-01' } }).expect(201);
    expect(o.body.custom).toEqual({ deliveryDate: '2026-09-01' });
    const bad = await t.http.post('/api/v1/opportunities').set(bearer(rep.token)).send({ name: '商机2', accountId: acc.body.id, custom: { deliveryDate: 'soon' } }).expect(400);
    expect(bad.body.errors[0]).toMatchObject({ field: 'custom.deliveryDate', code: 'CUSTOM_FIELD_INVALID' });
    const listed = await t.http.get('/api/v1/opportunities?custom.deliveryDateFrom=2026-08-01&sort=-custom.deliveryDate').set(bearer(rep.token)).expect(200);
    expect(listed.body.data.map((x: { id: string }) => x.id)).toEqual([o.body.id]);
  });

  it('the live /docs-json types the custom object per kind; 422 past 200 fields', async () => {
    const doc = await t.http.get('/docs-json').expect(200);
    const schemas = doc.body.components.schemas;
    expect(schemas.LeadsCustomFields.properties.tier).toMatchObject({ type: 'string', enum: ['gold', 'silver', 'old'] });
    expect(schemas.LeadsCustomFields.properties.budget).toMatchObject({ type: 'string' });
    expect(schemas.AccountsCustomFields.properties.creditLine).toBeDefined();
    // (the DTO schemas come from the Nest CLI plugin at build time: the built app's document points each `custom` at these)

    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM custom_fields WHERE kind = 'contacts'`);
    await ds.query(
      `INSERT INTO custom_fields (kind, key, label_zh, label_en, type) SELECT 'contacts', 'f' || g, 'x', 'x', 'text' FROM generate_series(1, $1) g`,
      [200 - n],
    );
    const over = await t.http.post('/api/v1/custom-fields').set(admin).send({ kind: 'contacts', key: 'oneMore', labelZh: 'x', labelEn: 'x', type: 'text' }).expect(422);
    expect(over.body.code).toBe('CUSTOM_FIELD_LIMIT');
  });
});
