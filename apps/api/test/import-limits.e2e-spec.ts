import ExcelJS from 'exceljs';
import { DataSource } from 'typeorm';
import { startApp, TestApp } from './helpers/test-app';
import { bearer, buildOrg, createUser, Org } from './helpers/fixtures';

/** Imports under bad input: oversized cells and rows, bounded previews and lists, deletion, headerless files. */
describe('import limits (e2e)', () => {
  let t: TestApp;
  let org: Org;
  let admin: Record<string, string>;
  const MAX_BYTES = 2 * 1024 * 1024;

  beforeAll(async () => {
    t = await startApp({ config: { importMaxBytes: MAX_BYTES } });
    org = await buildOrg(t);
    admin = bearer(org.adminToken);
  });
  afterAll(() => t.close());

  const db = () => t.app.get(DataSource);
  const upload = (token: Record<string, string>, content: Buffer | string, name: string) =>
    t.http.post('/api/v1/imports').set(token).field('entityType', 'lead').attach('file', Buffer.isBuffer(content) ? content : Buffer.from(content), name);
  /** Jobs run inline in tests (JOBS_ENABLED=false), so start answers once the job is done. */
  const run = async (token: Record<string, string>, id: string, mapping: Record<string, string>) => {
    await t.http.post(`/api/v1/imports/${id}/start`).set(token).send({ mapping, duplicatePolicy: 'skip', upsertKey: 'phone' }).expect(202);
    return (await t.http.get(`/api/v1/imports/${id}`).set(token).expect(200)).body;
  };
  const storedPreviewChars = async (id: string) =>
    (await db().query(`SELECT length(headers::text) + length(sample_rows::text) AS n FROM imports WHERE id = $1`, [id]))[0].n as number;

  it('cuts a huge XLSX cell at read time: a short stored preview, a coded error for its row, the other rows imported', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('线索');
    ws.addRow(['姓名', '手机', '备注']);
    ws.addRow(['赵一', '13877710001', '正常']);
    ws.addRow(['钱二', '13877710002', 'x'.repeat(1_000_000)]);
    ws.addRow(['孙三', '13877710003', 'y'.repeat(4000)]);
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
    expect(xlsx.length).toBeLessThan(20_000); // a small file that expands into a megabyte

    const up = await upload(admin, xlsx, 'bomb.xlsx').expect(201);
    expect(up.body.sampleRows[1][2]).toHaveLength(100);
    expect(up.body.sampleRows[1][2].endsWith('…')).toBe(true);
    expect(up.body.previewIssues).toEqual([{ row: 3, code: 'IMPORT_CELL_TOO_LONG', column: '备注' }]);
    expect(await storedPreviewChars(up.body.id)).toBeLessThan(1000);

    const done = await run(admin, up.body.id, up.body.mapping);
    expect(done).toMatchObject({ status: 'completed', createdCount: 2, errorCount: 1 });
    const report = (await t.http.get(`/api/v1/imports/${up.body.id}/errors`).set(admin).expect(200)).text;
    expect(report).toMatch(/^\uFEFF?.*\n3,Column 3 is longer than 5000 characters\.,钱二,13877710002,x{99}…/);
    expect(report.length).toBeLessThan(2000);
  });

  it('fails CSV rows that are too large or too wide with their codes, refuses a too wide header and a runaway record', async () => {
    const wide = Array.from({ length: 250 }, (_, i) => `c${i}`).join(',');
    const big = Array.from({ length: 15 }, () => 'z'.repeat(4000)).join(',');
    const csv = ['姓名,手机,备注', '周四,13877720001,ok', `吴五,13877720002,${big}`, `郑六,13877720003,${wide}`, '王七,13877720004,ok'].join('\n');
    const up = await upload(admin, csv, 'rows.csv').expect(201);
    expect(up.body.previewIssues).toEqual([
      { row: 3, code: 'IMPORT_ROW_TOO_LARGE', column: null },
      { row: 4, code: 'IMPORT_TOO_MANY_COLUMNS', column: null },
    ]);
    expect(JSON.stringify(up.body).length).toBeLessThan(8000);
    const done = await run(admin, up.body.id, up.body.mapping);
    expect(done).toMatchObject({ createdCount: 2, errorCount: 2 });
    const report = (await t.http.get(`/api/v1/imports/${up.body.id}/errors`).set(admin).expect(200)).text;
    expect(report).toContain('3,The row is longer than 50000 characters.');
    expect(report).toContain('4,The row has more than 200 columns.');

    const header = await upload(admin, `${wide}\n1,2\n`, 'wide.csv').expect(400);
    expect(header.body).toMatchObject({ code: 'IMPORT_TOO_MANY_COLUMNS', errors: [{ field: 'file' }] });
    const runaway = await upload(admin, `姓名,备注\n冯八,${'r'.repeat(1_100_000)}\n`, 'runaway.csv').expect(400);
    expect(runaway.body.code).toBe('IMPORT_FILE_UNREADABLE');
  });

  it('lists summaries without previews; the detail carries the preview', async () => {
    const cells = Array.from({ length: 30 }, (_, i) => `列${i}`).join(',');
    const row = Array.from({ length: 30 }, () => 'v'.repeat(1000)).join(',');
    const up = await upload(admin, [cells, row, row, row, row, row, row].join('\n'), 'wide-preview.csv').expect(201);
    const detail = (await t.http.get(`/api/v1/imports/${up.body.id}`).set(admin).expect(200)).body;
    expect(detail.sampleRows).toHaveLength(5);
    expect(detail.headers).toHaveLength(30);
    const list = await t.http.get('/api/v1/imports?limit=200').set(admin).expect(200);
    const item = list.body.data.find((i: { id: string }) => i.id === up.body.id);
    expect(item).toMatchObject({ id: up.body.id, fileName: 'wide-preview.csv', status: 'uploaded', totalRows: 0 });
    for (const key of ['headers', 'sampleRows', 'mapping', 'fields', 'previewIssues']) expect(item).not.toHaveProperty(key);
    expect(list.text.length).toBeLessThan(1000 * list.body.data.length);
  });

  it('lets the uploader or an admin delete an import with its file and row cells; others get 403, 404, 409 or 412', async () => {
    const uploader = await createUser(t, org, { role: 'marketing', departmentId: org.depts.service, name: 'Uploader' });
    const colleague = await createUser(t, org, { role: 'marketing', departmentId: org.depts.service, name: 'Colleague' });
    const manager = await createUser(t, org, { role: 'sales_manager', departmentId: org.depts.south });
    const mine = bearer(uploader.token);
    const up = await upload(mine, '姓名,手机,邮箱\n陈九,13877730001,bad-email\n褚十,13877730002,cs@example.com\n', 'del.csv').expect(201);
    const done = await run(mine, up.body.id, up.body.mapping);
    expect(done).toMatchObject({ createdCount: 1, errorCount: 1 });
    const leftovers = async (id: string) =>
      (await db().query(`SELECT (SELECT count(*) FROM import_file_chunks WHERE import_id = $1)::int AS chunks, (SELECT count(*) FROM import_rows WHERE import_id = $1)::int AS rows`, [id]))[0];
    expect(await leftovers(up.body.id)).toEqual({ chunks: 1, rows: 2 });

    await t.http.delete(`/api/v1/imports/${up.body.id}`).set(bearer(colleague.token)).expect(403);
    await t.http.delete(`/api/v1/imports/${up.body.id}`).set(bearer(manager.token)).expect(404);
    await t.http.delete(`/api/v1/imports/${up.body.id}`).set(mine).set('If-Match', `W/"${done.version + 5}"`).expect(412);
    await t.http.delete(`/api/v1/imports/${up.body.id}`).set(mine).expect(204);
    expect(await leftovers(up.body.id)).toEqual({ chunks: 0, rows: 0 });
    await t.http.get(`/api/v1/imports/${up.body.id}`).set(mine).expect(404);
    await t.http.get(`/api/v1/imports/${up.body.id}/errors`).set(mine).expect(404);
    const list = await t.http.get('/api/v1/imports?limit=200').set(admin).expect(200);
    expect(list.body.data.map((i: { id: string }) => i.id)).not.toContain(up.body.id);
    // what the import created stays
    expect((await t.http.get('/api/v1/leads?q=13877730002').set(admin).expect(200)).body.data).toHaveLength(1);

    const other = await upload(mine, '姓名,手机\n卫一,13877730003\n', 'admin-del.csv').expect(201);
    await db().query(`UPDATE imports SET status = 'running' WHERE id = $1`, [other.body.id]);
    expect((await t.http.delete(`/api/v1/imports/${other.body.id}`).set(admin).expect(409)).body.code).toBe('IMPORT_BUSY');
    await db().query(`UPDATE imports SET status = 'uploaded' WHERE id = $1`, [other.body.id]);
    await t.http.delete(`/api/v1/imports/${other.body.id}`).set(admin).expect(204);
    await t.http.post(`/api/v1/imports/${other.body.id}/start`).set(mine).send({ mapping: other.body.mapping, duplicatePolicy: 'skip', upsertKey: 'phone' }).expect(404);
  });

  it('masks a headerless file\'s first row (taken as headers) for readers without viewSensitive', async () => {
    const reader = await createUser(t, org, { role: 'marketing', departmentId: org.depts.service, name: 'Reader' });
    const up = await upload(admin, '蒋二,13877740001,jiang@example.com\n沈三,13877740002,not-an-email\n', 'headerless.csv').expect(201);
    expect(up.body.headers).toEqual(['蒋二', '13877740001', 'jiang@example.com']);
    const seen = (await t.http.get(`/api/v1/imports/${up.body.id}`).set(bearer(reader.token)).expect(200)).body;
    expect(seen.headers).toEqual(['蒋二', '138****0001', 'j***@example.com']);
    expect(JSON.stringify(seen)).not.toMatch(/13877740001|jiang@/);
    await run(admin, up.body.id, { 蒋二: 'name', '13877740001': 'phone', 'jiang@example.com': 'email' });
    const report = (await t.http.get(`/api/v1/imports/${up.body.id}/errors`).set(bearer(reader.token)).expect(200)).text;
    expect(report).toContain('138****0001');
    expect(report).not.toMatch(/13877740001|jiang@/);
    expect((await t.http.get(`/api/v1/imports/${up.body.id}`).set(admin).expect(200)).body.headers).toContain('13877740001');
  });

  it('takes the upload limit from the validated config (IMPORT_MAX_BYTES) and refuses bodies the endpoints do not read', async () => {
    const big = await upload(admin, Buffer.alloc(MAX_BYTES + 1024, 'a'), 'big.csv').expect(413);
    expect(big.body.code).toBe('PAYLOAD_TOO_LARGE');
    const json = await t.http.post('/api/v1/imports').set(admin).send({ entityType: 'lead' }).expect(415);
    expect(json.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const up = await upload(admin, '姓名\n韩四\n', 'types.csv').expect(201);
    await t.http.post(`/api/v1/imports/${up.body.id}/start`).set(admin).field('duplicatePolicy', 'skip').expect(415);
  });
});
