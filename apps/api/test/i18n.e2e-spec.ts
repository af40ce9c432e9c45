import ExcelJS from 'exceljs';
import { randomUUID } from 'node:crypto';
import type { Response as SuperResponse } from 'supertest';
import { localDateTime } from '../src/core/http/export-cells';
import { startApp, TestApp } from './helpers/test-app';
import { bearer, buildOrg, Org } from './helpers/fixtures';

const ZH = { 'Accept-Language': 'zh-CN,zh;q=0.9,en;q=0.8' };
const EN = { 'Accept-Language': 'en-US,en;q=0.9' };

/** Binary bodies (XLSX) as a Buffer (supertest's parser callback). */
const collect = (res: NodeJS.ReadableStream, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};
const binary = (res: unknown, cb: (err: Error | null, body: unknown) => void) => collect(res as NodeJS.ReadableStream, cb);

/** A downloaded workbook, read back with the same library. */
async function workbook(body: unknown): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(body as Parameters<ExcelJS.Xlsx['load']>[0]);
  return book;
}

/** Messages follow Accept-Language; codes never change; files use the reader's language and local times. */
describe('messages in the user language (e2e)', () => {
  let t: TestApp;
  let org: Org;
  let admin: Record<string, string>;

  beforeAll(async () => {
    t = await startApp();
    org = await buildOrg(t);
    admin = bearer(org.adminToken);
  });
  afterAll(() => t.close());

  it('words a field error by its code and params in either language, one error for one empty field', async () => {
    const body = { name: '', phone: 'abc', company: 'x'.repeat(201) };
    const zh = await t.http.post('/api/v1/leads').set(admin).set(ZH).send(body).expect(400);
    const en = await t.http.post('/api/v1/leads').set(admin).set(EN).send(body).expect(400);
    expect(zh.headers.vary).toMatch(/Accept-Language/i);
    expect([zh.headers['content-language'], en.headers['content-language']]).toEqual(['zh-CN', 'en-US']);
    expect(zh.body).toMatchObject({ code: 'VALIDATION_FAILED', title: '请求无效', detail: '请求中有字段无效。' });
    expect(en.body).toMatchObject({ code: 'VALIDATION_FAILED', title: 'Bad Request', detail: 'The request has invalid fields.' });
    const byField = (res: SuperResponse) => Object.fromEntries(res.body.errors.map((e: { field: string }) => [e.field, e]));
    const max = byField(zh).company.params.max;
    expect(byField(zh)).toEqual({
      name: { field: 'name', code: 'required', message: 'name不能为空' },
      phone: { field: 'phone', code: 'invalid_phone', message: 'phone不是有效的电话号码' },
      company: { field: 'company', code: 'too_long', params: { max }, message: `company不能超过 ${max} 个字符` },
    });
    expect(byField(en)).toEqual({
      name: { field: 'name', code: 'required', message: 'name is required' },
      phone: { field: 'phone', code: 'invalid_phone', message: 'phone must be a valid phone number' },
      company: { field: 'company', code: 'too_long', params: { max }, message: `company must be at most ${max} characters` },
    });
  });

  it('words a 404, a wrong login and a domain error in either language', async () => {
    const id = randomUUID();
    const zh = await t.http.get(`/api/v1/leads/${id}`).set(admin).set(ZH).expect(404);
    expect(zh.body).toMatchObject({ code: 'NOT_FOUND', title: '未找到', detail: '线索不存在' });
    const en = await t.http.get(`/api/v1/leads/${id}`).set(admin).set(EN).expect(404);
    expect(en.body).toMatchObject({ code: 'NOT_FOUND', title: 'Not Found', detail: 'lead not found' });
    // no Accept-Language: DEFAULT_LOCALE (English); a language we do not speak: the same
    expect((await t.http.get(`/api/v1/leads/${id}`).set(admin).expect(404)).body.detail).toBe('lead not found');
    expect((await t.http.get(`/api/v1/leads/${id}`).set(admin).set('Accept-Language', 'fr-FR').expect(404)).body.detail).toBe('lead not found');
    // q-values decide
    expect((await t.http.get(`/api/v1/leads/${id}`).set(admin).set('Accept-Language', 'en;q=0.5, zh-TW;q=0.8').expect(404)).body.detail).toBe('线索不存在');

    const login = await t.http.post('/api/v1/auth/login').set(ZH).send({ email: 'admin@keyuan.local', password: 'wrong-password' }).expect(401);
    expect(login.body).toMatchObject({ code: 'INVALID_CREDENTIALS', detail: '邮箱或密码错误' });
    const lead = await t.http.post('/api/v1/leads').set(admin).send({ name: '已转化', phone: '13955550001' }).expect(201);
    await t.http.post(`/api/v1/leads/${lead.body.id}/convert`).set(admin).send({ allowDuplicate: true }).expect(200);
    const again = await t.http.post(`/api/v1/leads/${lead.body.id}/convert`).set(admin).set(ZH).send({}).expect(409);
    expect(again.body).toMatchObject({ code: 'LEAD_ALREADY_CONVERTED', detail: '该线索已转化。' });
  });

  it('words the import error report in the reader\'s language, one reason per bad cell', async () => {
    const csv = ['姓名,手机号码,邮箱', '张伟,13866660001,zw@example.com', '李娜,13866660002,not-an-email', ',13866660003,'].join('\n');
    const up = await t.http.post('/api/v1/imports').set(admin).field('entityType', 'lead').attach('file', Buffer.from(csv), 'i18n.csv').expect(201);
    await t.http.post(`/api/v1/imports/${up.body.id}/start`).set(admin).send({ mapping: up.body.mapping, duplicatePolicy: 'skip', upsertKey: 'phone', dryRun: true }).expect(202);
    const lines = (res: SuperResponse) => res.text.replace(/^\uFEFF/, '').trim().split('\n');
    const zh = lines(await t.http.get(`/api/v1/imports/${up.body.id}/errors`).set(admin).set(ZH).expect(200));
    expect(zh).toEqual(['行号,错误,姓名,手机号码,邮箱', '3,邮箱不是有效的邮箱地址,李娜,13866660002,not-an-email', '4,姓名不能为空,,13866660003,']);
    const en = lines(await t.http.get(`/api/v1/imports/${up.body.id}/errors`).set(admin).set(EN).expect(200));
    expect(en).toEqual(['Row,Error,姓名,手机号码,邮箱', '3,Email must be a valid email address,李娜,13866660002,not-an-email', '4,Name is required,,13866660003,']);
  });

  it('exports XLSX with localized headers and labels, phones as text and local times; CSV with local times', async () => {
    const lead = (
      await t.http.post('/api/v1/leads').set(admin).send({ name: '表格导出', company: '表格公司', phone: '13977770001', source: 'trade_show' }).expect(201)
    ).body;
    const local = localDateTime(new Date(lead.createdAt), 'Asia/Shanghai');
    const res = await t.http.get('/api/v1/leads/export?format=xlsx&q=表格导出').set(admin).set(ZH).buffer(true).parse(binary).expect(200);
    expect(res.headers['content-type']).toMatch(/spreadsheetml\.sheet/);
    expect(res.headers['content-disposition']).toMatch(/leads-.*\.xlsx/);
    const book = await workbook(res.body);
    const sheet = book.worksheets[0];
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(0, 8)).toEqual(['线索ID', '姓名', '公司', '职务', '手机', '邮箱', '来源', '状态']);
    expect(sheet.rowCount).toBe(2);
    const row = sheet.getRow(2);
    const cell = (name: string) => row.getCell(header.indexOf(name) + 1);
    expect(cell('姓名').value).toBe('表格导出');
    expect(cell('来源').value).toBe('展会');
    expect(cell('状态').value).toBe('新线索');
    expect(cell('手机').value).toBe('+8613977770001'); // a text cell, no leading apostrophe
    expect(cell('手机').type).toBe(ExcelJS.ValueType.String);
    const created = cell('创建时间').value as Date;
    expect(created).toBeInstanceOf(Date);
    expect(created.toISOString().replace('T', ' ').slice(0, 19)).toBe(local); // the wall-clock time in TZ_BUSINESS
    expect(cell('创建时间').numFmt).toBe('yyyy-mm-dd hh:mm:ss');

    // Accept asks for a workbook as well; English labels
    const en = await t.http
      .get('/api/v1/leads/export?q=表格导出')
      .set(admin)
      .set({ ...EN, Accept: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' })
      .buffer(true)
      .parse(binary)
      .expect(200);
    const enBook = await workbook(en.body);
    const enRow = enBook.worksheets[0].getRow(2).values as unknown[];
    expect((enBook.worksheets[0].getRow(1).values as unknown[]).slice(1, 3)).toEqual(['ID', 'Name']);
    expect(enRow).toEqual(expect.arrayContaining(['Trade show', 'New']));

    const csv = await t.http.get('/api/v1/leads/export?format=csv&q=表格导出').set(admin).set(ZH).expect(200);
    const [head, first] = csv.text.replace(/^\uFEFF/, '').trim().split('\n');
    expect(head).toMatch(/^线索ID,姓名/);
    expect(first).toContain(',展会,新线索,');
    expect(first.endsWith(local)).toBe(true);
    await t.http.get('/api/v1/accounts/export?format=xlsx').set(admin).buffer(true).parse(binary).expect(200);
    await t.http.get('/api/v1/contacts/export?format=xlsx').set(admin).buffer(true).parse(binary).expect(200);
  });
});
