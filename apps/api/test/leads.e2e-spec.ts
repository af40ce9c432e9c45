import { DataSource } from 'typeorm';
import { startApp, TestApp } from './helpers/test-app';
import { bearer, buildOrg, createUser, Org, plainAudit, setOwnersSeeOwnUnmasked } from './helpers/fixtures';

describe('leads (e2e)', () => {
  let t: TestApp;
  let org: Org;
  let admin: Record<string, string>;
  let manager: { id: string; token: string };
  let rep1: { id: string; token: string };
  let rep2: { id: string; token: string };
  let repSouth: { id: string; token: string };

  beforeAll(async () => {
    t = await startApp();
    org = await buildOrg(t);
    // these specs are about what a rep sees of records without viewSensitive: owners' unmasking off
    await setOwnersSeeOwnUnmasked(t, org, 'sales_rep', false);
    admin = bearer(org.adminToken);
    manager = await createUser(t, org, { role: 'sales_manager', departmentId: org.depts.sales, name: 'Manager' });
    rep1 = await createUser(t, org, { role: 'sales_rep', departmentId: org.depts.east, name: 'Rep One' });
    rep2 = await createUser(t, org, { role: 'sales_rep', departmentId: org.depts.east, name: 'Rep Two' });
    repSouth = await createUser(t, org, { role: 'sales_rep', departmentId: org.depts.south, name: 'Rep South' });
  });
  afterAll(() => t.close());

  let phoneSeq = 13800000000;
  const nextPhone = () => String((phoneSeq += 7));
  const newLead = async (token: string, extra: Record<string, unknown> = {}) => {
    const res = await t.http
      .post('/api/v1/leads')
      .set(bearer(token))
      .send({ name: '测试线索', company: '杭州数联网络科技有限公司', phone: nextPhone(), source: 'web', ...extra });
    if (res.status !== 201) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };

  it('creates a lead owned by the creator, normalized, scored and masked for a rep', async () => {
    const lead = await newLead(rep1.token, { phone: '139-1234-5678', email: 'Wang.XM@Example.com', title: '采购经理' });
    expect(lead).toMatchObject({ ownerId: rep1.id, status: 'new', source: 'web', score: 55, masked: true });
    expect(lead.phone).toBe('139****5678');
    expect(lead.email).toBe('w***@example.com');
    const forManager = await t.http.get(`/api/v1/leads/${lead.id}`).set(bearer(manager.token)).expect(200);
    expect(forManager.body).toMatchObject({ phone: '+8613912345678', email: 'wang.xm@example.com', masked: false, ownerName: 'Rep One' });
    const listed = await t.http.get('/api/v1/leads?q=5678').set(bearer(rep1.token)).expect(200);
    expect(listed.body.data.map((l: { phone: string }) => l.phone)).toEqual(['139****5678']);
    const revealed = await t.http.post(`/api/v1/leads/${lead.id}/reveal`).set(bearer(rep1.token)).expect(200);
    expect(revealed.body).toEqual({ id: lead.id, phone: '+8613912345678', email: 'wang.xm@example.com' });
    const audit = await t.http.get(`/api/v1/audit-logs?entityId=${lead.id}&action=reveal`).set(admin).expect(200);
    expect(audit.body.data[0]).toMatchObject({ action: 'reveal', actorId: rep1.id });
  });

  it('applies data scope: own for reps, department subtree for managers, 404 outside', async () => {
    const mine = await newLead(rep1.token);
    const south = await newLead(repSouth.token);
    const r1 = await t.http.get('/api/v1/leads?limit=200').set(bearer(rep1.token)).expect(200);
    expect(r1.body.data.every((l: { ownerId: string }) => l.ownerId === rep1.id)).toBe(true);
    await t.http.get(`/api/v1/leads/${south.id}`).set(bearer(rep1.token)).expect(404);
    await t.http.patch(`/api/v1/leads/${south.id}`).set(bearer(rep1.token)).send({ name: 'x' }).expect(404);
    await t.http.post(`/api/v1/leads/${south.id}/reveal`).set(bearer(rep1.token)).expect(404);
    const m = await t.http.get('/api/v1/leads?limit=200').set(bearer(manager.token)).expect(200);
    const ids = m.body.data.map((l: { id: string }) => l.id);
    expect(ids).toEqual(expect.arrayContaining([mine.id, south.id]));
    const filtered = await t.http.get(`/api/v1/leads?ownerId=${repSouth.id}&status=new&sort=-score`).set(bearer(manager.token)).expect(200);
    expect(filtered.body.data.map((l: { id: string }) => l.id)).toContain(south.id);
  });

  it('answers 409 with the matches for a duplicate phone or email, hiding what you may not see', async () => {
    const existing = await newLead(repSouth.token, { email: 'dup@example.com' });
    const res = await t.http
      .post('/api/v1/leads')
      .set(bearer(rep1.token))
      .send({ name: 'Dup', phone: existing.phone.replace('****', '') ? undefined : undefined, email: 'DUP@example.com' })
      .expect(409);
    expect(res.body.code).toBe('DUPLICATE_FOUND');
    expect(res.body.matches).toEqual([
      { entityType: 'lead', id: null, name: null, ownerName: 'Rep South', matchedOn: 'email', value: 'd***@example.com', visible: false },
    ]);
    const forManager = await t.http.post('/api/v1/leads').set(bearer(manager.token)).send({ name: 'Dup', email: 'dup@example.com' }).expect(409);
    expect(forManager.body.matches[0]).toMatchObject({ id: existing.id, visible: true, value: 'dup@example.com' });
    const allowed = await t.http.post('/api/v1/leads?allowDuplicate=true').set(bearer(rep1.token)).send({ name: 'Dup', email: 'dup@example.com' }).expect(201);
    const dups = await t.http.get(`/api/v1/leads/${allowed.body.id}/duplicates`).set(bearer(manager.token)).expect(200);
    expect(dups.body.map((d: { id: string }) => d.id)).toEqual([existing.id]);
  });

  it('merges duplicates: fills empty fields, deletes the others, keeps an audit trail', async () => {
    const a = await newLead(rep1.token, { company: null, email: 'merge-a@example.com' });
    const b = await t.http.post('/api/v1/leads?allowDuplicate=true').set(bearer(rep1.token)).send({ name: 'B', company: 'Acme Trading Ltd', email: 'merge-a@example.com', title: 'CTO' }).expect(201);
    // merging deletes the duplicates: a rep without leads:delete may not, their manager may
    await t.http.post(`/api/v1/leads/${a.id}/merge`).set(bearer(rep1.token)).send({ duplicateIds: [b.body.id] }).expect(403);
    const merged = await t.http.post(`/api/v1/leads/${a.id}/merge`).set(bearer(manager.token)).send({ duplicateIds: [b.body.id] }).expect(200);
    expect(merged.body).toMatchObject({ id: a.id, company: 'Acme Trading Ltd', title: 'CTO' });
    await t.http.get(`/api/v1/leads/${b.body.id}`).set(bearer(rep1.token)).expect(404);
    const dups = await t.http.get(`/api/v1/leads/${a.id}/duplicates`).set(admin).expect(200);
    expect(dups.body).toEqual([]);
    const trail = await t.http.get(`/api/v1/audit-logs?entityId=${b.body.id}`).set(admin).expect(200);
    expect(trail.body.data[0]).toMatchObject({ action: 'merge', changes: [{ field: 'mergedInto', old: null, new: a.id }] });
  });

  it('assigns manually within scope and notifies the new owner', async () => {
    const lead = await newLead(manager.token);
    const res = await t.http.post(`/api/v1/leads/${lead.id}/assign`).set(bearer(manager.token)).send({ ownerId: rep2.id, reason: '华东区域' }).expect(200);
    expect(res.body.ownerId).toBe(rep2.id);
    const notes = await t.http.get('/api/v1/notifications?unread=true').set(bearer(rep2.token)).expect(200);
    expect(notes.body.data[0]).toMatchObject({ kind: 'lead.assigned', entityId: lead.id });
    const other = await t.http.post('/api/v1/departments').set(admin).send({ name: 'Elsewhere' }).expect(201);
    const outsider = await createUser(t, org, { role: 'sales_rep', departmentId: other.body.id });
    const denied = await t.http.post(`/api/v1/leads/${lead.id}/assign`).set(bearer(manager.token)).send({ ownerId: outsider.id }).expect(403);
    expect(denied.body.code).toBe('OWNER_OUT_OF_SCOPE');
  });

  it('cuts long names in notification texts instead of failing the assignment', async () => {
    const lead = await newLead(manager.token, { name: '很长的名字'.repeat(20) });
    await t.http.post(`/api/v1/leads/${lead.id}/assign`).set(bearer(manager.token)).send({ ownerId: rep2.id }).expect(200);
    const notes = await t.http.get('/api/v1/notifications').set(bearer(rep2.token)).expect(200);
    const note = notes.body.data.find((n: { entityId: string }) => n.entityId === lead.id);
    expect(Array.from(note.title as string).length).toBeLessThanOrEqual(200);
    expect(Array.from(note.params.name as string)).toHaveLength(80);
    expect(note.params.name.endsWith('…')).toBe(true);
    expect(note.title).toContain(note.params.name);
  });

  it('routes new leads by the first matching rule, round-robin, skipping inactive users', async () => {
    await t.http
      .post('/api/v1/lead-assignment-rules')
      .set(admin)
      .send({ name: 'South by province', position: 1, sources: ['web'], provinces: ['广东省'], userIds: [repSouth.id] })
      .expect(201);
    const rr = await t.http
      .post('/api/v1/lead-assignment-rules')
      .set(admin)
      .send({ name: 'East web leads', position: 2, sources: ['web'], userIds: [rep1.id, rep2.id] })
      .expect(201);
    expect(rr.body.nextUserId).toBe(rep1.id);
    const owners: string[] = [];
    for (let i = 0; i < 4; i++) owners.push((await newLead(org.adminToken, { province: '浙江省' }).then((l) => l)).ownerId);
    expect(owners.every((o) => o === owners[0])).toBe(true); // without autoAssign the creator keeps them
    const routed: string[] = [];
    for (let i = 0; i < 4; i++) {
      const r = await t.http.post('/api/v1/leads?autoAssign=true').set(admin).send({ name: `RR ${i}`, phone: nextPhone(), source: 'web', province: '浙江省' }).expect(201);
      routed.push(r.body.ownerId);
    }
    expect(routed).toEqual([rep1.id, rep2.id, rep1.id, rep2.id]);
    const gd = await t.http.post('/api/v1/leads?autoAssign=true').set(admin).send({ name: 'GD', phone: nextPhone(), source: 'web', province: '广东省' }).expect(201);
    expect(gd.body.ownerId).toBe(repSouth.id);
    await t.http.patch(`/api/v1/users/${rep1.id}`).set(admin).send({ active: false }).expect(200);
    const skip = await t.http.post('/api/v1/leads?autoAssign=true').set(admin).send({ name: 'skip', phone: nextPhone(), source: 'web' }).expect(201);
    expect(skip.body.ownerId).toBe(rep2.id);
    await t.http.patch(`/api/v1/users/${rep1.id}`).set(admin).send({ active: true }).expect(200);
    rep1.token = await t.login((await t.http.get(`/api/v1/users/${rep1.id}`).set(admin)).body.email, 'Passw0rd!');
  });

  describe('pools', () => {
    let pool: { id: string };
    beforeAll(async () => {
      pool = (
        await t.http
          .post('/api/v1/pools')
          .set(admin)
          .send({ name: '华东公海', departmentId: org.depts.east, claimLimit: 2, returnAfterDays: 30, memberIds: [rep1.id, rep2.id] })
          .expect(201)
      ).body;
    });

    it('release puts a lead in the pool with a reason; members see and claim it up to the limit', async () => {
      const leads = [await newLead(rep2.token), await newLead(rep2.token), await newLead(rep2.token)];
      for (const l of leads) {
        const r = await t.http.post(`/api/v1/leads/${l.id}/release`).set(bearer(rep2.token)).send({ reason: '暂无需求', poolId: pool.id }).expect(200);
        expect(r.body).toMatchObject({ ownerId: null, poolId: pool.id });
      }
      const trail = await t.http.get(`/api/v1/audit-logs?entityId=${leads[0].id}&action=release`).set(admin).expect(200);
      // one entry per move, the same shape for every kind: holder fields that changed, then the reason
      expect(plainAudit(trail.body.data)[0].changes).toEqual([
        { field: 'ownerId', old: rep2.id, new: null },
        { field: 'poolId', old: null, new: pool.id },
        { field: 'reason', old: null, new: '暂无需求' },
      ]);
      // a pool member reads the pooled lead before claiming it (masked, only claim offered); others get 404
      const pooled = await t.http.get(`/api/v1/leads/${leads[0].id}`).set(bearer(rep2.token)).expect(200);
      expect(pooled.body).toMatchObject({ ownerId: null, poolId: pool.id, actions: ['claim'] });
      await t.http.get(`/api/v1/leads/${leads[0].id}`).set(bearer(repSouth.token)).expect(404);
      const inPool = await t.http.get(`/api/v1/pools/${pool.id}/leads`).set(bearer(rep1.token)).expect(200);
      expect(inPool.body.total).toBe(3);
      await t.http.get(`/api/v1/pools/${pool.id}/leads`).set(bearer(repSouth.token)).expect(404);
      const denied = await t.http.post(`/api/v1/leads/${leads[0].id}/claim`).set(bearer(repSouth.token)).expect(403);
      expect(denied.body.code).toBe('POOL_NOT_MEMBER');
      await t.http.post(`/api/v1/leads/${leads[0].id}/claim`).set(bearer(rep1.token)).expect(200);
      const claimed = await t.http.post(`/api/v1/leads/${leads[1].id}/claim`).set(bearer(rep1.token)).expect(200);
      expect(claimed.body.ownerId).toBe(rep1.id);
      const over = await t.http.post(`/api/v1/leads/${leads[2].id}/claim`).set(bearer(rep1.token)).expect(409);
      expect(over.body).toMatchObject({ code: 'POOL_CLAIM_LIMIT', limit: 2, held: 2 });
      // someone holds it now: outside your scope that is a 404, as if it did not exist
      await t.http.post(`/api/v1/leads/${leads[0].id}/claim`).set(bearer(rep2.token)).expect(404);
      const taken = await t.http.post(`/api/v1/leads/${leads[0].id}/claim`).set(bearer(manager.token)).expect(409);
      expect(taken.body.code).toBe('POOL_NOT_IN_POOL');
      const poolInfo = await t.http.get(`/api/v1/pools/${pool.id}`).set(bearer(rep1.token)).expect(200);
      expect(poolInfo.body.myClaims).toBe(2);
      // releasing one frees a claim slot
      await t.http.post(`/api/v1/leads/${leads[1].id}/release`).set(bearer(rep1.token)).send({ reason: 'not now' }).expect(200);
      await t.http.post(`/api/v1/leads/${leads[2].id}/claim`).set(bearer(rep1.token)).expect(200);
    });

    it('keeps pool changes inside the manager\'s scope and releases only into visible pools', async () => {
      const other = await t.http.post('/api/v1/departments').set(admin).send({ name: 'Pool elsewhere' }).expect(201);
      const foreign = await t.http.post('/api/v1/pools').set(admin).send({ name: 'Foreign pool', departmentId: other.body.id, claimLimit: 3 }).expect(201);
      await t.http.patch(`/api/v1/pools/${foreign.body.id}`).set(bearer(manager.token)).send({ claimLimit: 99 }).expect(404);
      await t.http.delete(`/api/v1/pools/${foreign.body.id}`).set(bearer(manager.token)).expect(403); // managers have no pools:delete
      const outside = await t.http.post('/api/v1/pools').set(bearer(manager.token)).send({ name: 'Mine elsewhere', departmentId: other.body.id, claimLimit: 3 }).expect(403);
      expect(outside.body.code).toBe('POOL_OUT_OF_SCOPE');
      await t.http.patch(`/api/v1/pools/${pool.id}`).set(bearer(manager.token)).send({ departmentId: other.body.id }).expect(403);
      const lead = await newLead(rep1.token);
      const bad = await t.http.post(`/api/v1/leads/${lead.id}/release`).set(bearer(rep1.token)).send({ reason: 'x', poolId: foreign.body.id }).expect(400);
      expect(bad.body.errors[0].field).toBe('poolId');
    });

    it('returns leads without follow-up for N days to the pool and tells the former owner', async () => {
      const stale = await newLead(rep2.token);
      await t.http.post(`/api/v1/leads/${stale.id}/release`).set(bearer(rep2.token)).send({ reason: 'x', poolId: pool.id }).expect(200);
      await t.http.post(`/api/v1/leads/${stale.id}/claim`).set(bearer(rep2.token)).expect(200);
      const fresh = await newLead(rep2.token);
      await t.http.post(`/api/v1/leads/${fresh.id}/release`).set(bearer(rep2.token)).send({ reason: 'x', poolId: pool.id }).expect(200);
      await t.http.post(`/api/v1/leads/${fresh.id}/claim`).set(bearer(rep2.token)).expect(200);
      await t.app.get(DataSource).query(`UPDATE leads SET claimed_at = now() - interval '31 days' WHERE id = $1`, [stale.id]);
      const run = await t.http.post('/api/v1/pools/return-stale').set(admin).expect(200);
      expect(run.body.returned.lead).toBeGreaterThanOrEqual(1);
      // back in the pool: the former owner (a member) reads it again only as a pooled lead
      expect((await t.http.get(`/api/v1/leads/${stale.id}`).set(bearer(rep2.token)).expect(200)).body).toMatchObject({ ownerId: null, actions: ['claim'] });
      await t.http.get(`/api/v1/leads/${fresh.id}`).set(bearer(rep2.token)).expect(200);
      const notes = await t.http.get('/api/v1/notifications').set(bearer(rep2.token)).expect(200);
      expect(notes.body.data.find((n: { entityId: string }) => n.entityId === stale.id)).toMatchObject({ kind: 'pool.returned' });
      const trail = await t.http.get(`/api/v1/audit-logs?entityId=${stale.id}&action=return`).set(admin).expect(200);
      expect(trail.body.total).toBe(1);
    });
  });

  describe('web-to-lead', () => {
    let key: string;
    beforeAll(async () => {
      const pool = await t.http.post('/api/v1/pools').set(admin).send({ name: 'Web pool', departmentId: org.depts.sales, claimLimit: 10 }).expect(201);
      const form = await t.http.post('/api/v1/lead-forms').set(admin).send({ name: 'Website', poolId: pool.body.id }).expect(201);
      key = form.body.key;
      expect(key).toMatch(/^lf_/);
      expect(form.body.keyPrefix).toBe(key.slice(0, 7));
      const listed = await t.http.get('/api/v1/lead-forms').set(admin).expect(200);
      expect(JSON.stringify(listed.body)).not.toContain(key);
    });

    it('401 with a bad form key, 400 without contact details', async () => {
      const bad = await t.http.post('/api/v1/public/leads').set('X-Form-Key', 'lf_wrong').send({ name: 'x', phone: '13700000001' }).expect(401);
      expect(bad.body.code).toBe('LEAD_FORM_KEY_INVALID');
      await t.http.post('/api/v1/public/leads').send({ name: 'x', phone: '13700000001' }).expect(401);
      const noContact = await t.http.post('/api/v1/public/leads').set('X-Form-Key', key).send({ name: 'x' }).expect(400);
      expect(noContact.body.errors[0].field).toBe('phone');
    });

    it('accepts a submission into assignment; a filled honeypot is dropped silently', async () => {
      const ok = await t.http
        .post('/api/v1/public/leads')
        .set('X-Form-Key', key)
        .send({ name: '陈静', phone: '137 0000 0002', company: '苏州精工', province: '江苏省', message: '想了解报价' })
        .expect(202);
      expect(ok.body).toEqual({ received: true });
      const found = await t.http.get('/api/v1/leads?q=13700000002').set(admin).expect(200);
      expect(found.body.data[0]).toMatchObject({ name: '陈静', source: 'web', notes: '想了解报价' });
      // the East web rule from above routes it round-robin to a rep
      expect([rep1.id, rep2.id]).toContain(found.body.data[0].ownerId);
      await t.http.post('/api/v1/public/leads').set('X-Form-Key', key).send({ name: 'bot', phone: '13700000003', website: 'http://spam' }).expect(202);
      const bot = await t.http.get('/api/v1/leads?q=13700000003').set(admin).expect(200);
      expect(bot.body.total).toBe(0);
    });

    it('is rate limited per IP', async () => {
      const limited = await startApp({ url: t.url, config: { publicRateLimit: { points: 2, windowSec: 60 } } });
      try {
        const send = () => limited.http.post('/api/v1/public/leads').set('X-Forwarded-For', '198.51.100.7').set('X-Form-Key', 'nope').send({ name: 'x' });
        expect((await send()).status).toBe(401);
        expect((await send()).status).toBe(401);
        const r = await send();
        expect(r.status).toBe(429);
        expect(r.headers['retry-after']).toBeDefined();
      } finally {
        await limited.app.close();
      }
    });
  });

  it('keeps converted-status out of PATCH and validates fields', async () => {
    const lead = await newLead(rep1.token);
    const res = await t.http.patch(`/api/v1/leads/${lead.id}`).set(bearer(rep1.token)).send({ status: 'converted', score: 99 }).expect(400);
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['score', 'status']);
    await t.http.patch(`/api/v1/leads/${lead.id}`).set(bearer(rep1.token)).send({ status: 'qualified', version: 1 }).expect(200);
    await t.http.patch(`/api/v1/leads/${lead.id}`).set(bearer(rep1.token)).send({ status: 'contacted', version: 1 }).expect(412);
  });
});
