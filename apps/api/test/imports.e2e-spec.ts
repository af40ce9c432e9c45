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
    // the report speaks the reader's language (no Accept-Language: DEFAULT_LOCALE, English), one reason per field
    expect(lines[0]).toBe('Row,Error,姓名,公司,手机号码,邮箱,来源,备注,外部编号');
    expect(lines[1]).toMatch(/^3,Email must be a valid email address,李娜/);
    expect(lines[2]).toMatch(/^4,Name is required,,无名公司/);
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

  it('imports products by SKU: category by name, prices as written, updates whatever the SKU case, bad rows, revert; reps may not', async () => {
    const category = (await t.http.post('/api/v1/product-categories').set(admin).send({ name: '软件', nameEn: 'Software' }).expect(201)).body;
    const csv = [
      'SKU,产品名称,英文名称,分类,单位,标准价,币种,税率(%),启用',
      'IMP-001,客源CRM 标准版,Keyuan CRM Standard,软件,套,"1,999.00",CNY,13,是',
      'IMP-002,实施服务,Implementation,software,人天,2500,cny,6,1',
      'IMP-003,培训,,不存在的分类,次,800,CNY,6,是',
      'IMP-004,,Nameless,软件,个,10,CNY,13,是',
    ].join('\n');
    await upload(bearer(rep.token), csv, 'products.csv', 'product').expect(403); // reps read the catalogue only
    const up = await upload(admin, csv, '产品.csv', 'product').expect(201);
    expect(up.body.upsertKey).toBe('sku');
    expect(up.body.mapping).toMatchObject({ SKU: 'sku', 产品名称: 'name', 英文名称: 'nameEn', 分类: 'categoryName', 标准价: 'listPrice', '税率(%)': 'taxRate', 启用: 'active' });
    const run = await start(up.body.id, { mapping: up.body.mapping, duplicatePolicy: 'skip', upsertKey: 'sku' });
    expect(run).toMatchObject({ status: 'completed', createdCount: 2, errorCount: 2 });
    const bySku = async () =>
      new Map(((await t.http.get('/api/v1/products?q=imp-00&limit=10').set(admin).expect(200)).body.data as { sku: string }[]).map((p) => [p.sku, p]));
    const products = await bySku();
    expect([...products.keys()].sort()).toEqual(['IMP-001', 'IMP-002']);
    expect(products.get('IMP-001')).toMatchObject({ name: '客源CRM 标准版', unit: '套', listPrice: '1999.00', taxRate: '13.00', active: true, categoryId: category.id });
    expect(products.get('IMP-002')).toMatchObject({ currency: 'CNY', categoryId: category.id, listPrice: '2500.00' });
    const report = (await t.http.get(`/api/v1/imports/${up.body.id}/errors`).set(admin).expect(200)).text.replace(/^\uFEFF/, '').trim().split('\n');
    expect(report.slice(1).map((l) => l.split(',')[0])).toEqual(['4', '5']);
    expect(report[1]).toMatch(/categor/i);
    expect(report[2]).toMatch(/name/i);

    // the same SKU in another case updates the product; the revert puts the old price back
    const prices = await upload(admin, 'SKU,标准价\nimp-001,1799\nIMP-009,1\n', 'prices.csv', 'product').expect(201);
    const updated = await start(prices.body.id, { mapping: prices.body.mapping, duplicatePolicy: 'update', upsertKey: 'sku' });
    expect(updated).toMatchObject({ updatedCount: 1, errorCount: 1 }); // IMP-009 is new and has no name
    expect((await bySku()).get('IMP-001')).toMatchObject({ listPrice: '1799.00' });
    await t.http.post(`/api/v1/imports/${prices.body.id}/revert`).set(admin).expect(202);
    expect((await bySku()).get('IMP-001')).toMatchObject({ listPrice: '1999.00' });
    // reverting the first import removes the products it created
    await t.http.post(`/api/v1/imports/${up.body.id}/revert`).set(admin).expect(202);
    expect((await bySku()).size).toBe(0);
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

  const db = () => t.app.get(DataSource);

  it('applies imported updates with the rules of a PATCH', async () => {
    // a converted lead stays read-only
    const lead = await t.http.post('/api/v1/leads').set(admin).send({ name: 'Converted', externalId: 'CONV-1', company: 'Before' }).expect(201);
    await db().query(`UPDATE leads SET status = 'converted' WHERE id = $1`, [lead.body.id]);
    const up = await upload(admin, 'Name,External ID,Company\nConverted,CONV-1,After\n', 'conv.csv').expect(201);
    const res = await start(up.body.id, { mapping: up.body.mapping, duplicatePolicy: 'update', upsertKey: 'externalId' });
    expect(res).toMatchObject({ status: 'completed', updatedCount: 0, errorCount: 1 });
    expect((await t.http.get(`/api/v1/leads/${lead.body.id}`).set(admin).expect(200)).body.company).toBe('Before');
    const errors = await t.http.get(`/api/v1/imports/${up.body.id}/errors`).set(admin).expect(200);
    expect(errors.text).toMatch(/Cannot update the matching record: A converted lead is read-only/);

    // one primary contact per account
    const acct = await t.http.post('/api/v1/accounts').set(admin).send({ name: '主联系人测试公司' }).expect(201);
    const a = await t.http.post('/api/v1/contacts').set(admin).send({ accountId: acct.body.id, name: 'Primary A', isPrimary: true, externalId: 'PC-A' }).expect(201);
    const b = await t.http.post('/api/v1/contacts').set(admin).send({ accountId: acct.body.id, name: 'B', externalId: 'PC-B' }).expect(201);
    const c = await upload(admin, '姓名,外部编号,主联系人\nB,PC-B,是\n', 'primary.csv', 'contact').expect(201);
    const done = await start(c.body.id, { mapping: { 姓名: 'name', 外部编号: 'externalId', 主联系人: 'isPrimary' }, duplicatePolicy: 'update', upsertKey: 'externalId' });
    expect(done).toMatchObject({ updatedCount: 1, errorCount: 0 });
    expect((await t.http.get(`/api/v1/contacts/${b.body.id}`).set(admin).expect(200)).body.isPrimary).toBe(true);
    expect((await t.http.get(`/api/v1/contacts/${a.body.id}`).set(admin).expect(200)).body.isPrimary).toBe(false);
  });

  it('reverts only what is still the import\'s, and needs the delete permission', async () => {
    const marketing = await createUser(t, org, { role: 'marketing', departmentId: org.depts.service, name: 'Mkt' });
    await t.http.post('/api/v1/leads').set(admin).send({ name: 'Keep me', externalId: 'RV-U', company: 'Old', city: 'Old city' }).expect(201);
    const csv = 'Name,External ID,Company,City\nR1,RV-1,C1,\nR2,RV-2,C2,\nKeep me,RV-U,New,New city\n';
    const up = await upload(admin, csv, 'revert.csv').expect(201);
    const run = await start(up.body.id, { mapping: up.body.mapping, duplicatePolicy: 'update', upsertKey: 'externalId' });
    expect(run).toMatchObject({ createdCount: 2, updatedCount: 1 });
    const byExt = async (ext: string) => (await db().query(`SELECT * FROM leads WHERE external_id = $1`, [ext]))[0];
    // since the import: RV-1 was converted, RV-U's company was edited by hand
    await db().query(`UPDATE leads SET status = 'converted' WHERE external_id = 'RV-1'`);
    const u = await byExt('RV-U');
    await t.http.patch(`/api/v1/leads/${u.id}`).set(admin).send({ company: 'Edited by hand' }).expect(200);

    const denied = await t.http.post(`/api/v1/imports/${up.body.id}/revert`).set(bearer(marketing.token)).expect(403);
    expect(denied.body.detail).toMatch(/leads:delete/);

    await t.http.post(`/api/v1/imports/${up.body.id}/revert`).set(admin).expect(202);
    const reverted = (await t.http.get(`/api/v1/imports/${up.body.id}`).set(admin).expect(200)).body;
    expect(reverted).toMatchObject({ status: 'reverted', revertSkippedCount: 2 });
    expect((await byExt('RV-1')).deleted_at).toBeNull(); // converted: stays
    expect((await byExt('RV-2')).deleted_at).not.toBeNull();
    expect(await byExt('RV-U')).toMatchObject({ company: 'Edited by hand', city: 'Old city', deleted_at: null });

    // accounts: one with a contact stays, the other goes
    const acc = await upload(admin, 'Name,Phone\n回滚客户甲,02166660001\n回滚客户乙,02166660002\n', 'acc.csv', 'account').expect(201);
    expect((await start(acc.body.id, { mapping: { Name: 'name', Phone: 'phone' }, duplicatePolicy: 'skip', upsertKey: 'phone' })).createdCount).toBe(2);
    const [held] = await db().query(`SELECT id FROM accounts WHERE name = '回滚客户甲'`);
    await t.http.post('/api/v1/contacts').set(admin).send({ accountId: held.id, name: 'Holder' }).expect(201);
    await t.http.post(`/api/v1/imports/${acc.body.id}/revert`).set(admin).expect(202);
    expect((await t.http.get(`/api/v1/imports/${acc.body.id}`).set(admin).expect(200)).body).toMatchObject({ status: 'reverted', revertSkippedCount: 1 });
    const live = async (name: string) => (await db().query(`SELECT deleted_at FROM accounts WHERE name = $1`, [name]))[0].deleted_at === null;
    expect(await live('回滚客户甲')).toBe(true);
    expect(await live('回滚客户乙')).toBe(false);
  });

  it('starts an import once even when asked twice at the same time', async () => {
    const up = await upload(admin, 'Name,Phone\nTwice A,13855550001\nTwice B,13855550002\n', 'twice.csv').expect(201);
    const body = { mapping: up.body.mapping, duplicatePolicy: 'create', upsertKey: 'phone' };
    const before = await leadCount();
    const answers = await Promise.all([1, 2].map(() => t.http.post(`/api/v1/imports/${up.body.id}/start`).set(admin).send(body)));
    expect(answers.map((r) => r.status).sort()).toEqual([202, 409]);
    expect(answers.find((r) => r.status === 409)!.body.code).toBe('IMPORT_BUSY');
    expect(await leadCount()).toBe(before + 2);
  });

  it('refuses unreadable files with 400 and keeps nothing of them; drops NUL characters', async () => {
    const count = async () => (await db().query(`SELECT (SELECT count(*) FROM imports)::int AS i, (SELECT count(*) FROM import_file_chunks)::int AS c`))[0];
    const before = await count();
    const badQuote = await upload(admin, 'Name,Phone\n"broken,13800000000\nx"y,1\n', 'bad.csv').expect(400);
    expect(badQuote.body).toMatchObject({ code: 'IMPORT_FILE_UNREADABLE', errors: [{ field: 'file' }] });
    const corrupt = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(2000, 7)]);
    const xlsx = await upload(admin, corrupt, 'bad.xlsx').expect(400);
    expect(xlsx.body.code).toBe('IMPORT_FILE_UNREADABLE');
    expect(await count()).toEqual(before);

    // broken past the first stored chunk (1 MB), further than the preview reads: the run fails, saying why
    const notes = 'n'.repeat(200);
    const late = ['Name,Phone,Notes', ...Array.from({ length: 6000 }, (_, i) => `Late ${i},${13844440000 + i},${notes}`), '"unclosed,1\nx"y,2'].join('\n');
    const l = await upload(admin, late, 'late.csv').expect(201);
    const failed = await start(l.body.id, { mapping: l.body.mapping, duplicatePolicy: 'skip', upsertKey: 'phone', dryRun: true });
    expect(failed.status).toBe('failed');
    expect(failed.failure).toMatch(/^The file could not be read \(invalid CSV\): .*line 6003/);

    const nul = await upload(admin, 'Name,Company\nN\u0000UL,Acme\u0000\n', 'nul.csv').expect(201);
    expect(nul.body.sampleRows).toEqual([['NUL', 'Acme']]);
  });

  it('masks phones and emails of previews and error reports for readers other than the uploader without viewSensitive', async () => {
    const marketing = await createUser(t, org, { role: 'marketing', departmentId: org.depts.service, name: 'Mkt reader' });
    const up = await upload(admin, '姓名,手机,邮箱,备注\n张三,13866660001,zs@example.com,=1+2\n,13866660002,bad,x\n', 'mask.csv').expect(201);
    expect(up.body.sampleRows[0]).toEqual(['张三', '13866660001', 'zs@example.com', '=1+2']);
    const seen = (await t.http.get(`/api/v1/imports/${up.body.id}`).set(bearer(marketing.token)).expect(200)).body;
    expect(seen.sampleRows[0]).toEqual(['张三', '138****0001', 'z***@example.com', '=1+2']);
    await start(up.body.id, { mapping: up.body.mapping, duplicatePolicy: 'skip', upsertKey: 'phone' });
    const report = (await t.http.get(`/api/v1/imports/${up.body.id}/errors`).set(bearer(marketing.token)).expect(200)).text;
    expect(report).toContain('138****0002');
    expect(report).not.toContain('13866660002');
    const own = (await t.http.get(`/api/v1/imports/${up.body.id}/errors`).set(admin).expect(200)).text;
    expect(own).toContain('13866660002');
  });

  it('escapes formulas in the error report', async () => {
    const up = await upload(admin, 'Name,Email\n"=HYPERLINK(""http://x"")",not-an-email\n', 'formula.csv').expect(201);
    await start(up.body.id, { mapping: up.body.mapping, duplicatePolicy: 'skip', upsertKey: 'email' });
    const report = (await t.http.get(`/api/v1/imports/${up.body.id}/errors`).set(admin).expect(200)).text;
    expect(report).toContain(`"'=HYPERLINK(""http://x"")"`);
  });

  const bigRows = (n: number, prefix: string) =>
    Array.from({ length: n }, (_, i) => [`${prefix}${i}`, `批量公司${i % 977}`, `1${String(5000000000 + i * 7).slice(0, 10)}`, `${prefix}${i}@example.com`, '浙江省']);

  // Volume (100,000 rows, time and memory) is measured by the benchmark (bench/: "import 100,000 leads", "dry-run
  // 100,000-row GBK CSV and XLSX"); here 5,000 rows span ten batches, which is what the batching logic needs.
  const BIG = 5_000;
  it('dry-runs multi-batch GBK CSV and XLSX files', async () => {
    const header = ['姓名', '公司', '手机', '邮箱', '省份'];
    const gbk = iconv.encode([header, ...bigRows(BIG, 'gbk')].map((r) => r.join(',')).join('\n'), 'gbk');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('线索');
    ws.addRow(header);
    for (const r of bigRows(BIG, 'xlsx')) ws.addRow(r);
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
    for (const [file, name, encoding] of [[gbk, 'big-gbk.csv', 'gbk'], [xlsx, 'big.xlsx', 'utf8']] as const) {
      const up = await upload(admin, file, name).expect(201);
      expect(up.body.encoding).toBe(encoding);
      expect(up.body.mapping).toEqual({ 姓名: 'name', 公司: 'company', 手机: 'phone', 邮箱: 'email', 省份: 'province' });
      const dry = await start(up.body.id, { mapping: up.body.mapping, duplicatePolicy: 'skip', upsertKey: 'phone', dryRun: true });
      expect(dry).toMatchObject({ status: 'validated', totalRows: BIG, createdCount: BIG, errorCount: 0 });
    }
  }, 120_000);

  it('imports a multi-batch file', async () => {
    const lines = ['姓名,公司,手机,邮箱,省份', ...bigRows(BIG, 'bulk').map((r) => r.join(','))];
    const up = await upload(admin, lines.join('\n'), 'big.csv').expect(201);
    const res = await start(up.body.id, { mapping: up.body.mapping, duplicatePolicy: 'skip', upsertKey: 'phone' });
    expect(res).toMatchObject({ status: 'completed', totalRows: BIG, createdCount: BIG, errorCount: 0, progress: 100 });
    const [{ n }] = await t.app.get(DataSource).query(`SELECT count(*)::int n FROM contact_points WHERE entity_type = 'lead' AND value LIKE 'bulk%'`);
    expect(n).toBe(BIG);
  }, 120_000);

  it('a batch that fails in the database is retried row by row: only the bad row fails, its neighbours are created once, later duplicates of them skipped', async () => {
    const ds = t.app.get(DataSource);
    // a row the validation accepts but the database refuses
    await ds.query(`CREATE FUNCTION e2e_boom() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF NEW.name = 'E2E-boom' THEN RAISE EXCEPTION 'boom'; END IF; RETURN NEW; END $$`);
    await ds.query(`CREATE TRIGGER e2e_boom BEFORE INSERT ON leads FOR EACH ROW EXECUTE FUNCTION e2e_boom()`);
    try {
      const phone = (i: number) => `1392${String(i).padStart(7, '0')}`;
      // batch 1: rows 1-500 with the bad row at 300; batch 2: 90 new rows and 10 repeating batch 1's first phones
      const rows = Array.from({ length: 500 }, (_, i) => [i === 299 ? 'E2E-boom' : `重试线索${i}`, '重试公司', phone(i)]);
      for (let i = 0; i < 100; i++) rows.push([`重试线索二${i}`, '重试公司', phone(i < 10 ? i : 1000 + i)]);
      const up = await upload(admin, ['姓名,公司,手机', ...rows.map((r) => r.join(','))].join('\n'), 'retry.csv').expect(201);
      const res = await start(up.body.id, { mapping: up.body.mapping, duplicatePolicy: 'skip', upsertKey: 'phone' });
      expect(res).toMatchObject({ status: 'completed', totalRows: 600, createdCount: 589, skippedCount: 10, errorCount: 1 });
      const [{ n }] = await ds.query(`SELECT count(*)::int n FROM leads WHERE company = '重试公司' AND deleted_at IS NULL`);
      expect(n).toBe(589);
      const report = (await t.http.get(`/api/v1/imports/${up.body.id}/errors`).set(admin).expect(200)).text;
      expect(report).toContain('E2E-boom');
    } finally {
      await ds.query(`DROP TRIGGER IF EXISTS e2e_boom ON leads`);
      await ds.query(`DROP FUNCTION IF EXISTS e2e_boom()`);
    }
  }, 120_000);
});
