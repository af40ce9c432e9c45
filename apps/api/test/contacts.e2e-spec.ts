import { AccessService } from '@core/access/access.service';
import { ContactsService } from '@modules/contacts/contacts.service';
import { startApp, TestApp } from './helpers/test-app';
import { bearer, buildOrg, createUser, Org, setOwnersSeeOwnUnmasked, plainAudit } from './helpers/fixtures';

type U = { id: string; token: string };

/** Contacts: CRUD, account and owner rules, scope, one primary per account, dedupe, merge, masking, reveal, restore. */
describe('contacts (e2e)', () => {
  let t: TestApp;
  let org: Org;
  let manager: U;
  let repEast: U;
  let repSouth: U;
  let admin: Record<string, string>;
  let eastAccount: string;
  let southAccount: string;
  let seq = 0;

  const mobile = () => `1371${String(1000000 + ++seq).slice(-7)}`;
  const mk = async (who: U, body: Record<string, unknown>, expectStatus = 201) => {
    const res = await t.http.post('/api/v1/contacts').set(bearer(who.token)).send({ name: `联系人 ${++seq}`, ...body });
    if (res.status !== expectStatus) throw new Error(`create contact: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const get = async (id: string, who: Record<string, string> = admin) => (await t.http.get(`/api/v1/contacts/${id}`).set(who).expect(200)).body;
  const audit = async (entityId: string) =>
    plainAudit((await t.http.get(`/api/v1/audit-logs?entityId=${entityId}`).set(admin).expect(200)).body.data) as {
      action: string;
      actorName: string | null;
      changes: { field: string; old: unknown; new: unknown }[];
    }[];

  beforeAll(async () => {
    t = await startApp();
    org = await buildOrg(t);
    // these specs are about what a rep sees of records without viewSensitive: owners' unmasking off
    await setOwnersSeeOwnUnmasked(t, org, 'sales_rep', false);
    admin = bearer(org.adminToken);
    manager = await createUser(t, org, { role: 'sales_manager', departmentId: org.depts.sales, name: 'Manager' });
    repEast = await createUser(t, org, { role: 'sales_rep', departmentId: org.depts.east, name: 'Rep East' });
    repSouth = await createUser(t, org, { role: 'sales_rep', departmentId: org.depts.south, name: 'Rep South' });
    eastAccount = (await t.http.post('/api/v1/accounts').set(bearer(repEast.token)).send({ name: '上海云启科技有限公司' }).expect(201)).body.id;
    southAccount = (await t.http.post('/api/v1/accounts').set(bearer(repSouth.token)).send({ name: '深圳市海纳百川贸易有限公司' }).expect(201)).body.id;
  });
  afterAll(() => t.close());

  it('creates, reads and updates a contact; validates fields and the account', async () => {
    const created = await t.http
      .post('/api/v1/contacts')
      .set(bearer(repEast.token))
      .send({
        accountId: eastAccount,
        name: ' 陈静 ',
        title: '采购总监',
        mobile: '138 1234 5678',
        workPhone: '021 6088 1234',
        email: 'Chen.Jing@Yunqi-Tech.cn',
        wechat: 'chenjing_sh',
        birthday: '1988-06-15',
        gender: 'female',
        preferredChannel: 'wechat',
        doNotSms: true,
        notes: '偏好上午沟通',
      })
      .expect(201);
    expect(created.body).toMatchObject({
      name: '陈静',
      accountId: eastAccount,
      accountName: '上海云启科技有限公司',
      ownerId: repEast.id,
      ownerName: 'Rep East',
      departmentId: org.depts.east,
      mobile: '138****5678',
      workPhone: '216****1234',
      email: 'c***@yunqi-tech.cn',
      birthday: '1988-06-15',
      isPrimary: false,
      doNotCall: false,
      doNotSms: true,
      masked: true,
      version: 1,
    });
    const full = await get(created.body.id);
    expect(full).toMatchObject({ mobile: '+8613812345678', workPhone: '+862160881234', email: 'chen.jing@yunqi-tech.cn', masked: false });

    const updated = await t.http.patch(`/api/v1/contacts/${created.body.id}`).set(bearer(repEast.token)).send({ title: '副总裁', doNotCall: true }).expect(200);
    expect(updated.body).toMatchObject({ title: '副总裁', doNotCall: true, version: 2 });
    const stale = await t.http.patch(`/api/v1/contacts/${created.body.id}`).set(bearer(repEast.token)).set('If-Match', '"1"').send({ title: 'x' }).expect(412);
    expect(stale.body.code).toBe('STALE_VERSION');

    const bad = await t.http
      .post('/api/v1/contacts')
      .set(bearer(repEast.token))
      .send({ name: '', birthday: '1988-02-30', gender: 'x', preferredChannel: 'fax', mobile: '123', isPrimary: 'yes' })
      .expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(['accountId', 'name', 'birthday', 'gender', 'preferredChannel', 'mobile', 'isPrimary']),
    );
    const foreign = await t.http.post('/api/v1/contacts').set(bearer(repEast.token)).send({ accountId: southAccount, name: 'x' }).expect(400);
    expect(foreign.body).toMatchObject({ code: 'CONTACT_UNKNOWN_ACCOUNT', errors: [{ field: 'accountId', message: expect.any(String) }] });
    await t.http.patch(`/api/v1/contacts/${created.body.id}`).set(bearer(repEast.token)).send({ accountId: southAccount }).expect(400);
    await t.http.patch(`/api/v1/contacts/${created.body.id}`).set(bearer(repEast.token)).send({ accountId: null }).expect(400);
  });

  it('owner defaults to the account owner and follows the scope rules; reps see their own, out of scope is 404', async () => {
    const byManager = await mk(manager, { accountId: southAccount });
    expect(byManager).toMatchObject({ ownerId: repSouth.id, departmentId: org.depts.south });
    const own = await mk(manager, { accountId: southAccount, ownerId: manager.id });
    expect(own).toMatchObject({ ownerId: manager.id, departmentId: org.depts.sales });
    await mk(repEast, { accountId: eastAccount, ownerId: repSouth.id }, 403);

    const list = await t.http.get(`/api/v1/contacts?limit=200`).set(bearer(repSouth.token)).expect(200);
    expect(list.body.data.map((c: { id: string }) => c.id)).toContain(byManager.id);
    expect(list.body.data.every((c: { ownerId: string }) => c.ownerId === repSouth.id)).toBe(true);
    for (const req of [
      t.http.get(`/api/v1/contacts/${byManager.id}`),
      t.http.patch(`/api/v1/contacts/${byManager.id}`).send({ title: 'x' }),
      t.http.post(`/api/v1/contacts/${byManager.id}/reveal`),
    ]) {
      expect((await req.set(bearer(repEast.token))).status).toBe(404);
    }
    const mgr = await t.http.get(`/api/v1/contacts?accountId=${southAccount}&sort=name`).set(bearer(manager.token)).expect(200);
    expect(mgr.body.total).toBe(2);
  });

  it('keeps at most one primary contact per account', async () => {
    const account = (await t.http.post('/api/v1/accounts').set(bearer(repEast.token)).send({ name: 'Primary Co' }).expect(201)).body.id;
    const a = await mk(repEast, { accountId: account, isPrimary: true });
    const b = await mk(repEast, { accountId: account, isPrimary: true });
    expect((await get(a.id)).isPrimary).toBe(false);
    expect((await get(b.id)).isPrimary).toBe(true);
    await t.http.patch(`/api/v1/contacts/${a.id}`).set(bearer(repEast.token)).send({ isPrimary: true }).expect(200);
    expect((await get(b.id)).isPrimary).toBe(false);
    const primaries = await t.http.get(`/api/v1/contacts?accountId=${account}&isPrimary=true`).set(bearer(repEast.token)).expect(200);
    expect(primaries.body.data.map((c: { id: string }) => c.id)).toEqual([a.id]);
    expect((await audit(b.id))[0].changes).toEqual([{ field: 'isPrimary', old: true, new: false }]);
  });

  it('answers 409 DUPLICATE_FOUND against accounts and contacts, unless allowDuplicate=true', async () => {
    const phone = mobile();
    const acc = (await t.http.post('/api/v1/accounts').set(bearer(repEast.token)).send({ name: 'Dup Co', phone }).expect(201)).body;
    const dup = await t.http.post('/api/v1/contacts').set(bearer(repEast.token)).send({ accountId: acc.id, name: 'x', workPhone: phone }).expect(409);
    expect(dup.body.matches).toEqual([expect.objectContaining({ entityType: 'account', id: acc.id, matchedOn: 'phone', visible: true })]);
    const c = await mk(repEast, { accountId: acc.id, email: 'someone@dup.example.com' });
    const other = await t.http.post('/api/v1/contacts').set(bearer(repSouth.token)).send({ accountId: southAccount, name: 'y', email: 'SOMEONE@dup.example.com' }).expect(409);
    expect(other.body.matches).toEqual([expect.objectContaining({ entityType: 'contact', id: null, name: null, visible: false, value: 's***@dup.example.com' })]);
    await t.http.post('/api/v1/contacts?allowDuplicate=true').set(bearer(repSouth.token)).send({ accountId: southAccount, name: 'y', email: 'someone@dup.example.com' }).expect(201);
    await t.http.patch(`/api/v1/contacts/${c.id}`).set(bearer(repEast.token)).send({ mobile: phone }).expect(409);
  });

  it('merges duplicates: fills empty fields, keeps opt-outs, takes over the primary flag, audits', async () => {
    const m = mobile();
    const survivor = await mk(manager, { accountId: southAccount, name: '刘洋', mobile: m });
    const dup = await mk(manager, { accountId: southAccount, name: '刘洋 (旧)', email: 'liu.yang@hnbc-sz.com', doNotCall: true, isPrimary: true, wechat: 'ly_88' });
    const merged = await t.http.post(`/api/v1/contacts/${survivor.id}/merge`).set(bearer(manager.token)).send({ duplicateIds: [dup.id] }).expect(200);
    expect(merged.body).toMatchObject({
      name: '刘洋',
      mobile: `+86${m}`,
      email: 'liu.yang@hnbc-sz.com',
      wechat: 'ly_88',
      doNotCall: true,
      isPrimary: true,
    });
    await t.http.get(`/api/v1/contacts/${dup.id}`).set(bearer(manager.token)).expect(404);
    expect((await audit(dup.id))[0]).toMatchObject({ action: 'merge', changes: [{ field: 'mergedInto', old: null, new: survivor.id }] });
    await t.http.post(`/api/v1/contacts/${survivor.id}/merge`).set(bearer(manager.token)).send({ duplicateIds: [survivor.id] }).expect(409);
    await t.http.post(`/api/v1/contacts/${survivor.id}/merge`).set(bearer(manager.token)).send({ duplicateIds: [] }).expect(400);
    // the duplicate's email now points at the survivor only
    const again = await t.http.post('/api/v1/contacts').set(bearer(manager.token)).send({ accountId: southAccount, name: 'z', email: 'liu.yang@hnbc-sz.com' }).expect(409);
    expect(again.body.matches.map((x: { id: string }) => x.id)).toEqual([survivor.id]);
  });

  it('masks phones and email without viewSensitive in list, detail and search; reveal is audited', async () => {
    const m = mobile();
    const c = await mk(repEast, { accountId: eastAccount, name: 'Mask Person', mobile: m, email: 'mask.person@example.com' });
    const list = await t.http.get('/api/v1/contacts?q=Mask%20Person').set(bearer(repEast.token)).expect(200);
    expect(list.body.data[0]).toMatchObject({ mobile: `${m.slice(0, 3)}****${m.slice(-4)}`, email: 'm***@example.com', masked: true });
    expect((await get(c.id, bearer(repEast.token))).mobile).toBe(`${m.slice(0, 3)}****${m.slice(-4)}`);
    expect((await get(c.id, bearer(manager.token))).mobile).toBe(`+86${m}`);
    const revealed = await t.http.post(`/api/v1/contacts/${c.id}/reveal`).set(bearer(repEast.token)).expect(200);
    expect(revealed.body).toEqual({ id: c.id, mobile: `+86${m}`, workPhone: null, email: 'mask.person@example.com' });
    expect((await audit(c.id))[0]).toMatchObject({ action: 'reveal', actorName: 'Rep East', changes: [{ field: 'revealed', old: null, new: ['mobile', 'email'] }] });

    const rep = (await t.app.get(AccessService).loadAuthUser(repEast.id))!;
    const found = await t.app.get(ContactsService).search(rep, m, 5);
    expect(found.map((x) => x.id)).toEqual([c.id]);
    expect(found[0]).toMatchObject({ mobile: `${m.slice(0, 3)}****${m.slice(-4)}`, masked: true });
  });

  it('soft-deletes and restores (admins only); the account shows its contact count', async () => {
    const account = (await t.http.post('/api/v1/accounts').set(bearer(manager.token)).send({ name: 'Count Co' }).expect(201)).body.id;
    const c = await mk(manager, { accountId: account, isPrimary: true, mobile: mobile() });
    await mk(manager, { accountId: account });
    expect((await t.http.get(`/api/v1/accounts/${account}`).set(bearer(manager.token)).expect(200)).body.contactCount).toBe(2);
    await t.http.delete(`/api/v1/contacts/${c.id}`).set(bearer(repEast.token)).expect(403);
    await t.http.delete(`/api/v1/contacts/${c.id}`).set(bearer(manager.token)).expect(204);
    await t.http.get(`/api/v1/contacts/${c.id}`).set(bearer(manager.token)).expect(404);
    expect((await t.http.get(`/api/v1/accounts/${account}`).set(bearer(manager.token)).expect(200)).body.contactCount).toBe(1);
    const other = await mk(manager, { accountId: account, isPrimary: true });
    await t.http.post(`/api/v1/contacts/${c.id}/restore`).set(bearer(manager.token)).expect(403);
    const restored = await t.http.post(`/api/v1/contacts/${c.id}/restore`).set(admin).expect(200);
    expect(restored.body).toMatchObject({ id: c.id, isPrimary: false });
    expect((await get(other.id)).isPrimary).toBe(true);
    expect((await audit(c.id)).map((a) => a.action)).toEqual(['restore', 'delete', 'create']);
  });
});
