import { startApp, TestApp } from './helpers/test-app';
import { bearer, buildOrg, createUser, Org, plainAudit } from './helpers/fixtures';

type U = { id: string; token: string };
type Body = Record<string, unknown>;

/** One owned record kind as the API shows it: where it lives, how to make one, which fields are sensitive. */
interface Kind {
  path: 'leads' | 'accounts' | 'contacts';
  /** The kind's key in GET /search. */
  searchKey: string;
  phoneField: string;
  sensitive: string[];
  body: (name: string, phone: string | null, email: string | null) => Body;
}

let accountId = '';
const KINDS: Kind[] = [
  { path: 'leads', searchKey: 'leads', phoneField: 'phone', sensitive: ['phone', 'email'], body: (name, phone, email) => ({ name, phone, email }) },
  { path: 'accounts', searchKey: 'accounts', phoneField: 'phone', sensitive: ['phone', 'email'], body: (name, phone, email) => ({ name, phone, email }) },
  {
    path: 'contacts',
    searchKey: 'contacts',
    phoneField: 'mobile',
    sensitive: ['mobile', 'workPhone', 'email'],
    body: (name, mobile, email) => ({ accountId, name, mobile, email }),
  },
];

/**
 * The record kit's shared behaviours, the same for every owned kind: masked `q` search (issue 9 item 3:
 * the digit-by-digit attack recovers nothing), reveal, duplicates, merge, remove and scoped restore.
 */
describe('record kit (e2e)', () => {
  let t: TestApp;
  let org: Org;
  let admin: Record<string, string>;
  let manager: U;
  let rep: U;
  let southRestorer: U;
  let seq = 0;

  /** A fresh mobile number whose last four digits do not repeat its first three (so a prefix guess cannot hit the visible part). */
  const phone = (): string => {
    const n = `13${String(700000000 + ++seq * 7919).slice(-9)}`;
    return n.slice(-4).includes(n.slice(0, 3)) ? phone() : n;
  };
  const create = async (kind: Kind, who: U, over: Partial<{ name: string; phone: string | null; email: string | null }> = {}) => {
    const n = ++seq;
    const body = kind.body(over.name ?? `记录 ${kind.path} ${n}`, over.phone === undefined ? phone() : over.phone, over.email === undefined ? `kit${n}@example.com` : over.email);
    const res = await t.http.post(`/api/v1/${kind.path}?allowDuplicate=true`).set(bearer(who.token)).send(body);
    if (res.status !== 201) throw new Error(`create ${kind.path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as Body & { id: string };
  };
  const listIds = async (kind: Kind, who: U | Record<string, string>, q: string) => {
    const res = await t.http.get(`/api/v1/${kind.path}`).query({ q, limit: 200 }).set('token' in who ? bearer(who.token as string) : who).expect(200);
    return (res.body.data as { id: string }[]).map((r) => r.id);
  };
  const audit = async (entityId: string) =>
    plainAudit((await t.http.get(`/api/v1/audit-logs?entityId=${entityId}`).set(admin).expect(200)).body.data) as { action: string; changes: { field: string; old: unknown; new: unknown }[] }[];

  beforeAll(async () => {
    t = await startApp();
    org = await buildOrg(t);
    admin = bearer(org.adminToken);
    manager = await createUser(t, org, { role: 'sales_manager', departmentId: org.depts.sales, name: 'Kit Manager' });
    const role = async (key: string, actions: string[], specialPermissions: string[]) =>
      (
        await t.http
          .post('/api/v1/roles')
          .set(admin)
          .send({ key, name: key, permissions: ['leads', 'accounts', 'contacts'].map((module) => ({ module, actions, scope: 'own' })), specialPermissions })
          .expect(201)
      ).body.id as string;
    // a rep who may export but not view sensitive data; a restorer whose scope is their own records
    rep = await createUser(t, org, { role: await role('kit_rep', ['read', 'create', 'update', 'export'], []), departmentId: org.depts.east, name: 'Kit Rep' });
    southRestorer = await createUser(t, org, { role: await role('own_restorer', ['read', 'update'], ['restore']), departmentId: org.depts.south, name: 'South Restorer' });
    accountId = (await t.http.post('/api/v1/accounts').set(bearer(rep.token)).send({ name: '记录工具测试公司' }).expect(201)).body.id;
  });
  afterAll(() => t.close());

  describe.each(KINDS)('$path', (kind) => {
    it('q without viewSensitive: the digit-by-digit attack recovers nothing; whole numbers, whole emails and the last four still match', async () => {
      const number = phone();
      const record = await create(kind, rep, { phone: number, email: 'secret.person@hidden-corp.cn' });
      const masked = record[kind.phoneField] as string;
      expect(masked).toBe(`${number.slice(0, 3)}****${number.slice(-4)}`);
      const finds = async (q: string) => (await listIds(kind, rep, q)).includes(record.id);

      // the attack: extend what the mask shows one digit at a time, before the last four and after the first three
      let known = number.slice(0, 3);
      for (let pos = 3; pos < 7; pos++) {
        let next: string | null = null;
        for (let d = 0; d <= 9 && next === null; d++) if (await finds(known + d)) next = String(d);
        if (next === null) break;
        known += next;
      }
      expect(known).toBe(number.slice(0, 3));
      for (let d = 0; d <= 9; d++) expect(await finds(`${d}${number.slice(-4)}`)).toBe(false);
      // emails: neither a piece of the hidden local part nor the domain alone
      for (const q of ['secret', 'se', 'person@hidden', '@hidden-corp.cn', 'hidden-corp']) expect(await finds(q)).toBe(false);
      // global search and exports follow the same rule
      const search = await t.http.get('/api/v1/search').query({ q: number.slice(0, 5), limit: 20 }).set(bearer(rep.token)).expect(200);
      expect((search.body[kind.searchKey] as { id: string }[]).map((r) => r.id)).not.toContain(record.id);
      const csv = await t.http.get(`/api/v1/${kind.path}/export`).query({ q: number.slice(0, 6) }).set(bearer(rep.token)).expect(200);
      expect(csv.text).not.toContain(record.id);

      // what stays possible: the whole number in any common spelling, the whole email, the last four digits
      for (const q of [number, `+86${number}`, `${number.slice(0, 3)} ${number.slice(3, 7)} ${number.slice(7)}`, 'Secret.Person@Hidden-Corp.cn', number.slice(-4)]) {
        expect(await finds(q)).toBe(true);
      }
      const whole = await t.http.get('/api/v1/search').query({ q: number, limit: 20 }).set(bearer(rep.token)).expect(200);
      expect((whole.body[kind.searchKey] as { id: string }[]).map((r) => r.id)).toContain(record.id);
      const wholeCsv = await t.http.get(`/api/v1/${kind.path}/export`).query({ q: number }).set(bearer(rep.token)).expect(200);
      expect(wholeCsv.text).toContain(record.id);
      // users with viewSensitive keep substring search
      expect(await listIds(kind, admin, number.slice(2, 8))).toContain(record.id);
      expect(await listIds(kind, manager, 'secret.per')).toContain(record.id);
    });

    it('reveal answers { id, <sensitive fields> } and writes one reveal entry naming the fields shown', async () => {
      const number = phone();
      const email = `reveal${seq}@example.com`;
      const record = await create(kind, rep, { phone: number, email });
      const res = await t.http.post(`/api/v1/${kind.path}/${record.id}/reveal`).set(bearer(rep.token)).expect(200);
      const expected: Body = { id: record.id };
      for (const f of kind.sensitive) expected[f] = null;
      expected[kind.phoneField] = `+86${number}`;
      expected.email = email;
      expect(res.body).toEqual(expected);
      const entries = (await audit(record.id)).filter((a) => a.action === 'reveal');
      expect(entries).toEqual([expect.objectContaining({ changes: [{ field: 'revealed', old: null, new: [kind.phoneField, 'email'] }] })]);
    });

    it('duplicates, then merge: 409 MERGE_INVALID for the survivor among its duplicates; one audit shape', async () => {
      const email = `same${++seq}@example.com`;
      const dupPhone = phone();
      const survivor = await create(kind, rep, { phone: null, email });
      const dup = await create(kind, rep, { phone: dupPhone, email });
      const dups = await t.http.get(`/api/v1/${kind.path}/${survivor.id}/duplicates`).set(bearer(rep.token)).expect(200);
      expect(dups.body).toEqual(expect.arrayContaining([expect.objectContaining({ entityType: kind.path.slice(0, -1), id: dup.id, matchedOn: 'email', visible: true })]));

      const self = await t.http.post(`/api/v1/${kind.path}/${survivor.id}/merge`).set(bearer(manager.token)).send({ duplicateIds: [dup.id, survivor.id] }).expect(409);
      expect(self.body.code).toBe('MERGE_INVALID');
      const merged = await t.http.post(`/api/v1/${kind.path}/${survivor.id}/merge`).set(bearer(manager.token)).send({ duplicateIds: [dup.id] }).expect(200);
      // the survivor took the phone it lacked
      expect(merged.body).toMatchObject({ id: survivor.id, [kind.phoneField]: `+86${dupPhone}` });
      await t.http.get(`/api/v1/${kind.path}/${dup.id}`).set(admin).expect(404);
      expect((await audit(survivor.id)).filter((a) => a.action === 'merge')).toEqual([
        expect.objectContaining({ changes: [{ field: 'mergedFrom', old: null, new: [dup.id] }] }),
      ]);
      expect((await audit(dup.id)).filter((a) => a.action === 'merge')).toEqual([
        expect.objectContaining({ changes: [{ field: 'mergedInto', old: null, new: survivor.id }] }),
      ]);
      // a merged-away record is gone: merging it again is a 404
      await t.http.post(`/api/v1/${kind.path}/${survivor.id}/merge`).set(bearer(manager.token)).send({ duplicateIds: [dup.id] }).expect(404);
    });

    it('two opposite merges at once: locks in id order, so one wins and the other is a 404, never a deadlock', async () => {
      const a = await create(kind, rep);
      const b = await create(kind, rep);
      const merge = (into: string, from: string) => t.http.post(`/api/v1/${kind.path}/${into}/merge`).set(bearer(manager.token)).send({ duplicateIds: [from] });
      const [ab, ba] = await Promise.all([merge(a.id, b.id), merge(b.id, a.id)]);
      expect([ab.status, ba.status].sort()).toEqual([200, 404]);
    });

    it('remove, then restore inside the restorer’s scope only (out of scope: 404, nothing restored)', async () => {
      const record = await create(kind, rep);
      await t.http.delete(`/api/v1/${kind.path}/${record.id}`).set(bearer(manager.token)).expect(204);
      expect(await listIds(kind, admin, record.name as string)).not.toContain(record.id);
      await t.http.post(`/api/v1/${kind.path}/${record.id}/restore`).set(bearer(southRestorer.token)).expect(404);
      await t.http.get(`/api/v1/${kind.path}/${record.id}`).set(admin).expect(404);
      expect((await audit(record.id)).map((a) => a.action)).toEqual(['delete', 'create']);
      const restored = await t.http.post(`/api/v1/${kind.path}/${record.id}/restore`).set(admin).expect(200);
      expect(restored.body.id).toBe(record.id);
      expect(await listIds(kind, admin, record.name as string)).toContain(record.id);
    });
  });
});
