import { DataSource } from 'typeorm';
import { startApp, TestApp } from './helpers/test-app';
import { bearer, buildOrg, createUser, Org } from './helpers/fixtures';

type Cond = { field: string; op: string; value?: unknown };

/**
 * The advanced `filter` parameter (issue 12): one compiler in core for every owned kind, each operator,
 * 400 with the condition's field and a stable code, and the data scope still applied.
 */
describe('advanced list filters (e2e)', () => {
  let t: TestApp;
  let org: Org;
  let admin: Record<string, string>;
  let rep: { id: string; token: string };
  const ids: Record<string, string> = {};

  const filter = (conditions: Cond[], match: 'all' | 'any' = 'all') => JSON.stringify({ match, conditions });
  /** Names of the leads (of this suite) matching, for `who`. */
  const names = async (conditions: Cond[], who = admin, match: 'all' | 'any' = 'all', path = 'leads') => {
    const res = await t.http.get(`/api/v1/${path}`).query({ filter: filter(conditions, match), limit: 200, q: '筛选' }).set(who);
    if (res.status !== 200) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
    return (res.body.data as { name: string }[]).map((r) => r.name).sort();
  };
  const bad = async (conditions: Cond[] | string) =>
    (await t.http.get('/api/v1/leads').query({ filter: typeof conditions === 'string' ? conditions : filter(conditions) }).set(admin).expect(400)).body as {
      code: string;
      errors: { field: string }[];
    };

  beforeAll(async () => {
    t = await startApp();
    org = await buildOrg(t);
    admin = bearer(org.adminToken);
    rep = await createUser(t, org, { role: 'sales_rep', departmentId: org.depts.east, name: 'Filter Rep' });
    const mk = async (name: string, body: Record<string, unknown>, who = admin) => {
      const res = await t.http.post('/api/v1/leads?allowDuplicate=true').set(who).send({ name, ...body });
      if (res.status !== 201) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
      ids[name] = res.body.id;
    };
    await mk('筛选甲', { company: '杭州云启', status: 'new', source: 'web', province: '浙江省', city: '杭州市' });
    await mk('筛选乙', { company: '上海数联', status: 'contacted', source: 'referral', province: '上海市', city: '上海市', email: 'b@example.com' });
    await mk('筛选丙', { status: 'qualified', source: 'web', title: '采购经理' });
    await mk('筛选丁', { company: '杭州金陵', status: 'new', source: 'phone' }, bearer(rep.token));
    const ds = t.app.get(DataSource);
    // 甲: no activity for 40 days; 乙: active yesterday; 丙: created long ago, never followed up; 丁: fresh, never followed up
    await ds.query(`UPDATE leads SET last_activity_at = now() - interval '40 days', score = 30, tags = '{重点,展会}' WHERE id = $1`, [ids['筛选甲']]);
    await ds.query(`UPDATE leads SET last_activity_at = now() - interval '1 day', score = 60, next_follow_up_at = now() + interval '3 days', tags = '{展会}' WHERE id = $1`, [ids['筛选乙']]);
    await ds.query(`UPDATE leads SET created_at = now() - interval '90 days', score = 90, next_follow_up_at = now() + interval '30 days' WHERE id = $1`, [ids['筛选丙']]);
  });
  afterAll(() => t.close());

  it('compiles every operator', async () => {
    expect(await names([{ field: 'status', op: 'eq', value: 'new' }])).toEqual(['筛选丁', '筛选甲']);
    expect(await names([{ field: 'status', op: 'ne', value: 'new' }])).toEqual(['筛选丙', '筛选乙']);
    expect(await names([{ field: 'status', op: 'in', value: ['contacted', 'qualified'] }])).toEqual(['筛选丙', '筛选乙']);
    expect(await names([{ field: 'source', op: 'notIn', value: ['web'] }])).toEqual(['筛选丁', '筛选乙']);
    expect(await names([{ field: 'score', op: 'gt', value: 30 }])).toEqual(['筛选丙', '筛选乙']);
    expect(await names([{ field: 'score', op: 'gte', value: 30 }])).toEqual(['筛选丙', '筛选乙', '筛选甲']);
    expect(await names([{ field: 'score', op: 'lt', value: 60 }])).toEqual(['筛选丁', '筛选甲']);
    expect(await names([{ field: 'score', op: 'lte', value: 60 }])).toEqual(['筛选丁', '筛选乙', '筛选甲']);
    expect(await names([{ field: 'score', op: 'between', value: [30, 60] }])).toEqual(['筛选乙', '筛选甲']);
    expect(await names([{ field: 'company', op: 'contains', value: '杭州' }])).toEqual(['筛选丁', '筛选甲']);
    expect(await names([{ field: 'company', op: 'startsWith', value: '上海' }])).toEqual(['筛选乙']);
    expect(await names([{ field: 'company', op: 'isEmpty' }])).toEqual(['筛选丙']);
    expect(await names([{ field: 'title', op: 'isNotEmpty' }])).toEqual(['筛选丙']);
    expect(await names([{ field: 'tags', op: 'contains', value: '重点' }])).toEqual(['筛选甲']);
    expect(await names([{ field: 'tags', op: 'in', value: ['展会', '其他'] }])).toEqual(['筛选乙', '筛选甲']);
    expect(await names([{ field: 'tags', op: 'isEmpty' }])).toEqual(['筛选丁', '筛选丙']);
    expect(await names([{ field: 'nextFollowUpAt', op: 'withinNextDays', value: 7 }])).toEqual(['筛选乙']);
    expect(await names([{ field: 'createdAt', op: 'lt', value: new Date(Date.now() - 30 * 86400_000).toISOString() }])).toEqual(['筛选丙']);
    expect(await names([{ field: 'ownerId', op: 'eq', value: rep.id }])).toEqual(['筛选丁']);
    expect(await names([{ field: 'id', op: 'in', value: [ids['筛选甲'], ids['筛选丙']] }])).toEqual(['筛选丙', '筛选甲']);
  });

  it('finds "no activity for N days" from the last activity, else from creation', async () => {
    expect(await names([{ field: 'lastActivityAt', op: 'olderThanDays', value: 30 }])).toEqual(['筛选丙', '筛选甲']);
    expect(await names([{ field: 'lastActivityAt', op: 'isEmpty' }])).toEqual(['筛选丁', '筛选丙']);
  });

  it('joins conditions with all or any, and with the simple filters', async () => {
    const both: Cond[] = [{ field: 'status', op: 'eq', value: 'new' }, { field: 'source', op: 'eq', value: 'web' }];
    expect(await names(both, admin, 'all')).toEqual(['筛选甲']);
    expect(await names(both, admin, 'any')).toEqual(['筛选丁', '筛选丙', '筛选甲']);
    const res = await t.http.get('/api/v1/leads').query({ filter: filter([{ field: 'source', op: 'eq', value: 'web' }]), status: 'qualified', q: '筛选' }).set(admin).expect(200);
    expect(res.body.data.map((l: { name: string }) => l.name)).toEqual(['筛选丙']);
  });

  it('takes the filter base64url-encoded (what the SPA puts in its URLs)', async () => {
    const encoded = Buffer.from(filter([{ field: 'status', op: 'eq', value: 'contacted' }])).toString('base64url');
    const res = await t.http.get('/api/v1/leads').query({ filter: encoded, q: '筛选' }).set(admin).expect(200);
    expect(res.body.data.map((l: { name: string }) => l.name)).toEqual(['筛选乙']);
  });

  it('keeps the data scope: a rep filtering for everything sees only their own', async () => {
    expect(await names([{ field: 'status', op: 'in', value: ['new', 'contacted', 'qualified'] }], bearer(rep.token))).toEqual(['筛选丁']);
    expect(await names([{ field: 'id', op: 'eq', value: ids['筛选甲'] }], bearer(rep.token))).toEqual([]);
    expect(await names([{ field: 'ownerId', op: 'isNotEmpty' }, { field: 'ownerId', op: 'isEmpty' }], bearer(rep.token), 'any')).toEqual(['筛选丁']);
  });

  it('answers 400 with the condition and a stable code for a bad field, operator or value', async () => {
    let body = await bad([{ field: 'status', op: 'eq', value: 'new' }, { field: 'password', op: 'eq', value: 'x' }]);
    expect(body).toMatchObject({ code: 'FILTER_UNKNOWN_FIELD', errors: [{ field: 'filter.conditions[1].field' }] });
    // phones are not filterable: a masked value must not be recoverable by filtering
    body = await bad([{ field: 'phone', op: 'startsWith', value: '138' }]);
    expect(body.code).toBe('FILTER_UNKNOWN_FIELD');
    body = await bad([{ field: 'status', op: 'like', value: 'x' }]);
    expect(body).toMatchObject({ code: 'FILTER_UNKNOWN_OPERATOR', errors: [{ field: 'filter.conditions[0].op' }] });
    body = await bad([{ field: 'score', op: 'contains', value: '1' }]);
    expect(body).toMatchObject({ code: 'FILTER_OPERATOR_NOT_ALLOWED', errors: [{ field: 'filter.conditions[0].op' }] });
    body = await bad([{ field: 'status', op: 'changed' }]);
    expect(body.code).toBe('FILTER_OPERATOR_NOT_ALLOWED');
    body = await bad([{ field: 'status', op: 'eq', value: 'archived' }]);
    expect(body).toMatchObject({ code: 'FILTER_INVALID_VALUE', errors: [{ field: 'filter.conditions[0].value' }] });
    body = await bad([{ field: 'lastActivityAt', op: 'olderThanDays', value: '30; DROP TABLE leads' }]);
    expect(body.code).toBe('FILTER_INVALID_VALUE');
    body = await bad([{ field: 'createdAt', op: 'gt', value: 'yesterday' }]);
    expect(body.code).toBe('FILTER_INVALID_VALUE');
    body = await bad([{ field: 'ownerId', op: 'in', value: [] }]);
    expect(body.code).toBe('FILTER_INVALID_VALUE');
    body = await bad('{not json');
    expect(body).toMatchObject({ code: 'FILTER_INVALID', errors: [{ field: 'filter' }] });
    body = await bad(JSON.stringify({ match: 'all', conditions: Array.from({ length: 21 }, () => ({ field: 'status', op: 'isEmpty' })) }));
    expect(body.code).toBe('FILTER_TOO_MANY_CONDITIONS');
  });

  it('is the same machinery on accounts and contacts, and on exports', async () => {
    const acct = await t.http.post('/api/v1/accounts').set(admin).send({ name: '筛选客户', lifecycleStage: 'at_risk', tags: ['重点'] }).expect(201);
    await t.http.post('/api/v1/accounts').set(admin).send({ name: '筛选客户二', lifecycleStage: 'active' }).expect(201);
    expect(await names([{ field: 'lifecycleStage', op: 'eq', value: 'at_risk' }], admin, 'all', 'accounts')).toEqual(['筛选客户']);
    expect(await names([{ field: 'tags', op: 'contains', value: '重点' }], admin, 'all', 'accounts')).toEqual(['筛选客户']);
    await t.http.post('/api/v1/contacts').set(admin).send({ name: '筛选联系人', accountId: acct.body.id, title: '总监' }).expect(201);
    expect(await names([{ field: 'title', op: 'contains', value: '总' }], admin, 'all', 'contacts')).toEqual(['筛选联系人']);
    const res = await t.http.get('/api/v1/contacts').query({ filter: filter([{ field: 'status', op: 'eq', value: 'new' }]) }).set(admin).expect(400);
    expect(res.body.code).toBe('FILTER_UNKNOWN_FIELD');
    // export selected: the export takes the same filter, here the ids of a selection
    const csv = await t.http.get('/api/v1/leads/export').query({ format: 'csv', filter: filter([{ field: 'id', op: 'in', value: [ids['筛选乙'], ids['筛选丁']] }]) }).set(admin).expect(200);
    const text = String(csv.text ?? csv.body);
    expect(text).toContain('筛选乙');
    expect(text).toContain('筛选丁');
    expect(text).not.toContain('筛选甲');
  });

  it('counts exactly up to 1,000 matches and answers the estimate beyond, for the same filter and scope', async () => {
    const ds = t.app.get(DataSource);
    const [{ owner_id: ownerId, department_id: departmentId }] = await ds.query(`SELECT owner_id, department_id FROM leads WHERE id = $1`, [ids['筛选甲']]);
    // 1,000 then 1,001 leads of one source, written in SQL (the count's two paths are what is tested here)
    const add = (n: number, from: number) =>
      ds.query(
        `INSERT INTO leads (name, source, status, owner_id, department_id, tags, custom)
         SELECT '计数' || g, 'trade_show', 'new', $1, $2, '{}', '{}' FROM generate_series($3::int, $4::int) g`,
        [ownerId, departmentId, from, from + n - 1],
      );
    const page = async (extra: Record<string, unknown> = {}) =>
      (await t.http.get('/api/v1/leads').query({ source: 'trade_show', limit: 5, ...extra }).set(admin).expect(200)).body as {
        data: unknown[];
        total: number;
        totalIsEstimate: boolean;
        nextCursor: string | null;
      };
    try {
      await add(1000, 1);
      expect(await page()).toMatchObject({ total: 1000, totalIsEstimate: false });
      await add(1, 1001);
      const over = await page();
      expect(over.totalIsEstimate).toBe(true);
      expect(over.total).toBeGreaterThan(1000);
      expect(over.data).toHaveLength(5);
      // a narrower filter on the same list is exact again, and the rep outside the owner's scope counts nothing of it
      expect(await page({ q: '计数100' })).toMatchObject({ total: 3, totalIsEstimate: false }); // 100, 1000, 1001
      const repPage = (await t.http.get('/api/v1/leads').query({ source: 'trade_show', limit: 5 }).set(bearer(rep.token)).expect(200)).body;
      expect(repPage).toMatchObject({ data: [], total: 0, totalIsEstimate: false });
    } finally {
      await ds.query(`DELETE FROM leads WHERE source = 'trade_show' AND name LIKE '计数%'`);
    }
  });

  it('asks the planner first for a Chinese search in a wide scope, and skips the count when thousands match', async () => {
    const ds = t.app.get(DataSource);
    const [{ owner_id: ownerId, department_id: departmentId }] = await ds.query(`SELECT owner_id, department_id FROM leads WHERE id = $1`, [ids['筛选甲']]);
    await ds.query(
      `INSERT INTO leads (name, company, source, status, owner_id, department_id, tags, custom)
       SELECT '估算' || g, CASE WHEN g <= 3 THEN '稀有估算' ELSE '估算科技' END || g, 'other', 'new', $1, $2, '{}', '{}' FROM generate_series(1, 5000) g`,
      [ownerId, departmentId],
    );
    await ds.query('ANALYZE leads');
    const sent: string[] = [];
    const spy = jest.spyOn(ds, 'query').mockImplementation(function (this: DataSource, ...args: Parameters<DataSource['query']>) {
      if (typeof args[0] === 'string') sent.push(args[0]);
      return DataSource.prototype.query.apply(this, args);
    } as DataSource['query']);
    const search = async (q: string, who: Record<string, string>) => {
      sent.length = 0;
      const body = (await t.http.get('/api/v1/leads').query({ q, limit: 5 }).set(who).expect(200)).body as { data: unknown[]; total: number; totalIsEstimate: boolean };
      return { ...body, explained: sent.some((x) => x.startsWith('EXPLAIN (FORMAT JSON)')), counted: sent.some((x) => x.startsWith('SELECT count(*)::int AS n FROM (')) };
    };
    try {
      // the admin (scope all), 5,000 matches: the estimate, no count
      const wide = await search('估算', admin);
      expect(wide).toMatchObject({ totalIsEstimate: true, explained: true, counted: false });
      expect(wide.total).toBeGreaterThanOrEqual(4000);
      expect(wide.data).toHaveLength(5);
      // a rare piece in the same scope: the planner expects few, so the count runs and is exact
      expect(await search('稀有', admin)).toMatchObject({ total: 3, totalIsEstimate: false, explained: true, counted: true });
      // a narrow scope (the rep's own) counts first, with no EXPLAIN; none of these leads are the rep's
      expect(await search('估算', bearer(rep.token))).toMatchObject({ data: [], total: 0, totalIsEstimate: false, explained: false, counted: true });
      // a list without a Chinese search counts first as before
      sent.length = 0;
      await t.http.get('/api/v1/leads').query({ q: 'abc', limit: 5 }).set(admin).expect(200);
      expect(sent.some((x) => x.startsWith('EXPLAIN'))).toBe(false);
    } finally {
      spy.mockRestore();
      await ds.query(`DELETE FROM leads WHERE name LIKE '估算%'`);
    }
  });
});
