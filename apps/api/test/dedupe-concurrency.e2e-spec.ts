import { DataSource } from 'typeorm';
import { startApp, TestApp } from './helpers/test-app';
import { bearer, buildOrg } from './helpers/fixtures';

/** The duplicate check and the insert are atomic per normalized phone/email, for the API and imports alike. */
describe('duplicates under concurrency (e2e)', () => {
  let t: TestApp;
  let admin: Record<string, string>;
  let accountId: string;

  beforeAll(async () => {
    t = await startApp();
    admin = bearer((await buildOrg(t)).adminToken);
    accountId = (await t.http.post('/api/v1/accounts').set(admin).send({ name: '并发测试公司' }).expect(201)).body.id;
  });
  afterAll(() => t.close());

  const countWith = async (value: string) =>
    Number((await t.app.get(DataSource).query(`SELECT count(*) n FROM contact_points WHERE value = $1`, [value]))[0].n);

  it.each([
    ['leads', 'phone', (i: number, phone: string) => ({ name: `并发线索 ${i}`, phone })],
    ['accounts', 'phone', (i: number, phone: string) => ({ name: `并发客户 ${i}`, phone })],
    ['contacts', 'phone', (i: number, phone: string) => ({ accountId, name: `并发联系人 ${i}`, mobile: phone })],
    ['contacts', 'email', (i: number, email: string) => ({ accountId, name: `并发联系人 ${i}`, email })],
  ] as const)('20 parallel %s creates with one new %s: one 201, nineteen 409 DUPLICATE_FOUND', async (resource, kind, body) => {
    const value = kind === 'email' ? `race.${resource}@example.com` : `+86139${String(Date.now()).slice(-8)}`;
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => t.http.post(`/api/v1/${resource}`).set(admin).send(body(i, value))),
    );
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses).toEqual([201, ...Array(19).fill(409)]);
    expect(answers.filter((r) => r.status === 409).map((r) => r.body.code)).toEqual(Array(19).fill('DUPLICATE_FOUND'));
    expect(await countWith(value)).toBe(1);
  });

  it('an import racing API creates of the same phones leaves exactly one lead per phone', async () => {
    const phones = Array.from({ length: 400 }, (_, i) => `+86137${String(20000000 + i)}`);
    const csv = ['Name,Phone', ...phones.map((p, i) => `导入 ${i},${p}`)].join('\n');
    const up = await t.http.post('/api/v1/imports').set(admin).field('entityType', 'lead').attach('file', Buffer.from(csv), 'race.csv').expect(201);
    const importing = t.http
      .post(`/api/v1/imports/${up.body.id}/start`)
      .set(admin)
      .send({ mapping: up.body.mapping, duplicatePolicy: 'skip', upsertKey: 'phone' });
    // the API creates the same phones from the end of the file while the import works from its start
    const queue = [...phones].reverse();
    const statuses: number[] = [];
    const worker = async () => {
      for (let phone = queue.shift(); phone; phone = queue.shift()) {
        statuses.push((await t.http.post('/api/v1/leads').set(admin).send({ name: '接口线索', phone })).status);
      }
    };
    const [started] = await Promise.all([importing, ...Array.from({ length: 4 }, worker)]);
    expect(started.status).toBe(202);
    expect(statuses.filter((s) => s !== 201 && s !== 409)).toEqual([]);
    const apiCreated = statuses.filter((s) => s === 201).length;
    const imp = (await t.http.get(`/api/v1/imports/${up.body.id}`).set(admin).expect(200)).body;
    expect(imp).toMatchObject({ status: 'completed', errorCount: 0, skippedCount: apiCreated, createdCount: phones.length - apiCreated });
    const rows: { phone: string; n: string }[] = await t.app
      .get(DataSource)
      .query(`SELECT phone, count(*) n FROM leads WHERE phone = ANY($1) AND deleted_at IS NULL GROUP BY phone`, [phones]);
    expect(rows).toHaveLength(phones.length);
    expect(rows.filter((r) => Number(r.n) !== 1)).toEqual([]);
  }, 120_000);
});
