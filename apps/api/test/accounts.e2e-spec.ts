import { DataSource } from 'typeorm';
import { AccessService } from '@core/access/access.service';
import { AccountsService } from '@modules/accounts/accounts.service';
import { startApp, TestApp } from './helpers/test-app';
import { bearer, buildOrg, createUser, Org, setOwnersSeeOwnUnmasked, plainAudit } from './helpers/fixtures';

type U = { id: string; token: string };

/** Accounts: CRUD, scope, owner rules, dedupe, merge, pools (claim, release, return), masking, reveal. */
describe('accounts (e2e)', () => {
  let t: TestApp;
  let org: Org;
  let manager: U;
  let repEast: U;
  let repEast2: U;
  let repSouth: U;
  let serviceManager: U;
  let admin: Record<string, string>;
  let seq = 0;

  /** A unique valid mainland mobile per call. */
  const mobile = () => `1391${String(1000000 + ++seq).slice(-7)}`;
  const mk = async (who: U, body: Record<string, unknown> = {}, expectStatus = 201) => {
    const res = await t.http
      .post('/api/v1/accounts')
      .set(bearer(who.token))
      .send({ name: `客户 ${++seq}`, ...body });
    if (res.status !== expectStatus) throw new Error(`create account: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const audit = async (entityId: string) =>
    plainAudit((await t.http.get(`/api/v1/audit-logs?entityId=${entityId}`).set(admin).expect(200)).body.data) as {
      action: string;
      changes: { field: string; old: unknown; new: unknown }[];
      actorName: string | null;
    }[];

  beforeAll(async () => {
    t = await startApp();
    org = await buildOrg(t);
    // these specs are about what a rep sees of records without viewSensitive: owners' unmasking off
    await setOwnersSeeOwnUnmasked(t, org, 'sales_rep', false);
    admin = bearer(org.adminToken);
    manager = await createUser(t, org, { role: 'sales_manager', departmentId: org.depts.sales, name: 'Manager' });
    repEast = await createUser(t, org, { role: 'sales_rep', departmentId: org.depts.east, name: 'Rep East' });
    repEast2 = await createUser(t, org, { role: 'sales_rep', departmentId: org.depts.east, name: 'Rep East 2' });
    repSouth = await createUser(t, org, { role: 'sales_rep', departmentId: org.depts.south, name: 'Rep South' });
    serviceManager = await createUser(t, org, { role: 'sales_manager', departmentId: org.depts.service, name: 'Service Manager' });
  });
  afterAll(() => t.close());

  it('creates, reads, updates with optimistic locking, and validates every field', async () => {
    const created = await t.http
      .post('/api/v1/accounts')
      .set(bearer(repEast.token))
      .send({
        name: ' 上海云启科技有限公司 ',
        type: 'company',
        industry: '软件和信息技术服务',
        size: '50-199',
        source: 'referral',
        level: 'A',
        lifecycleStage: 'active',
        phone: '138 0013 8000',
        email: 'Sales@Yunqi-Tech.CN',
        website: 'www.yunqi-tech.cn',
        province: '上海市',
        city: '上海市',
        district: '浦东新区',
        street: '张江路 88 号',
        tags: ['重点客户', ' SaaS ', '重点客户'],
        nextFollowUpAt: '2030-01-02T03:00:00Z',
      })
      .expect(201);
    expect(created.body).toMatchObject({
      name: '上海云启科技有限公司',
      ownerId: repEast.id,
      ownerName: 'Rep East',
      departmentId: org.depts.east,
      poolId: null,
      phone: '138****8000',
      email: 's***@yunqi-tech.cn',
      masked: true,
      tags: ['重点客户', 'SaaS'],
      version: 1,
    });
    const id = created.body.id;
    const full = await t.http.get(`/api/v1/accounts/${id}`).set(admin).expect(200);
    expect(full.body).toMatchObject({ phone: '+8613800138000', email: 'sales@yunqi-tech.cn', masked: false, contactCount: 0, parentName: null });
    expect(full.headers.etag).toMatch(/^W\/"1-[\w-]+"$/);

    const updated = await t.http.patch(`/api/v1/accounts/${id}`).set(bearer(repEast.token)).set('If-Match', 'W/"1"').send({ level: 'B' }).expect(200);
    expect(updated.body).toMatchObject({ level: 'B', version: 2 });
    const stale = await t.http.patch(`/api/v1/accounts/${id}`).set(bearer(repEast.token)).send({ level: 'C', version: 1 }).expect(412);
    expect(stale.body.code).toBe('STALE_VERSION');
    await t.http.patch(`/api/v1/accounts/${id}`).set(bearer(repEast.token)).send({ name: null }).expect(400);

    const bad = await t.http
      .post('/api/v1/accounts')
      .set(bearer(repEast.token))
      .send({ name: '', type: 'corp', level: 'E', lifecycleStage: 'dead', phone: '12345', email: 'nope', tags: 'x', parentId: 'abc', extra: 1 })
      .expect(400);
    const fields = bad.body.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['name', 'type', 'level', 'lifecycleStage', 'phone', 'email', 'tags', 'parentId', 'extra']));
    const history = await audit(id);
    expect(history.map((a) => a.action)).toEqual(['update', 'create']);
    expect(history[0].changes).toEqual([{ field: 'level', old: 'A', new: 'B' }]);
  });

  it('scope: a rep sees their own, a manager the department subtree; out of scope answers 404', async () => {
    const east = await mk(repEast);
    const south = await mk(repSouth);
    const list = await t.http.get('/api/v1/accounts?limit=200').set(bearer(repEast.token)).expect(200);
    expect(list.body.data.every((a: { ownerId: string }) => a.ownerId === repEast.id)).toBe(true);
    expect(list.body.data.map((a: { id: string }) => a.id)).toContain(east.id);
    for (const req of [
      t.http.get(`/api/v1/accounts/${south.id}`),
      t.http.patch(`/api/v1/accounts/${south.id}`).send({ level: 'A' }),
      t.http.post(`/api/v1/accounts/${south.id}/reveal`),
    ]) {
      const res = await req.set(bearer(repEast.token));
      expect(res.status).toBe(404);
    }
    const mgr = await t.http.get('/api/v1/accounts?limit=200').set(bearer(manager.token)).expect(200);
    expect(mgr.body.data.map((a: { id: string }) => a.id)).toEqual(expect.arrayContaining([east.id, south.id]));
    await t.http.get(`/api/v1/accounts/${south.id}`).set(bearer(serviceManager.token)).expect(404);
    await t.http.delete(`/api/v1/accounts/${south.id}`).set(bearer(serviceManager.token)).expect(404);
    await t.http.delete(`/api/v1/accounts/${south.id}`).set(bearer(repEast.token)).expect(403);
  });

  it('owner defaults to the creator, must be inside the actor scope, and the department follows the owner', async () => {
    const denied = await t.http.post('/api/v1/accounts').set(bearer(repEast.token)).send({ name: 'X', ownerId: repSouth.id }).expect(403);
    expect(denied.body.code).toBe('OWNER_OUT_OF_SCOPE');
    await t.http.post('/api/v1/accounts').set(bearer(manager.token)).send({ name: 'X', ownerId: '00000000-0000-4000-8000-000000000000' }).expect(400);
    const given = await mk(manager, { ownerId: repSouth.id });
    expect(given).toMatchObject({ ownerId: repSouth.id, departmentId: org.depts.south });
    const moved = await t.http.patch(`/api/v1/accounts/${given.id}`).set(bearer(manager.token)).send({ ownerId: repEast.id }).expect(200);
    expect(moved.body).toMatchObject({ ownerId: repEast.id, departmentId: org.depts.east });
    await t.http.patch(`/api/v1/accounts/${given.id}`).set(bearer(serviceManager.token)).send({ ownerId: serviceManager.id }).expect(404);
  });

  it('filters, searches and sorts', async () => {
    const parent = await mk(repEast2, { name: 'Filter Group' });
    const phone = mobile();
    const a = await mk(repEast2, { name: 'Filter Alpha', tags: ['vip'], level: 'A', industry: 'Retail', parentId: parent.id, phone, nextFollowUpAt: '2031-05-01T00:00:00Z' });
    const b = await mk(repEast2, { name: 'Filter Beta', level: 'B', lifecycleStage: 'churned', type: 'individual', source: 'web' });
    const ids = async (qs: string) =>
      (await t.http.get(`/api/v1/accounts?${qs}`).set(bearer(repEast2.token)).expect(200)).body.data.map((x: { id: string }) => x.id);
    expect(await ids('tag=vip')).toEqual([a.id]);
    expect(await ids('level=B')).toEqual([b.id]);
    expect(await ids('lifecycleStage=churned&type=individual&source=web')).toEqual([b.id]);
    expect(await ids('industry=Retail')).toEqual([a.id]);
    expect(await ids(`parentId=${parent.id}`)).toEqual([a.id]);
    expect(await ids('nextFollowUpAtFrom=2031-01-01T00:00:00Z&nextFollowUpAtTo=2031-12-31T00:00:00Z')).toEqual([a.id]);
    expect(await ids('q=filter&sort=name')).toEqual([a.id, b.id, parent.id]);
    expect(await ids('q=filter&sort=-name')).toEqual([parent.id, b.id, a.id]);
    expect(await ids(`q=${phone}`)).toEqual([a.id]);
    expect(await ids(`q=${encodeURIComponent('Filter Al')}`)).toEqual([a.id]);
    await t.http.get('/api/v1/accounts?sort=phone').set(bearer(repEast2.token)).expect(400);
    const detail = await t.http.get(`/api/v1/accounts/${a.id}`).set(bearer(repEast2.token)).expect(200);
    expect(detail.body.parentName).toBe('Filter Group');
    const cycle = await t.http.patch(`/api/v1/accounts/${parent.id}`).set(bearer(repEast2.token)).send({ parentId: a.id }).expect(400);
    expect(cycle.body.code).toBe('ACCOUNT_PARENT_CYCLE');
    await t.http.patch(`/api/v1/accounts/${parent.id}`).set(bearer(repEast2.token)).send({ parentId: parent.id }).expect(400);
  });

  it('answers 409 DUPLICATE_FOUND with the matches, hides out-of-scope ones, and allows duplicates on request', async () => {
    const phone = mobile();
    const first = await mk(repEast, { name: 'Dup Original', phone, email: 'dup@example.com' });
    const mine = await t.http.post('/api/v1/accounts').set(bearer(repEast.token)).send({ name: 'Dup Again', phone }).expect(409);
    expect(mine.body).toMatchObject({ code: 'DUPLICATE_FOUND' });
    expect(mine.body.matches).toEqual([
      { entityType: 'account', id: first.id, name: 'Dup Original', ownerName: 'Rep East', matchedOn: 'phone', value: expect.stringMatching(/\*\*\*\*/), visible: true },
    ]);
    const other = await t.http.post('/api/v1/accounts').set(bearer(repSouth.token)).send({ name: 'Dup South', email: 'DUP@example.com' }).expect(409);
    expect(other.body.matches).toEqual([expect.objectContaining({ id: null, name: null, visible: false, matchedOn: 'email', value: 'd***@example.com' })]);
    const allowed = await t.http.post('/api/v1/accounts?allowDuplicate=true').set(bearer(repSouth.token)).send({ name: 'Dup South', email: 'dup@example.com' }).expect(201);
    // 撞单: someone else's customer, so it waits for an approval (no department manager here: the administrators decide)
    const pending = (await t.http.get(`/api/v1/approvals/records/account/${allowed.body.id}`).set(bearer(repSouth.token)).expect(200)).body.approval;
    expect(pending.status).toBe('pending');
    await t.http.post(`/api/v1/approvals/${pending.id}/approve`).set(admin).send({}).expect(200);
    // an update to a known phone is checked too
    const patch = await t.http.patch(`/api/v1/accounts/${allowed.body.id}`).set(bearer(repSouth.token)).send({ phone }).expect(409);
    expect(patch.body.code).toBe('DUPLICATE_FOUND');
    await t.http.patch(`/api/v1/accounts/${allowed.body.id}?allowDuplicate=true`).set(bearer(repSouth.token)).send({ phone }).expect(200);
    // the record's own values never count against it
    await t.http.patch(`/api/v1/accounts/${first.id}`).set(bearer(repEast.token)).send({ phone, name: 'Dup Original 2' }).expect(200);
  });

  it('merges duplicates: fills empty fields, moves contacts and subsidiaries, audits, deletes the duplicates', async () => {
    const survivor = await mk(manager, { name: 'Merge Survivor', tags: ['a'], level: 'A' });
    const dupPhone = mobile();
    const dup = await mk(manager, { name: 'Merge Dup', tags: ['b'], level: 'C', industry: 'Logistics', phone: dupPhone, email: 'merge@example.com' });
    const dup2 = await mk(manager, { name: 'Merge Dup 2', website: 'merge.example.com' });
    const child = await mk(manager, { name: 'Merge Child', parentId: dup.id });
    const contact = await t.http
      .post('/api/v1/contacts')
      .set(bearer(manager.token))
      .send({ accountId: dup.id, name: '合并联系人', isPrimary: true })
      .expect(201);
    await t.http.post(`/api/v1/accounts/${survivor.id}/merge`).set(bearer(manager.token)).send({ duplicateIds: [survivor.id] }).expect(409);
    await t.http.post(`/api/v1/accounts/${survivor.id}/merge`).set(bearer(repEast.token)).send({ duplicateIds: [dup.id] }).expect(403);
    const merged = await t.http
      .post(`/api/v1/accounts/${survivor.id}/merge`)
      .set(bearer(manager.token))
      .send({ duplicateIds: [dup.id, dup2.id] })
      .expect(200);
    expect(merged.body).toMatchObject({
      level: 'A',
      industry: 'Logistics',
      phone: `+86${dupPhone}`,
      email: 'merge@example.com',
      website: 'merge.example.com',
      tags: ['a', 'b'],
      contactCount: 1,
    });
    await t.http.get(`/api/v1/accounts/${dup.id}`).set(bearer(manager.token)).expect(404);
    await t.http.get(`/api/v1/accounts/${dup2.id}`).set(bearer(manager.token)).expect(404);
    const movedChild = await t.http.get(`/api/v1/accounts/${child.id}`).set(bearer(manager.token)).expect(200);
    expect(movedChild.body).toMatchObject({ parentId: survivor.id, parentName: 'Merge Survivor' });
    const movedContact = await t.http.get(`/api/v1/contacts/${contact.body.id}`).set(bearer(manager.token)).expect(200);
    expect(movedContact.body).toMatchObject({ accountId: survivor.id, accountName: 'Merge Survivor', isPrimary: true });
    expect((await audit(dup.id))[0]).toMatchObject({ action: 'merge', changes: [{ field: 'mergedInto', old: null, new: survivor.id }] });
    expect((await audit(survivor.id)).map((a) => a.action)).toEqual(expect.arrayContaining(['merge', 'update']));
    expect((await audit(contact.body.id))[0].changes).toEqual(expect.arrayContaining([{ field: 'accountId', old: dup.id, new: survivor.id }]));
    // the duplicate's phone now belongs to the survivor only
    const again = await t.http.post('/api/v1/accounts').set(bearer(manager.token)).send({ name: 'x', phone: dupPhone }).expect(409);
    expect(again.body.matches.map((m: { id: string }) => m.id)).toEqual([survivor.id]);
  });

  it('refuses to delete an account with contacts; deletes and restores (admins only)', async () => {
    const phone = mobile();
    const a = await mk(manager, { phone });
    const c = await t.http.post('/api/v1/contacts').set(bearer(manager.token)).send({ accountId: a.id, name: 'Blocker' }).expect(201);
    const blocked = await t.http.delete(`/api/v1/accounts/${a.id}`).set(bearer(manager.token)).expect(409);
    expect(blocked.body).toMatchObject({ code: 'ACCOUNT_HAS_RELATED', related: { contacts: 1 } });
    await t.http.delete(`/api/v1/contacts/${c.body.id}`).set(bearer(manager.token)).expect(204);
    await t.http.delete(`/api/v1/accounts/${a.id}`).set(bearer(manager.token)).set('If-Match', '"1"').expect(204);
    await t.http.get(`/api/v1/accounts/${a.id}`).set(bearer(manager.token)).expect(404);
    // a deleted account's phone is free again
    await t.http.post('/api/v1/accounts').set(bearer(manager.token)).send({ name: 'reuse', phone }).expect(201);
    await t.http.post(`/api/v1/accounts/${a.id}/restore`).set(bearer(manager.token)).expect(403);
    const restored = await t.http.post(`/api/v1/accounts/${a.id}/restore`).set(admin).expect(200);
    expect(restored.body.id).toBe(a.id);
    await t.http.get(`/api/v1/accounts/${a.id}`).set(bearer(manager.token)).expect(200);
    expect((await audit(a.id)).map((x) => x.action)).toEqual(['restore', 'delete', 'create']);
  });

  describe('pools', () => {
    let poolId: string;

    beforeAll(async () => {
      const pool = await t.http
        .post('/api/v1/pools')
        .set(admin)
        .send({ name: 'East pool', departmentId: org.depts.east, claimLimit: 1, returnAfterDays: 30, memberIds: [repEast.id, repEast2.id] })
        .expect(201);
      poolId = pool.body.id;
    });

    const pooled = async (name: string) => {
      const a = await mk(manager, { name, ownerId: repEast2.id });
      const res = await t.http.post(`/api/v1/accounts/${a.id}/release`).set(bearer(repEast2.token)).send({ reason: '暂无需求', poolId }).expect(200);
      expect(res.body).toMatchObject({ ownerId: null, poolId, departmentId: org.depts.east });
      return a.id as string;
    };

    it('releases with a reason, lists the pool, claims within the limit, 409 beyond it, 403 for non-members', async () => {
      const first = await pooled('Pool One');
      const second = await pooled('Pool Two');
      const rel = await audit(first);
      expect(rel[0]).toMatchObject({ action: 'release' });
      expect(rel[0].changes).toEqual(expect.arrayContaining([{ field: 'reason', old: null, new: '暂无需求' }, { field: 'ownerId', old: repEast2.id, new: null }]));
      await t.http.post(`/api/v1/accounts/${first}/release`).set(bearer(manager.token)).send({ reason: 'again' }).expect(409);
      await t.http.post(`/api/v1/accounts/${first}/release`).set(bearer(manager.token)).send({}).expect(400);

      const list = await t.http.get(`/api/v1/pools/${poolId}/accounts?sort=name`).set(bearer(repEast.token)).expect(200);
      expect(list.body.data.map((a: { id: string }) => a.id)).toEqual([first, second]);
      expect(list.body.data[0].masked).toBe(false); // no phone or email to mask
      await t.http.get(`/api/v1/pools/${poolId}/accounts`).set(bearer(serviceManager.token)).expect(404);
      // a member opens a pooled account before claiming it (claim is all it offers); a non-member gets 404
      expect((await t.http.get(`/api/v1/accounts/${first}`).set(bearer(repEast.token)).expect(200)).body.actions).toEqual(['claim']);
      await t.http.get(`/api/v1/accounts/${first}`).set(bearer(repSouth.token)).expect(404);

      const notMember = await t.http.post(`/api/v1/accounts/${first}/claim`).set(bearer(repSouth.token)).expect(403);
      expect(notMember.body.code).toBe('POOL_NOT_MEMBER');
      const claimed = await t.http.post(`/api/v1/accounts/${first}/claim`).set(bearer(repEast.token)).expect(200);
      expect(claimed.body).toMatchObject({ ownerId: repEast.id, departmentId: org.depts.east, poolId });
      expect((await audit(first))[0].action).toBe('claim');
      const over = await t.http.post(`/api/v1/accounts/${second}/claim`).set(bearer(repEast.token)).expect(409);
      expect(over.body.code).toBe('POOL_CLAIM_LIMIT');
      const taken = await t.http.post(`/api/v1/accounts/${first}/claim`).set(bearer(manager.token)).expect(409);
      expect(taken.body.code).toBe('POOL_NOT_IN_POOL');
      // a stranger learns nothing about an owned account
      const someone = await mk(repSouth);
      await t.http.post(`/api/v1/accounts/${someone.id}/claim`).set(bearer(repEast.token)).expect(404);

      // releasing frees the claim: the rep may claim again
      await t.http.post(`/api/v1/accounts/${first}/release`).set(bearer(repEast.token)).send({ reason: '联系不上' }).expect(200);
      await t.http.post(`/api/v1/accounts/${second}/claim`).set(bearer(repEast.token)).expect(200);
      await t.http.post(`/api/v1/accounts/${second}/release`).set(bearer(repEast.token)).send({ reason: 'done' }).expect(200);
    });

    it('returns neglected accounts to the pool, with their contacts, and tells the former owner', async () => {
      const id = await pooled('Pool Stale');
      await t.http.post(`/api/v1/accounts/${id}/claim`).set(bearer(repEast2.token)).expect(200);
      const contact = await t.http.post('/api/v1/contacts').set(bearer(repEast2.token)).send({ accountId: id, name: '老联系人' }).expect(201);
      expect(contact.body.ownerId).toBe(repEast2.id);
      const fresh = await pooled('Pool Fresh');
      const fc = await t.http.post(`/api/v1/accounts/${fresh}/claim`).set(bearer(repEast.token));
      expect(fc.body).toMatchObject({ ownerId: repEast.id });
      const ds = t.app.get(DataSource);
      await ds.query(`UPDATE accounts SET claimed_at = now() - interval '40 days' WHERE id = $1`, [id]);

      const res = await t.http.post('/api/v1/pools/return-stale').set(admin).expect(200);
      expect(res.body.returned.account).toBe(1);
      const back = await t.http.get(`/api/v1/accounts/${id}`).set(admin).expect(200);
      expect(back.body).toMatchObject({ ownerId: null, poolId, claimedAt: null });
      expect((await t.http.get(`/api/v1/accounts/${fresh}`).set(admin).expect(200)).body.ownerId).toBe(repEast.id);
      expect((await audit(id))[0]).toMatchObject({ action: 'return', actorName: null });
      const c = await t.http.get(`/api/v1/contacts/${contact.body.id}`).set(admin).expect(200);
      expect(c.body.ownerId).toBeNull();
      const notes = await t.http.get('/api/v1/notifications').set(bearer(repEast2.token)).expect(200);
      expect(notes.body.data[0]).toMatchObject({ kind: 'pool.returned', entityType: 'account', entityId: id });
      expect(notes.body.data[0].title).toContain('Pool Stale');
      // the claim ended: repEast2 may claim it again, and the contact comes along
      await t.http.post(`/api/v1/accounts/${id}/claim`).set(bearer(repEast2.token)).expect(200);
      expect((await t.http.get(`/api/v1/contacts/${contact.body.id}`).set(admin).expect(200)).body.ownerId).toBe(repEast2.id);
    });
  });

  it('masks phone and email without viewSensitive in list, detail and search; reveal is audited', async () => {
    const phone = mobile();
    const a = await mk(repEast, { name: 'Mask Co', phone, email: 'mask.me@example.com' });
    const list = await t.http.get('/api/v1/accounts?q=Mask%20Co').set(bearer(repEast.token)).expect(200);
    expect(list.body.data[0]).toMatchObject({ phone: `${phone.slice(0, 3)}****${phone.slice(-4)}`, email: 'm***@example.com', masked: true });
    const detail = await t.http.get(`/api/v1/accounts/${a.id}`).set(bearer(repEast.token)).expect(200);
    expect(detail.body).toMatchObject({ phone: `${phone.slice(0, 3)}****${phone.slice(-4)}`, email: 'm***@example.com' });
    const mgr = await t.http.get(`/api/v1/accounts/${a.id}`).set(bearer(manager.token)).expect(200);
    expect(mgr.body).toMatchObject({ phone: `+86${phone}`, email: 'mask.me@example.com', masked: false });
    const revealed = await t.http.post(`/api/v1/accounts/${a.id}/reveal`).set(bearer(repEast.token)).expect(200);
    expect(revealed.body).toEqual({ id: a.id, phone: `+86${phone}`, email: 'mask.me@example.com' });
    const entry = (await audit(a.id))[0];
    expect(entry).toMatchObject({ action: 'reveal', actorName: 'Rep East', changes: [{ field: 'revealed', old: null, new: ['phone', 'email'] }] });

    const access = t.app.get(AccessService);
    const accounts = t.app.get(AccountsService);
    const rep = (await access.loadAuthUser(repEast.id))!;
    const found = await accounts.search(rep, 'mask co', 10);
    expect(found.map((x) => x.id)).toEqual([a.id]);
    expect(found[0]).toMatchObject({ phone: `${phone.slice(0, 3)}****${phone.slice(-4)}`, masked: true });
    expect(await accounts.search((await access.loadAuthUser(repSouth.id))!, 'mask co', 10)).toEqual([]);
    await expect(accounts.getVisible((await access.loadAuthUser(repSouth.id))!, a.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
