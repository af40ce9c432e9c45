import { DataSource } from 'typeorm';
import { startApp, TestApp } from './helpers/test-app';
import { bearer, buildOrg, createUser, Org, plainAudit } from './helpers/fixtures';

type U = { id: string; token: string };
type Entry = { action: string; actorName: string | null; changes: { field: string; old: unknown; new: unknown }[] };

/** Every pooled kind, one row each: the same endpoints, statuses, audit entries and notifications. */
const KINDS = [
  { kind: 'lead', path: 'leads', table: 'leads' },
  { kind: 'account', path: 'accounts', table: 'accounts' },
] as const;

/** Ownership of pooled records (assign, claim and its limit, release, nightly return), the same for every kind. */
describe('pool ownership (e2e)', () => {
  let t: TestApp;
  let org: Org;
  let admin: Record<string, string>;
  let manager: U;
  let repA: U;
  let repB: U;
  let outsider: U;
  let seq = 0;

  beforeAll(async () => {
    t = await startApp();
    org = await buildOrg(t);
    admin = bearer(org.adminToken);
    manager = await createUser(t, org, { role: 'sales_manager', departmentId: org.depts.sales, name: 'Manager' });
    repA = await createUser(t, org, { role: 'sales_rep', departmentId: org.depts.east, name: 'Rep A' });
    repB = await createUser(t, org, { role: 'sales_rep', departmentId: org.depts.east, name: 'Rep B' });
    outsider = await createUser(t, org, { role: 'sales_rep', departmentId: org.depts.service, name: 'Outsider' });
  });
  afterAll(() => t.close());

  describe.each(KINDS)('$kind', ({ kind, path, table }) => {
    let poolId: string;
    const LIMIT = 3;

    const create = async (name = `${kind} ${++seq}`) =>
      (await t.http.post(`/api/v1/${path}`).set(bearer(manager.token)).send({ name, ownerId: repA.id }).expect(201)).body as { id: string; version: number };
    const pooled = async () => {
      const r = await create();
      await t.http.post(`/api/v1/${path}/${r.id}/release`).set(bearer(repA.token)).send({ reason: '暂无需求', poolId }).expect(200);
      return r.id;
    };
    const audit = async (id: string, action: string) =>
      plainAudit((await t.http.get(`/api/v1/audit-logs?entityId=${id}&action=${action}`).set(admin).expect(200)).body.data) as Entry[];
    const get = async (id: string) => (await t.http.get(`/api/v1/${path}/${id}`).set(admin).expect(200)).body;

    beforeAll(async () => {
      const pool = await t.http
        .post('/api/v1/pools')
        .set(admin)
        .send({ name: `${kind} pool`, departmentId: org.depts.east, claimLimit: LIMIT, returnAfterDays: 30, memberIds: [repA.id, repB.id] })
        .expect(201);
      poolId = pool.body.id;
    });

    it('assigns within the scope, audits one assign entry and notifies the new owner in their language', async () => {
      const r = await create(`指派${kind}`);
      const res = await t.http.post(`/api/v1/${path}/${r.id}/assign`).set(bearer(manager.token)).send({ ownerId: repB.id, reason: '华东区域' }).expect(200);
      expect(res.body).toMatchObject({ ownerId: repB.id, departmentId: org.depts.east, version: r.version + 1 });
      expect((await audit(r.id, 'assign'))[0]).toMatchObject({
        actorName: 'Manager',
        changes: [{ field: 'ownerId', old: repA.id, new: repB.id }, { field: 'reason', old: null, new: '华东区域' }],
      });
      const zh = await t.http.get('/api/v1/notifications').set({ ...bearer(repB.token), 'Accept-Language': 'zh-CN' }).expect(200);
      const note = zh.body.data.find((n: { entityId: string }) => n.entityId === r.id);
      expect(note).toMatchObject({ kind: `${kind}.assigned`, entityType: kind, params: { name: `指派${kind}`, by: 'Manager', reason: '华东区域' }, body: '华东区域' });
      expect(note.title).toBe(`Manager 把${kind === 'lead' ? '线索' : '客户'}「指派${kind}」分配给你`);
      const en = await t.http.get('/api/v1/notifications').set({ ...bearer(repB.token), 'Accept-Language': 'en-US' }).expect(200);
      expect(en.body.data.find((n: { id: string }) => n.id === note.id).title).toBe(`Manager assigned you the ${kind} "指派${kind}"`);

      const denied = await t.http.post(`/api/v1/${path}/${r.id}/assign`).set(bearer(manager.token)).send({ ownerId: outsider.id }).expect(403);
      expect(denied.body.code).toBe('OWNER_OUT_OF_SCOPE');
      await t.http.post(`/api/v1/${path}/${r.id}/assign`).set(bearer(outsider.token)).send({ ownerId: outsider.id }).expect(404);
    });

    it('releases with a reason into a pool: one release entry, 409 when already pooled, 400 without a reason', async () => {
      const r = await create();
      const res = await t.http.post(`/api/v1/${path}/${r.id}/release`).set(bearer(repA.token)).send({ reason: '暂无需求', poolId }).expect(200);
      expect(res.body).toMatchObject({ ownerId: null, poolId, version: r.version + 1 });
      expect(await audit(r.id, 'release')).toEqual([
        expect.objectContaining({
          actorName: 'Rep A',
          changes: [{ field: 'ownerId', old: repA.id, new: null }, { field: 'poolId', old: null, new: poolId }, { field: 'reason', old: null, new: '暂无需求' }],
        }),
      ]);
      const again = await t.http.post(`/api/v1/${path}/${r.id}/release`).set(bearer(manager.token)).send({ reason: 'again' }).expect(409);
      expect(again.body.code).toBe('POOL_NOT_OWNED');
      await t.http.post(`/api/v1/${path}/${r.id}/release`).set(bearer(manager.token)).send({}).expect(400);
      const listed = await t.http.get(`/api/v1/pools/${poolId}/${path}`).set(bearer(repB.token)).expect(200);
      expect(listed.body.data.map((x: { id: string }) => x.id)).toContain(r.id);
    });

    it('claims for members only; a held record is 409 to those who may read it and 404 to others', async () => {
      const id = await pooled();
      expect((await t.http.post(`/api/v1/${path}/${id}/claim`).set(bearer(outsider.token)).expect(403)).body.code).toBe('POOL_NOT_MEMBER');
      const claimed = await t.http.post(`/api/v1/${path}/${id}/claim`).set(bearer(repA.token)).expect(200);
      expect(claimed.body).toMatchObject({ ownerId: repA.id, departmentId: org.depts.east, poolId });
      expect((await audit(id, 'claim'))[0]).toMatchObject({ actorName: 'Rep A', changes: [{ field: 'ownerId', old: null, new: repA.id }] });
      expect((await t.http.post(`/api/v1/${path}/${id}/claim`).set(bearer(manager.token)).expect(409)).body.code).toBe('POOL_NOT_IN_POOL');
      await t.http.post(`/api/v1/${path}/${id}/claim`).set(bearer(repB.token)).expect(404);
      await t.http.post(`/api/v1/${path}/${id}/release`).set(bearer(repA.token)).send({ reason: 'done' }).expect(200);
    });

    it('lets exactly the claim limit through 20 parallel claims, then the nightly return frees them', async () => {
      const ids: string[] = [];
      for (let i = 0; i < 20; i++) ids.push(await pooled());
      const results = await Promise.all(ids.map((id) => t.http.post(`/api/v1/${path}/${id}/claim`).set(bearer(repB.token))));
      const won = results.filter((r) => r.status === 200);
      expect(won).toHaveLength(LIMIT);
      const lost = results.filter((r) => r.status !== 200);
      expect(lost.map((r) => r.status)).toEqual(Array(20 - LIMIT).fill(409));
      expect(lost[0].body).toMatchObject({ code: 'POOL_CLAIM_LIMIT', limit: LIMIT, held: LIMIT });
      expect((await t.http.get(`/api/v1/pools/${poolId}`).set(bearer(repB.token)).expect(200)).body.myClaims).toBe(LIMIT);

      // two of the three go stale; the return moves both in one go and tells Rep B once
      const [stale1, stale2, fresh] = won.map((r) => r.body as { id: string; version: number });
      const ds = t.app.get(DataSource);
      await ds.query(`UPDATE ${table} SET claimed_at = now() - interval '40 days' WHERE id = ANY($1)`, [[stale1.id, stale2.id]]);
      // the follow-up clock restarts when a record gets its holder: old activity before a fresh claim, or an
      // old record just assigned out of the pool, is not stale
      await ds.query(`UPDATE ${table} SET last_activity_at = now() - interval '40 days', created_at = now() - interval '60 days' WHERE id = $1`, [fresh.id]);
      const assigned = await pooled();
      await ds.query(`UPDATE ${table} SET created_at = now() - interval '60 days' WHERE id = $1`, [assigned]);
      await t.http.post(`/api/v1/${path}/${assigned}/assign`).set(bearer(manager.token)).send({ ownerId: repA.id }).expect(200);
      const run = await t.http.post('/api/v1/pools/return-stale').set(admin).expect(200);
      expect(run.body.returned[kind]).toBe(2);
      for (const s of [stale1, stale2]) {
        expect(await get(s.id)).toMatchObject({ ownerId: null, poolId, version: s.version + 1 });
        expect(await audit(s.id, 'return')).toEqual([
          expect.objectContaining({ actorName: null, changes: [{ field: 'ownerId', old: repB.id, new: null }] }),
        ]);
      }
      expect((await get(fresh.id)).ownerId).toBe(repB.id);
      expect((await get(assigned)).ownerId).toBe(repA.id);
      const notes = (await t.http.get('/api/v1/notifications?limit=200').set(bearer(repB.token)).expect(200)).body.data as {
        kind: string;
        entityType: string;
        entityId: string | null;
        params: { count: number; names: string[]; pool: string };
        title: string;
      }[];
      const returned = notes.filter((n) => n.kind === 'pool.returned' && n.entityType === kind);
      expect(returned).toHaveLength(1);
      expect(returned[0]).toMatchObject({ entityId: null, params: { count: 2, pool: `${kind} pool` } });
      expect(returned[0].params.names).toHaveLength(2);
      expect(returned[0].title).toContain(`${kind} pool`);

      // the returned records' claims ended: Rep B may claim two more, not three
      expect((await t.http.get(`/api/v1/pools/${poolId}`).set(bearer(repB.token)).expect(200)).body.myClaims).toBe(1);
      const rest = won.length ? ids.filter((id) => !won.some((w) => w.body.id === id)) : [];
      await t.http.post(`/api/v1/${path}/${rest[0]}/claim`).set(bearer(repB.token)).expect(200);
      await t.http.post(`/api/v1/${path}/${rest[1]}/claim`).set(bearer(repB.token)).expect(200);
      await t.http.post(`/api/v1/${path}/${rest[2]}/claim`).set(bearer(repB.token)).expect(409);
    }, 90_000); // 60 requests and a job run: a busy 2-core machine needs more than the default 30 s
  });
});
