import { DataSource } from 'typeorm';
import { startApp, TestApp } from './helpers/test-app';
import { bearer, buildOrg, createUser, Org, grantModule } from './helpers/fixtures';

/** Custom modules (issue 18): /objects definitions, /records/{object} records, permissions per role and scope. */
describe('custom modules (e2e)', () => {
  let t: TestApp;
  let org: Org;
  let admin: Record<string, string>;
  let manager: { id: string; token: string };
  let rep: { id: string; token: string };
  let rep2: { id: string; token: string };
  let agent: { id: string; token: string };
  let ds: DataSource;
  const ids: Record<string, string> = {};

  const kinds = [
    { key: 'onsite', labelZh: '上门', labelEn: 'On site' },
    { key: 'remote', labelZh: '远程', labelEn: 'Remote' },
  ];

  beforeAll(async () => {
    t = await startApp();
    ds = t.app.get(DataSource);
    org = await buildOrg(t);
    admin = bearer(org.adminToken);
    manager = await createUser(t, org, { role: 'sales_manager', departmentId: org.depts.sales, name: 'Manager' });
    rep = await createUser(t, org, { role: 'sales_rep', departmentId: org.depts.east, name: 'Rep' });
    rep2 = await createUser(t, org, { role: 'sales_rep', departmentId: org.depts.south, name: 'Rep2' });
    agent = await createUser(t, org, { role: 'service_agent', departmentId: org.depts.service, name: 'Agent' });
  }, 120_000);
  afterAll(() => t.close());

  const grant = (roleKey: string, g: { actions: string[]; scope: string }) => grantModule(t, org, roleKey, 'obj.site_visit', g);
  const visit = (token: string, body: Record<string, unknown>) => t.http.post('/api/v1/records/site_visit').set(bearer(token)).send(body);

  it('defines a module with fields (validated like custom fields), refuses bad and reserved keys; only admins define', async () => {
    const badField = await t.http
      .post('/api/v1/objects')
      .set(admin)
      .send({ key: 'bad_mod', nameZh: '坏', nameEn: 'Bad', pluralZh: '坏', pluralEn: 'Bad', fields: [{ key: 'ok', labelZh: 'a', labelEn: 'a', type: 'text' }, { key: 'pick', labelZh: 'b', labelEn: 'b', type: 'select' }] })
      .expect(400);
    expect(badField.body.errors[0]).toMatchObject({ field: 'fields[1].options', code: 'OBJECT_FIELD_INVALID' });
    // nothing half-written
    await t.http.get('/api/v1/objects/bad_mod').set(admin).expect(404);

    for (const key of ['Site', '1x', "x'; drop table custom_records;--", 'a', 'obj.x', '']) {
      const r = await t.http.post('/api/v1/objects').set(admin).send({ key, nameZh: 'x', nameEn: 'x', pluralZh: 'x', pluralEn: 'x' }).expect(400);
      expect(r.body.errors[0].field).toBe('key');
    }
    const reserved = await t.http.post('/api/v1/objects').set(admin).send({ key: 'lead', nameZh: 'x', nameEn: 'x', pluralZh: 'x', pluralEn: 'x' }).expect(409);
    expect(reserved.body.code).toBe('OBJECT_KEY_TAKEN');
    await t.http.post('/api/v1/objects').set(bearer(manager.token)).send({ key: 'mine', nameZh: 'x', nameEn: 'x', pluralZh: 'x', pluralEn: 'x' }).expect(403);

    const created = await t.http
      .post('/api/v1/objects')
      .set(admin)
      .send({
        key: 'site_visit',
        nameZh: '上门拜访',
        nameEn: 'Site visit',
        pluralZh: '上门拜访',
        pluralEn: 'Site visits',
        icon: 'Location',
        nameFieldZh: '主题',
        nameFieldEn: 'Subject',
        fields: [
          { key: 'visitType', labelZh: '方式', labelEn: 'Type', type: 'select', options: kinds, filterable: true },
          { key: 'visitDate', labelZh: '日期', labelEn: 'Date', type: 'date', filterable: true },
          { key: 'score', labelZh: '评分', labelEn: 'Score', type: 'number', required: true },
          { key: 'account', labelZh: '客户', labelEn: 'Account', type: 'reference', refKind: 'account' },
        ],
      })
      .expect(201);
    expect(created.body).toMatchObject({ key: 'site_visit', module: 'obj.site_visit', hasOwner: true });
    expect(created.body.fields.map((f: { key: string }) => f.key)).toEqual(['visitType', 'visitDate', 'score', 'account']);
    const again = await t.http.post('/api/v1/objects').set(admin).send({ key: 'site_visit', nameZh: 'x', nameEn: 'x', pluralZh: 'x', pluralEn: 'x' }).expect(409);
    expect(again.body.code).toBe('OBJECT_KEY_TAKEN');

    // a field added later, through the same machinery
    await t.http.post('/api/v1/objects/site_visit/fields').set(admin).send({ key: 'notes', labelZh: '备注', labelEn: 'Notes', type: 'longText' }).expect(201);
    // the filterable fields got partial expression indexes on the shared table
    const idx: { indexname: string; indexdef: string }[] = await ds.query(`SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'custom_records' AND indexname LIKE 'ix_cr_%'`);
    expect(idx.map((r) => r.indexname.replace(/^ix_cr_[0-9a-f]{12}_/, '')).sort()).toEqual(['visitdate', 'visittype']);
    expect(idx[0].indexdef).toContain(`object_id = '${created.body.id}'`);
  });

  it('puts the module in the role matrix without a deploy: 403 until a role grants it', async () => {
    const catalog = await t.http.get('/api/v1/meta/permissions').set(admin).expect(200);
    expect(catalog.body.modules).toContain('obj.site_visit');
    expect(catalog.body.objects).toEqual([{ module: 'obj.site_visit', labelZh: '上门拜访', labelEn: 'Site visits' }]);
    expect(catalog.body.groups.custom).toEqual(['obj.site_visit']);
    await t.http.get('/api/v1/records/site_visit').set(bearer(rep.token)).expect(403);
    // the menu lists only modules the reader may read
    expect((await t.http.get('/api/v1/objects').set(bearer(rep.token)).expect(200)).body).toEqual([]);

    await grant('sales_rep', { actions: ['read', 'create', 'update', 'export'], scope: 'own' });
    await grant('sales_manager', { actions: ['read', 'create', 'update', 'delete', 'export'], scope: 'department' });
    const bad = await t.http
      .patch(`/api/v1/roles/${org.roles.marketing}`)
      .set(admin)
      .send({ permissions: [{ module: "obj.x'--", actions: ['read'], scope: 'all' }] })
      .expect(400);
    expect(bad.body.errors[0].field).toContain('module');
    expect((await t.http.get('/api/v1/objects').set(bearer(rep.token)).expect(200)).body.map((o: { key: string }) => o.key)).toEqual(['site_visit']);
  });

  it('creates records with validation naming the field; scope own / department; 403 and 404', async () => {
    const bad = await visit(rep.token, { name: '拜访', custom: { score: 'abc' } }).expect(400);
    expect(bad.body.errors[0]).toMatchObject({ field: 'custom.score', code: 'CUSTOM_FIELD_INVALID' });
    const missing = await visit(rep.token, { name: '拜访', custom: { visitType: 'onsite' } }).expect(400);
    expect(missing.body.errors[0]).toMatchObject({ field: 'custom.score', code: 'CUSTOM_FIELD_REQUIRED' });
    const unknown = await visit(rep.token, { name: '拜访', custom: { score: 1, "x'--": 1 } }).expect(400);
    expect(unknown.body.errors[0].code).toBe('CUSTOM_FIELD_UNKNOWN');
    const option = await visit(rep.token, { name: '拜访', custom: { score: 1, visitType: 'teleport' } }).expect(400);
    expect(option.body.errors[0]).toMatchObject({ field: 'custom.visitType', code: 'CUSTOM_FIELD_OPTION' });
    const noName = await visit(rep.token, { custom: { score: 1 } }).expect(400);
    expect(noName.body.errors[0].field).toBe('name');

    ids.a = (await visit(rep.token, { name: '华东仓库巡检', custom: { visitType: 'onsite', visitDate: '2026-03-01', score: 5 } }).expect(201)).body.id;
    ids.b = (await visit(rep.token, { name: '远程演示', custom: { visitType: 'remote', visitDate: '2026-01-15', score: 3 } }).expect(201)).body.id;
    ids.c = (await visit(rep.token, { name: '上门培训', custom: { visitType: 'onsite', visitDate: '2026-02-10', score: 4 } }).expect(201)).body.id;
    ids.d = (await visit(rep2.token, { name: '华南回访', custom: { visitType: 'onsite', visitDate: '2026-02-20', score: 2 } }).expect(201)).body.id;
    const mine = await t.http.get(`/api/v1/records/site_visit/${ids.a}`).set(bearer(rep.token)).expect(200);
    expect(mine.body).toMatchObject({ object: 'site_visit', name: '华东仓库巡检', ownerId: rep.id, ownerName: 'Rep', custom: { visitType: 'onsite', visitDate: '2026-03-01', score: 5, account: null }, actions: ['edit'] });

    // rep: own scope sees only their records; another rep's record is a 404
    const repList = await t.http.get('/api/v1/records/site_visit').set(bearer(rep.token)).expect(200);
    expect(repList.body.data.map((r: { id: string }) => r.id).sort()).toEqual([ids.a, ids.b, ids.c].sort());
    await t.http.get(`/api/v1/records/site_visit/${ids.d}`).set(bearer(rep.token)).expect(404);
    await t.http.patch(`/api/v1/records/site_visit/${ids.d}`).set(bearer(rep.token)).send({ name: 'x' }).expect(404);
    // manager: department and below sees all four
    const mgrList = await t.http.get('/api/v1/records/site_visit').set(bearer(manager.token)).expect(200);
    expect(mgrList.body.total).toBe(4);
    // a user without the module's permission
    await t.http.get('/api/v1/records/site_visit').set(bearer(agent.token)).expect(403);
    await t.http.get(`/api/v1/records/site_visit/${ids.a}`).set(bearer(agent.token)).expect(403);
    await visit(agent.token, { name: 'x', custom: { score: 1 } }).expect(403);
    // the rep may not delete (no delete action), an unknown module is 404
    await t.http.delete(`/api/v1/records/site_visit/${ids.a}`).set(bearer(rep.token)).expect(403);
    await t.http.get('/api/v1/records/nothing_here').set(admin).expect(404);
  });

  it('lists filtered and sorted by fields, with keyset pages; search by name', async () => {
    const onsite = await t.http.get('/api/v1/records/site_visit?custom.visitType=onsite&sort=custom.visitDate').set(bearer(manager.token)).expect(200);
    expect(onsite.body.data.map((r: { name: string }) => r.name)).toEqual(['上门培训', '华南回访', '华东仓库巡检']);
    const range = await t.http.get('/api/v1/records/site_visit?custom.visitDateFrom=2026-02-01&custom.visitDateTo=2026-02-28&sort=-custom.visitDate').set(bearer(manager.token)).expect(200);
    expect(range.body.data.map((r: { name: string }) => r.name)).toEqual(['华南回访', '上门培训']);
    // keyset pages by a custom sort
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { data: { name: string }[]; nextCursor: string | null } } = await t.http
        .get(`/api/v1/records/site_visit?sort=-custom.visitDate&limit=1${cursor ? `&cursor=${cursor}` : ''}`)
        .set(bearer(manager.token))
        .expect(200);
      seen.push(...page.body.data.map((r) => r.name));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['华东仓库巡检', '华南回访', '上门培训', '远程演示']);
    const byName = await t.http.get(`/api/v1/records/site_visit?q=${encodeURIComponent('仓库')}`).set(bearer(manager.token)).expect(200);
    expect(byName.body.data.map((r: { id: string }) => r.id)).toEqual([ids.a]);
    const rep2Only = await t.http.get(`/api/v1/records/site_visit?ownerId=${rep2.id}`).set(bearer(manager.token)).expect(200);
    expect(rep2Only.body.data.map((r: { id: string }) => r.id)).toEqual([ids.d]);
  });

  it('refuses SQL injection in keys, filter values, sorts and the module key (400/404, nothing leaks)', async () => {
    const attempts = [
      `custom.visitType=${encodeURIComponent("onsite' OR '1'='1")}`,
      `custom.${encodeURIComponent("visitType') OR 1=1--")}=onsite`,
      `custom.score=${encodeURIComponent('1; DROP TABLE custom_records')}`,
      `sort=${encodeURIComponent("custom.visitDate');--")}`,
      `custom.visitDateFrom=${encodeURIComponent("2026-01-01' OR 1=1--")}`,
      'sort=custom.nope',
    ];
    for (const a of attempts) {
      const r = await t.http.get(`/api/v1/records/site_visit?${a}`).set(bearer(rep.token));
      expect(r.status).toBe(400);
    }
    const q = await t.http.get(`/api/v1/records/site_visit?q=${encodeURIComponent("' OR 1=1 --")}`).set(bearer(rep.token)).expect(200);
    expect(q.body.data).toEqual([]);
    await t.http.get(`/api/v1/records/${encodeURIComponent("site_visit' OR 1=1--")}`).set(admin).expect(404);
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM custom_records`);
    expect(n).toBe(4);
  });

  it('updates with optimistic versions (412), audits each field, shows a timeline and writes committed events', async () => {
    const before = (await t.http.get(`/api/v1/records/site_visit/${ids.b}`).set(bearer(rep.token)).expect(200)).body;
    const updated = await t.http.patch(`/api/v1/records/site_visit/${ids.b}`).set(bearer(rep.token)).send({ custom: { score: 4 }, version: before.version }).expect(200);
    expect(updated.body.custom.score).toBe(4);
    expect(updated.body.version).toBe(before.version + 1);
    const stale = await t.http.patch(`/api/v1/records/site_visit/${ids.b}`).set(bearer(rep.token)).set('If-Match', `"${before.version}"`).send({ name: 'late' }).expect(412);
    expect(stale.body.currentVersion).toBe(before.version + 1);
    // parallel writers with the same version: one wins, the other gets 412
    const v = updated.body.version;
    const both = await Promise.all(
      [1, 2].map((s) => t.http.patch(`/api/v1/records/site_visit/${ids.b}`).set(bearer(rep.token)).send({ custom: { score: s }, version: v })),
    );
    expect(both.map((r) => r.status).sort()).toEqual([200, 412]);

    const history = await t.http.get(`/api/v1/records/site_visit/${ids.b}/history`).set(bearer(rep.token)).expect(200);
    expect(history.body.data.map((e: { action: string }) => e.action)).toEqual(['update', 'update', 'create']);
    expect(history.body.data[1].changes).toEqual([expect.objectContaining({ field: 'custom.score', old: 3, new: 4 })]);
    await t.http.get(`/api/v1/records/site_visit/${ids.d}/history`).set(bearer(rep.token)).expect(404);

    const audit = await t.http.get(`/api/v1/audit-logs?entityType=obj.site_visit&entityId=${ids.b}`).set(admin).expect(200);
    expect(audit.body.data.length).toBe(3);
    const events: { n: number }[] = await ds.query(`SELECT count(*)::int AS n FROM outbox_events WHERE entity_type = 'obj.site_visit' AND entity_id = $1`, [ids.b]);
    expect(events[0].n).toBe(3);
  });

  it('exports what the reader may see as CSV and XLSX, with field labels and option labels', async () => {
    const csv = await t.http.get('/api/v1/records/site_visit/export?lang=en-US&sort=custom.visitDate').set(bearer(rep.token)).expect(200);
    const lines = csv.text.replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    expect(lines[0]).toBe('Subject,Owner,Created at,Type,Date,Score,Account,Notes');
    expect(lines).toHaveLength(4);
    expect(csv.text).toContain('On site');
    expect(csv.text).not.toContain('华南回访');
    const filtered = await t.http.get('/api/v1/records/site_visit/export?custom.visitType=remote&lang=zh-CN').set(bearer(manager.token)).expect(200);
    expect(filtered.text).toContain('远程演示');
    expect(filtered.text).toContain('远程');
    expect(filtered.text).not.toContain('华南回访');
    const xlsx = await t.http.get('/api/v1/records/site_visit/export?format=xlsx').set(bearer(manager.token)).buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    }).expect(200);
    expect((xlsx.body as Buffer).subarray(0, 2).toString()).toBe('PK');
    await t.http.get('/api/v1/records/site_visit/export').set(bearer(agent.token)).expect(403);
  });

  it('deletes softly inside the scope; the module can be renamed and deleted; at most 50 modules (422)', async () => {
    await t.http.delete(`/api/v1/records/site_visit/${ids.d}`).set(bearer(manager.token)).set('If-Match', '"1"').expect(204);
    await t.http.get(`/api/v1/records/site_visit/${ids.d}`).set(bearer(manager.token)).expect(404);
    const [{ deleted }] = await ds.query(`SELECT deleted_at IS NOT NULL AS deleted FROM custom_records WHERE id = $1`, [ids.d]);
    expect(deleted).toBe(true);

    const renamed = await t.http.patch('/api/v1/objects/site_visit').set(admin).send({ pluralEn: 'Visits', version: 1 }).expect(200);
    expect(renamed.body.pluralEn).toBe('Visits');
    await t.http.patch('/api/v1/objects/site_visit').set(admin).send({ pluralEn: 'Late', version: 1 }).expect(412);

    await ds.query(
      `INSERT INTO custom_objects (key, name_zh, name_en, plural_zh, plural_en, name_field_zh, name_field_en)
       SELECT 'filler_' || g, 'x', 'x', 'x', 'x', 'x', 'x' FROM generate_series(1, 49) g`,
    );
    const limit = await t.http.post('/api/v1/objects').set(admin).send({ key: 'one_more', nameZh: 'x', nameEn: 'x', pluralZh: 'x', pluralEn: 'x' }).expect(422);
    expect(limit.body).toMatchObject({ code: 'OBJECT_LIMIT', limit: 50 });
    // definitions are cached for 2 s per instance (rows inserted behind the API's back show up after that)
    await new Promise((r) => setTimeout(r, 2100));
    await t.http.delete('/api/v1/objects/filler_1').set(admin).expect(204);
    await t.http.post('/api/v1/objects').set(admin).send({ key: 'one_more', nameZh: 'x', nameEn: 'x', pluralZh: 'x', pluralEn: 'x' }).expect(201);
  });
});
