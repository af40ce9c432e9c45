import { DataSource } from 'typeorm';
import { startApp, TestApp } from './helpers/test-app';
import { bearer, buildOrg, createUser, Org, grantModule } from './helpers/fixtures';

/**
 * Imports of custom modules' records (issue 18) through the one import machinery: export → edit → import round
 * trip, mapping by label in either language, per-row problems (required, invalid values), the `name` upsert key
 * inside the importer's scope, the module's `create` permission, and revert.
 */
describe('custom module imports (e2e)', () => {
  let t: TestApp;
  let org: Org;
  let admin: Record<string, string>;
  let rep: { id: string; token: string };
  let rep2: { id: string; token: string };
  let agent: { id: string; token: string };
  let ds: DataSource;

  const grant = (roleKey: string, g: { actions: string[]; scope: string }, module = 'obj.visit') => grantModule(t, org, roleKey, module, g);
  const upload = (token: string, content: string, entityType = 'obj.visit') =>
    t.http.post('/api/v1/imports').set(bearer(token)).field('entityType', entityType).attach('file', Buffer.from(content), 'visits.csv');
  const start = async (token: string, id: string, body: Record<string, unknown>) => {
    await t.http.post(`/api/v1/imports/${id}/start`).set(bearer(token)).send(body).expect(202);
    return (await t.http.get(`/api/v1/imports/${id}`).set(bearer(token)).expect(200)).body;
  };
  const visits = async (token: string) =>
    (await t.http.get('/api/v1/records/visit?limit=200&sort=name').set(bearer(token)).expect(200)).body.data as {
      id: string;
      name: string;
      ownerId: string;
      custom: Record<string, unknown>;
    }[];

  beforeAll(async () => {
    t = await startApp();
    ds = t.app.get(DataSource);
    org = await buildOrg(t);
    admin = bearer(org.adminToken);
    rep = await createUser(t, org, { role: 'sales_rep', departmentId: org.depts.east, name: 'Rep' });
    rep2 = await createUser(t, org, { role: 'sales_rep', departmentId: org.depts.south, name: 'Rep2' });
    agent = await createUser(t, org, { role: 'service_agent', departmentId: org.depts.service, name: 'Agent' });
    await t.http
      .post('/api/v1/objects')
      .set(admin)
      .send({
        key: 'visit',
        nameZh: '拜访',
        nameEn: 'Visit',
        pluralZh: '拜访',
        pluralEn: 'Visits',
        nameFieldZh: '主题',
        nameFieldEn: 'Subject',
        fields: [
          { key: 'score', labelZh: '评分', labelEn: 'Score', type: 'number', required: true },
          { key: 'way', labelZh: '方式', labelEn: 'Way', type: 'select', options: [{ key: 'onsite', labelZh: '上门', labelEn: 'On site' }, { key: 'remote', labelZh: '远程', labelEn: 'Remote' }] },
          { key: 'note', labelZh: '备注', labelEn: 'Note', type: 'text' },
        ],
      })
      .expect(201);
    await grant('sales_rep', { actions: ['read', 'create', 'update', 'delete', 'export'], scope: 'own' });
    await grant('sales_rep', { actions: ['read', 'create', 'update'], scope: 'own' }, 'imports');
    // the agent may read the module but not create in it
    await grant('service_agent', { actions: ['read'], scope: 'all' });
  }, 120_000);
  afterAll(() => t.close());

  it('round-trips an export through an import: labels map in either language, rows fail with their field, scope bounds the name key, revert undoes it', async () => {
    const make = (token: string, name: string, custom: Record<string, unknown>) => t.http.post('/api/v1/records/visit').set(bearer(token)).send({ name, custom }).expect(201);
    await make(rep.token, '华东巡检', { score: 3, way: 'onsite', note: '初次' });
    await make(rep.token, '远程演示', { score: 4, way: 'remote' });
    // another rep's record with a name the file will carry: outside the importer's scope, never matched
    const other = (await make(rep2.token, '华南回访', { score: 2 })).body;

    const exported = await t.http.get('/api/v1/records/visit/export?lang=zh-CN&sort=name').set(bearer(rep.token)).expect(200);
    const lines = exported.text.replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    expect(lines[0]).toBe('主题,负责人,创建时间,评分,方式,备注');
    expect(lines).toHaveLength(3);
    // edit the exported file: one record changed, new rows (valid, missing the required score, a bad number, an unknown option, another rep's name)
    const edited = [
      ...lines.map((l) => (l.startsWith('华东巡检') ? l.replace(',3,上门,初次', ',5,上门,复查') : l)),
      '上门培训,,,2,On site,英文选项标签',
      '缺评分,,,,远程,',
      '坏数字,,,abc,远程,',
      '未知方式,,,1,飞去,',
      '华南回访,,,1,远程,同名但不在我的范围',
    ].join('\n');

    const up = await upload(rep.token, edited).expect(201);
    expect(up.body).toMatchObject({ entityType: 'obj.visit', status: 'uploaded', upsertKey: 'name' });
    // by label (Chinese here); the owner and created-at columns are export-only
    expect(up.body.mapping).toEqual({ 主题: 'name', 评分: 'custom.score', 方式: 'custom.way', 备注: 'custom.note' });
    expect(up.body.fields.map((f: { key: string }) => f.key)).toEqual(['name', 'custom.score', 'custom.way', 'custom.note']);
    // an English header row maps as well
    const en = await upload(rep.token, 'Subject,Score,Way\nx,1,Remote\n').expect(201);
    expect(en.body.mapping).toEqual({ Subject: 'name', Score: 'custom.score', Way: 'custom.way' });

    const body = { mapping: up.body.mapping, duplicatePolicy: 'update', upsertKey: 'name' };
    // a custom module's records match by name only
    const wrongKey = await t.http.post(`/api/v1/imports/${up.body.id}/start`).set(bearer(rep.token)).send({ ...body, upsertKey: 'phone' }).expect(400);
    expect(wrongKey.body).toMatchObject({ code: 'IMPORT_KEY_UNSUPPORTED', errors: [{ field: 'upsertKey' }] });

    const before = await visits(rep.token);
    const dry = await start(rep.token, up.body.id, { ...body, dryRun: true });
    expect(dry).toMatchObject({ status: 'validated', totalRows: 7, updatedCount: 2, createdCount: 2, errorCount: 3 });
    expect(await visits(rep.token)).toEqual(before);

    const run = await start(rep.token, up.body.id, body);
    expect(run).toMatchObject({ status: 'completed', totalRows: 7, updatedCount: 2, createdCount: 2, errorCount: 3 });
    const after = await visits(rep.token);
    expect(after.map((v) => v.name)).toEqual(['上门培训', '华东巡检', '华南回访', '远程演示']);
    const byName = new Map(after.map((v) => [v.name, v]));
    expect(byName.get('华东巡检')!.custom).toMatchObject({ score: 5, way: 'onsite', note: '复查' });
    expect(byName.get('上门培训')).toMatchObject({ ownerId: rep.id, custom: { score: 2, way: 'onsite' } });
    // the same name as another rep's record became the importer's own record; theirs is untouched
    expect(byName.get('华南回访')).toMatchObject({ ownerId: rep.id, custom: { score: 1, note: '同名但不在我的范围' } });
    const theirs = (await t.http.get(`/api/v1/records/visit/${other.id}`).set(bearer(rep2.token)).expect(200)).body;
    expect(theirs).toMatchObject({ version: 1, custom: { score: 2 } });
    // imported records are audited like the API's writes
    const history = (await t.http.get(`/api/v1/records/visit/${byName.get('上门培训')!.id}/history`).set(bearer(rep.token)).expect(200)).body;
    expect(JSON.stringify(history)).toContain('create');

    // the error report names each row's field, in the reader's language
    const report = await t.http.get(`/api/v1/imports/${up.body.id}/errors`).set(bearer(rep.token)).set('Accept-Language', 'zh-CN').expect(200);
    const rows = report.text.replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    expect(rows).toHaveLength(4);
    expect(rows[1]).toMatch(/^5,.*评分.*,缺评分/);
    expect(rows[2]).toMatch(/^6,.*评分.*,坏数字/);
    expect(rows[3]).toMatch(/^7,.*方式.*,未知方式/);
    const problems: { outcome: string; problems: { field: string; code: string }[] | null }[] = await ds.query(
      `SELECT outcome, problems FROM import_rows WHERE import_id = $1 AND outcome = 'error' ORDER BY row_number`,
      [up.body.id],
    );
    expect(problems.map((p) => p.problems![0])).toEqual([
      expect.objectContaining({ field: 'custom.score', code: 'CUSTOM_FIELD_REQUIRED' }),
      expect.objectContaining({ field: 'custom.score' }),
      expect.objectContaining({ field: 'custom.way' }),
    ]);

    // revert: created records go, the updated one gets its values back
    await t.http.post(`/api/v1/imports/${up.body.id}/revert`).set(bearer(rep.token)).expect(202);
    const reverted = (await t.http.get(`/api/v1/imports/${up.body.id}`).set(bearer(rep.token)).expect(200)).body;
    expect(reverted).toMatchObject({ status: 'reverted', revertSkippedCount: 0 });
    const restored = await visits(rep.token);
    expect(restored.map((v) => v.name)).toEqual(['华东巡检', '远程演示']);
    expect(restored[0].custom).toMatchObject({ score: 3, note: '初次' });
  });

  it("needs the module's create permission (403), a live module (404) and a well-formed kind (400)", async () => {
    // read-only on the module and no imports grant: the agent cannot import
    await upload(agent.token, '主题,评分\nx,1\n').expect(403);
    // the sales rep role may import, but not into a module it has no grant on
    await t.http.post('/api/v1/objects').set(admin).send({ key: 'secret_box', nameZh: '密', nameEn: 'Secret', pluralZh: '密', pluralEn: 'Secrets' }).expect(201);
    const forbidden = await upload(rep.token, 'Name\nx\n', 'obj.secret_box').expect(403);
    expect(forbidden.body.detail).toContain('obj.secret_box:create');
    await upload(org.adminToken, 'Name\nx\n', 'obj.no_such_module').expect(404);
    for (const bad of ['obj.X', "obj.x'--", 'obj.', 'objects']) {
      const r = await upload(rep.token, 'Name\nx\n', bad).expect(400);
      expect(r.body.errors[0].field).toBe('entityType');
    }
    // a built-in kind does not match by name
    const lead = await upload(org.adminToken, '姓名,手机\n张三,13800000001\n', 'lead').expect(201);
    const wrong = await t.http.post(`/api/v1/imports/${lead.body.id}/start`).set(admin).send({ mapping: lead.body.mapping, duplicatePolicy: 'skip', upsertKey: 'name' }).expect(400);
    expect(wrong.body.code).toBe('IMPORT_KEY_UNSUPPORTED');
    // the import list filters by the module's kind
    const list = await t.http.get('/api/v1/imports?entityType=obj.visit').set(bearer(rep.token)).expect(200);
    expect(list.body.data.length).toBeGreaterThan(0);
    expect(list.body.data.every((i: { entityType: string }) => i.entityType === 'obj.visit')).toBe(true);
  });
});
