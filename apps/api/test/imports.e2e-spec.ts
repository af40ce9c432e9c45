import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { DataSource } from 'typeorm';
import { startApp, TestApp } from './helpers/test-app';
import { bearer, buildOrg, createUser, Org } from './helpers/fixtures';

/** CSV/XLSX imports: mapping, dry run, duplicate policies, upserts, error report, revert, 100k rows. */
describe('imports (e2e)', () => {
  let t: TestApp;
  let org: Org;
  let admin: Record<string, string>;
  let rep: { id: string; token: string };

  beforeAll(async () => {
    t = await startApp();
    org = await buildOrg(t);
    admin = bearer(org.adminToken);
    rep = await createUser(t, org, { role: 'sales_rep', departmentId: org.depts.east, name: 'Rep' });
  });
  afterAll(() => t.close());

  const upload = (token: Record<string, string>, content: Buffer | string, name: string, entityType = 'lead') =>
    t.http.post('/api/v1/imports').set(token).field('entityType', entityType).attach('file', Buffer.isBuffer(content) ? content : Buffer.from(content), name);

  /** Jobs run inline in tests (JOBS_ENABLED=false), so start answers once the job is done. */
  const start = async (id: string, body: Record<string, unknown>) => {
    await t.http.post(`/api/v1/imports/${id}/start`).set(admin).send(body).expect(202);
    return (await t.http.get(`/api/v1/imports/${id}`).set(admin).expect(200)).body;
  };
  const leadCount = async () => Number((await t.app.get(DataSource).query(`SELECT count(*) n FROM leads WHERE deleted_at IS NULL`))[0].n);

  it('suggests a mapping from Chinese headers, dry-runs, imports and reports bad rows', async () => {
    const csv = [
      '姓名,公司,手机号码,邮箱,来源,备注,外部编号',
      '张伟,上海云启科技,13811110001,zw@example.com,网站,首次导入,EXT-1',
      '李娜,杭州数联,13811110002,not-an-email,展会,,EXT-2',
      ',无名公司,13811110003,,,,EXT-3',
      'Tom Li,Acme Ltd,13811110004,tom@example.com,referral,,EXT-4',
    ].join('\n');
    const up = await upload(admin, csv, '线索.csv').expect(201);
    expect(up.body).toMatchObject({ status: 'uploaded', fileFormat: 'csv', encoding: 'utf8', upsertKey: 'phone' });
    expect(up.body.mapping).toEqual({ 姓名: 'name', 公司: 'company', 手机号码: 'phone', 邮箱: 'email', 来源: 'source', 备注: 'notes', 外部编号: 'externalId' });
    expect(up.body.sampleRows).toHaveLength(4);

    const before = await leadCount();
    const dry = await start(up.body.id, { mapping: up.body.mapping, duplicatePolicy: 'skip', upsertKey: 'phone', dryRun: true });
    expect(dry).toMatchObject({ status: 'validated', dryRun: true, totalRows: 4, createdCount: 2, errorCount: 2, progress: 100 });
    expect(await leadCount()).toBe(before);

    const run = await start(up.body.id, { mapping: up.body.mapping, duplicatePolicy: 'skip', upsertKey: 'phone' });
    expect(run).toMatchObject({ status: 'completed', dryRun: false, createdCount: 2, errorCount: 2 });
    expect(await leadCount()).toBe(before + 2);
    const lead = await t.http.get('/api/v1/leads?externalId=EXT-1').set(admin).expect(200);
    expect(lead.body.data[0]).toMatchObject({ name: '张伟', source: 'web', phone: '+8613811110001', ownerId: expect.any(String) });

    const errors = await t.http.get(`/api/v1/imports/${up.body.id}/errors`).set(admin).expect(200);
    const lines = errors.text.replace(/^\uFEFF/, '').trim().split('\n');
    expect(lines[0]).toBe('行号 Row,错误 Error,姓名,公司,手机号码,邮箱,来源,备注,外部编号');
    expect(lines[1]).toMatch(/^3,email must be a valid email address,李娜/);
    expect(lines[2]).toMatch(/^4,.*name should not be empty/);
    await t.http.post(`/api/v1/imports/${up.body.id}/start`).set(admin).send({ mapping: up.body.mapping, duplicatePolicy: 'skip', upsertKey: 'phone' }).expect(409);
  });

  it('applies the duplicate policy with upserts by phone, email or external id, and reverts', async () => {
    const seed = await upload(admin, 'Name,Phone,Email,External ID,Company\nA,13822220001,a@example.com,X-1,Old A\nB,13822220002,b@example.com,X-2,Old B\n', 'seed.csv').expect(201);
    expect(seed.body.mapping).toEqual({ Name: 'name', Phone: 'phone', Email: 'email', 'External ID': 'externalId', Company: 'company' });
    await start(seed.body.id, { mapping: seed.body.mapping, duplicatePolicy: 'skip', upsertKey: 'phone' });

    const next = 'Name,Phone,Email,External ID,Company\nA2,13822220001,a2@example.com,X-1,New A\nC,13822220003,c@example.com,X-3,New C\nC again,13822220003,c@example.com,X-9,dup in file\n';
    const skip = await upload(admin, next, 'next.csv').expect(201);
    const skipped = await start(skip.body.id, { mapping: skip.body.mapping, duplicatePolicy: 'skip', upsertKey: 'phone' });
    expect(skipped).toMatchObject({ createdCount: 1, skippedCount: 2, updatedCount: 0 });

    const upd = await upload(admin, next, 'next.csv').expect(201);
    const updated = await start(upd.body.id, { mapping: upd.body.mapping, duplicatePolicy: 'update', upsertKey: 'externalId' });
    // X-1 (seeded) and X-3 (created by the skip import) exist; X-9 is new
    expect(updated).toMatchObject({ updatedCount: 2, createdCount: 1, skippedCount: 0 });
    const a = (await t.http.get('/api/v1/leads?externalId=X-1').set(admin).expect(200)).body.data[0];
    expect(a).toMatchObject({ name: 'A2', company: 'New A', email: 'a2@example.com' });

    const byEmail = await upload(admin, 'Email,Company\nb@example.com,B by email\n', 'email.csv').expect(201);
    expect(byEmail.body.upsertKey).toBe('email');
    const e = await start(byEmail.body.id, { mapping: byEmail.body.mapping, duplicatePolicy: 'update', upsertKey: 'email' });
    expect(e).toMatchObject({ updatedCount: 1, createdCount: 0 });

    const created = await upload(admin, next, 'again.csv').expect(201);
    const c = await start(created.body.id, { mapping: created.body.mapping, duplicatePolicy: 'create', upsertKey: 'phone' });
    expect(c.createdCount + c.errorCount).toBe(3); // external ids are unique: rows reusing one fail, the rest are created

    // revert the update import: A is back to its old values, the created rows are gone
    const countBefore = await leadCount();
    await t.http.post(`/api/v1/imports/${upd.body.id}/revert`).set(admin).expect(202);
    const reverted = (await t.http.get(`/api/v1/imports/${upd.body.id}`).set(admin).expect(200)).body;
    expect(reverted.status).toBe('reverted');
    expect(await leadCount()).toBe(countBefore - 1);
    const back = (await t.http.get('/api/v1/leads?externalId=X-1').set(admin).expect(200)).body.data[0];
    expect(back).toMatchObject({ name: 'A', company: 'Old A', email: 'a@example.com' });
    await t.http.post(`/api/v1/imports/${upd.body.id}/revert`).set(admin).expect(409);
  });

  it('reads GBK CSV and XLSX files', async () => {
    const gbk = iconv.encode('姓名,手机,公司\n王芳,13833330001,北京启明星辰\n', 'gbk');
    const g = await upload(admin, gbk, 'gbk.csv').expect(201);
    expect(g.body).toMatchObject({ encoding: 'gbk', headers: ['姓名', '手机', '公司'], sampleRows: [['王芳', '13833330001', '北京启明星辰']] });
    expect((await start(g.body.id, { mapping: g.body.mapping, duplicatePolicy: 'skip', upsertKey: 'phone' })).createdCount).toBe(1);

    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('客户');
    ws.addRow(['客户名称', '电话', '客户等级', '标签']);
    ws.addRow(['深圳海纳贸易有限公司', '075588886666', 'a', '重点;华南']);
    ws.addRow(['Globex Ltd', '02122223333', 'B', '']);
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
    const x = await upload(admin, xlsx, 'accounts.xlsx', 'account').expect(201);
    expect(x.body).toMatchObject({ fileFormat: 'xlsx', mapping: { 客户名称: 'name', 电话: 'phone', 客户等级: 'level', 标签: 'tags' } });
    const done = await start(x.body.id, { mapping: x.body.mapping, duplicatePolicy: 'skip', upsertKey: 'phone' });
    expect(done).toMatchObject({ createdCount: 2, errorCount: 0 });
    const acct = await t.http.get(`/api/v1/accounts?q=${encodeURIComponent('海纳')}`).set(admin).expect(200);
    expect(acct.body.data[0]).toMatchObject({ level: 'A', tags: ['重点', '华南'], phone: '+8675588886666' });
  });

  it('keeps imports in scope and needs the target create permission', async () => {
    const mine = await upload(admin, 'Name\nx\n', 'a.csv').expect(201);
    await t.http.get(`/api/v1/imports/${mine.body.id}`).set(bearer(rep.token)).expect(403); // sales reps have no imports permission
    const manager = await createUser(t, org, { role: 'sales_manager', departmentId: org.depts.south });
    await t.http.get(`/api/v1/imports/${mine.body.id}`).set(bearer(manager.token)).expect(404);
    const finance = await createUser(t, org, { role: 'finance', departmentId: org.depts.service });
    await upload(bearer(finance.token), 'Name\nx\n', 'a.csv').expect(403);
    const noFile = await t.http.post('/api/v1/imports').set(admin).field('entityType', 'lead').expect(400);
    expect(noFile.body.errors[0].field).toBe('file');
    await t.http.post(`/api/v1/imports/${mine.body.id}/start`).set(admin).send({ mapping: { Nope: 'name' }, duplicatePolicy: 'skip', upsertKey: 'phone' }).expect(400);
  });

  const bigRows = (n: number, prefix: string) =>
    Array.from({ length: n }, (_, i) => [`${prefix}${i}`, `批量公司${i % 977}`, `1${String(5000000000 + i * 7).slice(0, 10)}`, `${prefix}${i}@example.com`, '浙江省']);

  // memory at this volume is measured by the benchmark (bench/), on the server process alone
  it('dry-runs 100,000-row GBK CSV and XLSX files', async () => {
    const header = ['姓名', '公司', '手机', '邮箱', '省份'];
    const gbk = iconv.encode([header, ...bigRows(100_000, 'gbk')].map((r) => r.join(',')).join('\n'), 'gbk');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('线索');
    ws.addRow(header);
    for (const r of bigRows(100_000, 'xlsx')) ws.addRow(r);
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
    for (const [file, name, encoding] of [[gbk, 'big-gbk.csv', 'gbk'], [xlsx, 'big.xlsx', 'utf8']] as const) {
      const up = await upload(admin, file, name).expect(201);
      expect(up.body.encoding).toBe(encoding);
      expect(up.body.mapping).toEqual({ 姓名: 'name', 公司: 'company', 手机: 'phone', 邮箱: 'email', 省份: 'province' });
      const dry = await start(up.body.id, { mapping: up.body.mapping, duplicatePolicy: 'skip', upsertKey: 'phone', dryRun: true });
      expect(dry).toMatchObject({ status: 'validated', totalRows: 100_000, createdCount: 100_000, errorCount: 0 });
    }
  }, 240_000);

  it('imports 100,000 rows', async () => {
    const lines = ['姓名,公司,手机,邮箱,省份', ...bigRows(100_000, 'bulk').map((r) => r.join(','))];
    const up = await upload(admin, lines.join('\n'), 'big.csv').expect(201);
    const t0 = Date.now();
    const res = await start(up.body.id, { mapping: up.body.mapping, duplicatePolicy: 'skip', upsertKey: 'phone' });
    const seconds = (Date.now() - t0) / 1000;
    expect(res).toMatchObject({ status: 'completed', totalRows: 100_000, createdCount: 100_000, errorCount: 0, progress: 100 });
    const [{ n }] = await t.app.get(DataSource).query(`SELECT count(*)::int n FROM contact_points WHERE entity_type = 'lead' AND value LIKE 'bulk%'`);
    expect(n).toBe(100_000);
    console.log(`100k-row import took ${seconds.toFixed(1)} s`);
  }, 180_000);
});
