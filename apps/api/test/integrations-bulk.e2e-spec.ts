import { DataSource } from 'typeorm';
import { startApp, TestApp } from './helpers/test-app';
import { bearer, buildOrg, createUser, Org } from './helpers/fixtures';

/** Bulk create: one machinery (core/records/bulk-create) behind leads, accounts, contacts and activities. */
describe('bulk create (e2e)', () => {
  let t: TestApp;
  let org: Org;
  let ds: DataSource;
  let phone = 13800000000;
  const nextPhone = () => `+86${++phone}`;

  beforeAll(async () => {
    t = await startApp();
    org = await buildOrg(t);
    ds = t.app.get(DataSource);
  });
  afterAll(() => t.close());

  const admin = () => bearer(org.adminToken);
  const count = async (table: string, like: string) => Number((await ds.query(`SELECT count(*) FROM ${table} WHERE name LIKE $1`, [like]))[0].count);

  it('creates leads with per-record results: ids, field errors and duplicate conflicts', async () => {
    const dup = nextPhone();
    const res = await t.http
      .post('/api/v1/leads/bulk/create')
      .set(admin())
      .send({ records: [{ name: 'Bulk A', source: 'web', phone: dup }, { source: 'web' }, { name: 'Bulk C', phone: dup }, { name: 'Bulk D', bogus: 1 }] })
      .expect(200);
    expect(res.body).toMatchObject({ created: 1, failed: 3, atomic: false });
    const [a, b, c, d] = res.body.results;
    expect(a).toMatchObject({ index: 0, ok: true });
    expect(b).toMatchObject({ index: 1, ok: false, status: 400, code: 'VALIDATION_FAILED' });
    expect(b.errors.map((e: { field: string }) => e.field)).toContain('name');
    expect(c).toMatchObject({ index: 2, ok: false, status: 409, code: 'DUPLICATE_FOUND' });
    expect(d).toMatchObject({ ok: false, status: 400 });
    const lead = await t.http.get(`/api/v1/leads/${a.id}`).set(admin()).expect(200);
    expect(lead.body.name).toBe('Bulk A');
    expect(await count('leads', 'Bulk %')).toBe(1);
  });

  it('is all or nothing with atomic=true', async () => {
    const dup = nextPhone();
    const bad = await t.http
      .post('/api/v1/accounts/bulk/create?atomic=true')
      .set(admin())
      .send({ records: [{ name: 'Atomic 1' }, { name: 'Atomic 2', phone: dup }, { name: 'Atomic 3', phone: dup }] })
      .expect(200);
    expect(bad.body).toMatchObject({ created: 0, failed: 3, atomic: true });
    expect(bad.body.results.map((r: { status: number }) => r.status)).toEqual([424, 424, 409]);
    expect(await count('accounts', 'Atomic %')).toBe(0);
    expect(Number((await ds.query(`SELECT count(*) FROM audit_logs WHERE entity_type = 'account'`))[0].count)).toBe(0);
    const invalid = await t.http.post('/api/v1/accounts/bulk/create?atomic=true').set(admin()).send({ records: [{ name: 'Atomic 4' }, { name: '' }] }).expect(200);
    expect(invalid.body.results.map((r: { status: number }) => r.status)).toEqual([424, 400]);
    const ok = await t.http.post('/api/v1/accounts/bulk/create?atomic=true').set(admin()).send({ records: [{ name: 'Atomic 5' }, { name: 'Atomic 6', phone: nextPhone() }] }).expect(200);
    expect(ok.body).toMatchObject({ created: 2, failed: 0 });
    expect(await count('accounts', 'Atomic %')).toBe(2);
    // contacts and activities go through the same machinery
    const accountId = ok.body.results[0].id;
    const contacts = await t.http.post('/api/v1/contacts/bulk/create?atomic=true').set(admin()).send({ records: [{ accountId, name: '联系人 1' }, { accountId, name: '联系人 2' }] }).expect(200);
    expect(contacts.body.created).toBe(2);
    const acts = await t.http
      .post('/api/v1/activities/bulk/create')
      .set(admin())
      .send({ records: [{ type: 'note', accountId, subject: 'Bulk note', content: 'x' }, { type: 'note', subject: 'No record' }] })
      .expect(200);
    expect(acts.body.results.map((r: { ok: boolean }) => r.ok)).toEqual([true, false]);
  });

  it('refuses more than 500 records and creators without the create permission', async () => {
    const records = Array.from({ length: 501 }, (_, i) => ({ name: `Too many ${i}` }));
    await t.http.post('/api/v1/leads/bulk/create').set(admin()).send({ records }).expect(400);
    const service = await createUser(t, org, { role: 'service_agent', departmentId: org.depts.service });
    await t.http.post('/api/v1/leads/bulk/create').set(bearer(service.token)).send({ records: [{ name: 'x' }] }).expect(403);
  });
});
