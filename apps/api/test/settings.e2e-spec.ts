import type request from 'supertest';
import { SettingsService } from '@modules/settings/settings.service';
import { startApp, TestApp } from './helpers/test-app';
import { bearer, buildOrg, createUser, Org, plainAudit } from './helpers/fixtures';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 1, 2, 3]);
const PDF = Buffer.from('%PDF-1.7\nhello\n%%EOF\n');
const binary = (res: request.Response, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

/** Settings: admins only, every change audited, stale versions refused, the logo through the storage, the public login-page name, the company header for quote PDFs. */
describe('settings (e2e)', () => {
  let t: TestApp;
  let org: Org;
  let admin: Record<string, string>;

  beforeAll(async () => {
    t = await startApp();
    org = await buildOrg(t);
    admin = bearer(org.adminToken);
  }, 60000);

  afterAll(async () => {
    await t?.close();
  });

  it('admins read and change the company profile; each change is audited; non-admins get 403', async () => {
    const before = (await t.http.get('/api/v1/settings').set(admin).expect(200)).body;
    expect(before).toMatchObject({ companyNameZh: '', hasLogo: false, version: 1, effective: { timeZone: 'Asia/Shanghai' } });
    expect(before.numberFormats.quote).toBe('Q{yyyyMM}-{seq:4}');
    const res = await t.http
      .patch('/api/v1/settings')
      .set(admin)
      .set('If-Match', `"${before.version}"`)
      .send({ companyNameZh: '上海云启科技有限公司', companyNameEn: 'Yunqi Tech Co., Ltd.', taxId: '91310115MA1K3XXXXX', bankName: '招商银行', bankAccount: '6225880123456789', timeZone: 'Asia/Urumqi', locale: 'zh-CN', loginCompanyName: '云启 CRM' })
      .expect(200);
    expect(res.body).toMatchObject({ companyNameZh: '上海云启科技有限公司', version: 2, effective: { timeZone: 'Asia/Urumqi', locale: 'zh-CN' } });
    // stale If-Match: 412, nothing written
    await t.http.patch('/api/v1/settings').set(admin).set('If-Match', '"1"').send({ phone: '1' }).expect(412);
    const bad = await t.http.patch('/api/v1/settings').set(admin).send({ timeZone: 'Mars/Olympus' }).expect(400);
    expect(bad.body.errors[0]).toMatchObject({ field: 'timeZone', code: 'SETTINGS_INVALID_TIME_ZONE' });
    await t.http.patch('/api/v1/settings').set(admin).send({ locale: 'fr-FR' }).expect(400);
    expect((await t.http.get('/api/v1/settings').set(admin).expect(200)).body).toMatchObject({ phone: '', timeZone: 'Asia/Urumqi', version: 2 });
    // same values again: no new version, no audit entry
    await t.http.patch('/api/v1/settings').set(admin).send({ companyNameZh: '上海云启科技有限公司' }).expect(200);

    const audit = (await t.http.get('/api/v1/audit-logs?entityType=settings&limit=50').set(admin).expect(200)).body.data as { action: string; changes: { field: string; old: unknown; new: unknown }[] }[];
    expect(audit).toHaveLength(1);
    expect(plainAudit(audit)[0].changes).toEqual(expect.arrayContaining([{ field: 'companyNameZh', old: '', new: '上海云启科技有限公司' }, { field: 'timeZone', old: null, new: 'Asia/Urumqi' }]));

    const rep = await createUser(t, org, { role: 'sales_rep', departmentId: org.depts.east });
    await t.http.get('/api/v1/settings').set(bearer(rep.token)).expect(403);
    await t.http.patch('/api/v1/settings').set(bearer(rep.token)).send({ phone: '110' }).expect(403);
    await t.http.put('/api/v1/settings/logo').set(bearer(rep.token)).attach('file', PNG, 'logo.png').expect(403);
    await t.http.patch('/api/v1/settings').send({ phone: '110' }).expect(401);

    // the public login-page name needs no sign-in
    const pub = (await t.http.get('/api/v1/settings/public').expect(200)).body;
    expect(pub).toEqual({ loginCompanyName: '云启 CRM', companyNameZh: '上海云启科技有限公司', companyNameEn: 'Yunqi Tech Co., Ltd.', hasLogo: false, locale: 'zh-CN' });

    // quote PDFs and invoices read the header through the exported service, in their language
    const settings = t.app.get(SettingsService);
    expect(await settings.companyProfile('en-US')).toMatchObject({ name: 'Yunqi Tech Co., Ltd.', taxId: '91310115MA1K3XXXXX', bankAccount: '6225880123456789' });
    expect((await settings.companyProfile('zh-CN')).name).toBe('上海云启科技有限公司');
  });

  it('stores the logo in the file storage (PNG/JPEG only), serves it publicly, replaces it', async () => {
    await t.http.get('/api/v1/settings/logo').expect(404);
    const refused = await t.http.put('/api/v1/settings/logo').set(admin).attach('file', PDF, 'logo.pdf').expect(415);
    expect(refused.body).toMatchObject({ code: 'FILE_TYPE_NOT_ALLOWED' });
    const up = await t.http.put('/api/v1/settings/logo').set(admin).attach('file', PNG, 'logo.png').expect(200);
    expect(up.body.hasLogo).toBe(true);
    const dl = await t.http.get('/api/v1/settings/logo').buffer(true).parse(binary).expect(200);
    expect(dl.headers['content-type']).toContain('image/png');
    expect(Buffer.compare(dl.body as Buffer, PNG)).toBe(0);
    const second = Buffer.concat([PNG, Buffer.from([9, 9, 9])]);
    await t.http.put('/api/v1/settings/logo').set(admin).attach('file', second, 'logo2.png').expect(200);
    const dl2 = await t.http.get('/api/v1/settings/logo').buffer(true).parse(binary).expect(200);
    expect(Buffer.compare(dl2.body as Buffer, second)).toBe(0);
    const audit = (await t.http.get('/api/v1/audit-logs?entityType=settings&limit=50').set(admin).expect(200)).body.data as { changes: { field: string }[] }[];
    expect(audit.filter((a) => a.changes.some((c) => c.field === 'logo'))).toHaveLength(2);
  });

  it('the quote PDF renders with the settings header', async () => {
    const rep = await createUser(t, org, { role: 'sales_rep', departmentId: org.depts.east });
    const account = (await t.http.post('/api/v1/accounts').set(bearer(rep.token)).send({ name: '北京客户' }).expect(201)).body.id;
    const q = (await t.http.post('/api/v1/quotes').set(bearer(rep.token)).send({ accountId: account, lines: [{ name: 'CRM', quantity: '1', unitPrice: '100.00' }] }).expect(201)).body;
    const pdf = await t.http.get(`/api/v1/quotes/${q.id}/pdf`).set(bearer(rep.token)).set('Accept-Language', 'en-US').buffer(true).parse(binary).expect(200);
    const body = pdf.body as Buffer;
    expect(body.subarray(0, 5).toString()).toBe('%PDF-');
    // the document info names the company (Author), in the PDF's language
    expect(body.toString('latin1')).toContain('Yunqi Tech Co., Ltd.');
  });
});
