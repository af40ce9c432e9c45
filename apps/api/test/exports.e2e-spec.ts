import { startApp, TestApp } from './helpers/test-app';
import { bearer, buildOrg, createUser, Org } from './helpers/fixtures';

/** CSV exports stream every row the user may see, masked like the screen, Excel-friendly. */
describe('exports (e2e)', () => {
  let t: TestApp;
  let org: Org;
  let exporter: { id: string; token: string };
  let marketing: { id: string; token: string };
  let manager: { id: string; token: string };
  let rep: { id: string; token: string };

  const csv = (res: { text?: string; body: unknown }) => (res.text ?? String(res.body)).replace(/^\uFEFF/, '').trim().split('\n');

  beforeAll(async () => {
    t = await startApp();
    org = await buildOrg(t);
    const role = await t.http
      .post('/api/v1/roles')
      .set(bearer(org.adminToken))
      .send({ key: 'own_exporter', name: 'Own exporter', permissions: [{ module: 'leads', actions: ['read', 'create', 'export'], scope: 'own' }] })
      .expect(201);
    exporter = await createUser(t, org, { role: role.body.id, departmentId: org.depts.east, name: 'Exporter' });
    marketing = await createUser(t, org, { role: 'marketing', departmentId: org.depts.service, name: 'Mkt' });
    manager = await createUser(t, org, { role: 'sales_manager', departmentId: org.depts.sales, name: 'Mgr' });
    rep = await createUser(t, org, { role: 'sales_rep', departmentId: org.depts.east, name: 'Rep' });
    for (let i = 0; i < 5; i++) {
      await t.http.post('/api/v1/leads').set(bearer(exporter.token)).send({ name: `导出${i}`, company: '导出公司', phone: `1390000${1000 + i}`, email: `exp${i}@example.com` }).expect(201);
    }
    await t.http.post('/api/v1/leads').set(bearer(rep.token)).send({ name: 'Not mine', phone: '13900009999' }).expect(201);
  });
  afterAll(() => t.close());

  it('streams only the rows in scope, with a BOM and headers in the asked language', async () => {
    const res = await t.http.get('/api/v1/leads/export?format=csv&lang=zh-CN').set(bearer(exporter.token)).buffer(true).parse((r, cb) => {
      let data = '';
      r.setEncoding('utf8');
      r.on('data', (c: string) => (data += c));
      r.on('end', () => cb(null, data));
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/csv/);
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="leads-/);
    expect((res.body as string).charCodeAt(0)).toBe(0xfeff);
    const lines = csv(res);
    expect(lines[0]).toMatch(/^线索ID,姓名,公司/);
    expect(lines).toHaveLength(6);
    expect(lines.join('\n')).not.toContain('Not mine');
    expect(lines[1]).toContain('139****');
    expect(lines[1]).toMatch(/e\*\*\*@example\.com/);
  });

  it('masks for a role without viewSensitive and not for one with it; filters apply', async () => {
    const m = await t.http.get('/api/v1/leads/export?q=导出1').set(bearer(marketing.token)).expect(200);
    const mLines = csv(m);
    expect(mLines[0].startsWith('ID,Name,Company')).toBe(true);
    expect(mLines).toHaveLength(2);
    expect(mLines[1]).toContain('139****1001');
    const full = await t.http.get('/api/v1/leads/export?q=导出1').set(bearer(manager.token)).expect(200);
    expect(csv(full)[1]).toContain('+8613900001001');
  });

  it('needs the export permission', async () => {
    const res = await t.http.get('/api/v1/leads/export').set(bearer(rep.token)).expect(403);
    expect(res.body.detail).toMatch(/leads:export/);
    await t.http.get('/api/v1/accounts/export').set(bearer(rep.token)).expect(403);
    await t.http.get('/api/v1/leads/export?format=xml').set(bearer(exporter.token)).expect(400);
  });

  it('answers a bad sort or cursor with an ordinary problem, not a started download', async () => {
    const res = await t.http.get('/api/v1/leads/export?sort=nope').set(bearer(exporter.token)).expect(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({ code: 'INVALID_SORT' });
    // lists: a cursor whose values have the wrong type, or a date that is none, is a 400 too
    const cursorOf = (v: unknown[]) => Buffer.from(JSON.stringify({ s: '-createdAt', v })).toString('base64url');
    const id = '00000000-0000-4000-8000-000000000000';
    for (const v of [[{ a: 1 }, id], [true, id], ['2025-01-01T00:00:00.000Z', 42]]) {
      const bad = await t.http.get(`/api/v1/leads?cursor=${cursorOf(v)}`).set(bearer(exporter.token)).expect(400);
      expect(bad.body.code).toBe('INVALID_CURSOR');
    }
    const notADate = await t.http.get(`/api/v1/leads?cursor=${cursorOf(['2025-13-45 nonsense', id])}`).set(bearer(exporter.token)).expect(400);
    expect(notADate.body.code).toBe('INVALID_VALUE');
  });

  it('neutralizes cells that Excel would run as formulas', async () => {
    await t.http.post('/api/v1/leads').set(bearer(exporter.token)).send({ name: '=HYPERLINK("http://evil","x")', company: '+cmd', notes: '@SUM(1)' }).expect(201);
    const res = await t.http.get(`/api/v1/leads/export?q=${encodeURIComponent('HYPERLINK')}`).set(bearer(exporter.token)).expect(200);
    const line = csv(res)[1];
    expect(line).toContain(`"'=HYPERLINK(""http://evil"",""x"")"`);
    expect(line).toContain(`'+cmd`);
    expect(line).not.toMatch(/(^|,)[=+@]/);
  });
});
