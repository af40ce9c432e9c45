import { DataSource } from 'typeorm';
import { startApp, TestApp } from './helpers/test-app';
import { bearer, buildOrg, createUser, Org } from './helpers/fixtures';

type U = { id: string; email: string; token: string };
type Brief = { id: string; name: string; returnAt: string | null };
type Card = { count: number; items: Brief[] };

/** The home page's summaries (a rep's own day, a manager's team) and an admin's password reset. */
describe('home summaries and password reset (e2e)', () => {
  let t: TestApp;
  let org: Org;
  let ds: DataSource;
  let manager: U;
  let repA: U;
  let repB: U;
  let outsider: U;

  const day = 86400000;
  const lead = async (owner: U, name: string, extra: Record<string, unknown> = {}) =>
    (await t.http.post('/api/v1/leads').set(bearer(manager.token)).send({ name, ownerId: owner.id, ...extra }).expect(201)).body.id as string;
  const names = (card: Card) => card.items.map((i) => i.name).sort();

  beforeAll(async () => {
    t = await startApp();
    org = await buildOrg(t);
    ds = t.app.get(DataSource);
    manager = await createUser(t, org, { role: 'sales_manager', departmentId: org.depts.sales, name: 'Manager' });
    repA = await createUser(t, org, { role: 'sales_rep', departmentId: org.depts.east, name: 'Rep A' });
    repB = await createUser(t, org, { role: 'sales_rep', departmentId: org.depts.east, name: 'Rep B' });
    outsider = await createUser(t, org, { role: 'sales_rep', departmentId: org.depts.service, name: 'Outsider' });
  });
  afterAll(() => t.close());

  describe('GET /home/leads', () => {
    let ids: Record<string, string>;

    beforeAll(async () => {
      const pool = await t.http
        .post('/api/v1/pools')
        .set(bearer(org.adminToken))
        .send({ name: 'Home pool', departmentId: org.depts.east, claimLimit: 10, returnAfterDays: 30, memberIds: [repA.id, repB.id] })
        .expect(201);
      ids = {
        overdue: await lead(repA, 'A overdue', { nextFollowUpAt: new Date(Date.now() - 2 * day).toISOString() }),
        today: await lead(repA, 'A today'),
        later: await lead(repA, 'A next week', { nextFollowUpAt: new Date(Date.now() + 7 * day).toISOString() }),
        stale: await lead(repA, 'A stale'),
        pooled: await lead(repA, 'A pooled'),
        other: await lead(repB, 'B overdue', { nextFollowUpAt: new Date(Date.now() - 2 * day).toISOString() }),
      };
      // "today" in the business time zone, whatever the hour of the run
      await ds.query(
        `UPDATE leads SET next_follow_up_at = date_trunc('day', now() AT TIME ZONE $2) AT TIME ZONE $2 + interval '12 hours' WHERE id = $1`,
        [ids.today, t.config.timezone],
      );
      // untouched for 10 days (created and held that long ago)
      await ds.query(`UPDATE leads SET created_at = now() - interval '10 days', claimed_at = now() - interval '10 days' WHERE id = $1`, [ids.stale]);
      // held from the pool for 28 of its 30 days: returns in 2 days
      await t.http.post(`/api/v1/leads/${ids.pooled}/release`).set(bearer(repA.token)).send({ reason: '暂无需求', poolId: pool.body.id }).expect(200);
      await t.http.post(`/api/v1/leads/${ids.pooled}/claim`).set(bearer(repA.token)).expect(200);
      await ds.query(`UPDATE leads SET created_at = now() - interval '40 days', claimed_at = now() - interval '28 days' WHERE id = $1`, [ids.pooled]);
    });

    it("a rep sees only their own follow-ups, stale, recently assigned and returning leads; no team figures", async () => {
      const res = await t.http.get('/api/v1/home/leads?staleDays=5&returnWithinDays=3').set(bearer(repA.token)).expect(200);
      const body = res.body as Record<string, Card> & { team: unknown; staleDays: number };
      expect(body.staleDays).toBe(5);
      expect(names(body.overdue)).toEqual(['A overdue']);
      expect(names(body.today)).toEqual(['A today']);
      expect(names(body.stale)).toEqual(['A pooled', 'A stale']);
      expect(names(body.recentlyAssigned)).toEqual(['A next week', 'A overdue', 'A today']);
      expect(body.returning.count).toBe(1);
      expect(body.returning.items[0]).toMatchObject({ id: ids.pooled, name: 'A pooled' });
      const returnsIn = new Date(body.returning.items[0].returnAt!).getTime() - Date.now();
      expect(returnsIn).toBeGreaterThan(1.9 * day);
      expect(returnsIn).toBeLessThan(2.1 * day);
      expect(body.team).toBeNull();
      // nothing of rep B's
      const all = Object.values(body).flatMap((v) => ((v as Card)?.items ?? []).map((i) => i.name));
      expect(all.some((n) => n.startsWith('B '))).toBe(false);

      const b = (await t.http.get('/api/v1/home/leads').set(bearer(repB.token)).expect(200)).body as Record<string, Card>;
      expect(names(b.overdue)).toEqual(['B overdue']);
      expect(b.returning.count).toBe(0);
    });

    it("a manager sees the team's figures per rep in their scope", async () => {
      const outsiderLead = await t.http.post('/api/v1/leads').set(bearer(outsider.token)).send({ name: 'Outside' }).expect(201);
      expect(outsiderLead.body.ownerId).toBe(outsider.id);
      const res = await t.http.get('/api/v1/home/leads?staleDays=5').set(bearer(manager.token)).expect(200);
      const team = res.body.team as { ownerId: string; ownerName: string; open: number; overdue: number; stale: number; newThisWeek: number }[];
      const a = team.find((r) => r.ownerId === repA.id)!;
      expect(a).toMatchObject({ ownerName: 'Rep A', open: 5, overdue: 1, stale: 2 });
      expect(team.find((r) => r.ownerId === repB.id)).toMatchObject({ ownerName: 'Rep B', open: 1, overdue: 1 });
      expect(team.some((r) => r.ownerId === outsider.id)).toBe(false);
    });

    it('rejects bad parameters and users without lead access', async () => {
      const bad = await t.http.get('/api/v1/home/leads?staleDays=0').set(bearer(repA.token)).expect(400);
      expect(bad.body.errors[0]).toMatchObject({ field: 'staleDays' });
      await t.http.get('/api/v1/home/leads?nope=1').set(bearer(repA.token)).expect(400);
      const service = await createUser(t, org, { role: 'service_agent', departmentId: org.depts.service });
      const me = await t.http.get('/api/v1/auth/me').set(bearer(service.token)).expect(200);
      if (!me.body.permissions.some((p: { module: string }) => p.module === 'leads')) {
        await t.http.get('/api/v1/home/leads').set(bearer(service.token)).expect(403);
      }
      await t.http.get('/api/v1/home/leads').expect(401);
    });
  });

  describe('GET /home/users-by-department', () => {
    it('counts active users per department with its name, in the reader’s scope', async () => {
      const all = (await t.http.get('/api/v1/home/users-by-department').set(bearer(org.adminToken)).expect(200)).body as {
        departmentId: string | null;
        departmentName: string | null;
        count: number;
      }[];
      expect(all.find((r) => r.departmentId === org.depts.east)).toEqual({ departmentId: org.depts.east, departmentName: 'East', count: 2 });
      expect(all.find((r) => r.departmentId === org.depts.service)?.departmentName).toBe('Service');
      // the manager's users scope is their department and below: no Service row
      const mine = (await t.http.get('/api/v1/home/users-by-department').set(bearer(manager.token)).expect(200)).body as { departmentId: string }[];
      expect(mine.some((r) => r.departmentId === org.depts.service)).toBe(false);
      expect(mine.some((r) => r.departmentId === org.depts.east)).toBe(true);
      // a rep's users scope is their own record
      const own = (await t.http.get('/api/v1/home/users-by-department').set(bearer(repA.token)).expect(200)).body;
      expect(own).toEqual([{ departmentId: org.depts.east, departmentName: 'East', count: 1 }]);
    });
  });

  describe('admin password reset', () => {
    it('sets a password the user must change, ends their sessions; the change clears the flag and ends the other sessions', async () => {
      const user = await createUser(t, org, { role: 'sales_rep', departmentId: org.depts.east, name: 'Forgetful' });
      await t.http.post(`/api/v1/users/${user.id}/reset-password`).set(bearer(org.adminToken)).send({ password: 'Temp1234x' }).expect(204);
      await t.http.get('/api/v1/auth/me').set(bearer(user.token)).expect(401);
      await t.http.post('/api/v1/auth/login').send({ email: user.email, password: 'Passw0rd!' }).expect(401);
      const token = await t.login(user.email, 'Temp1234x');
      const me = await t.http.get('/api/v1/auth/me').set(bearer(token)).expect(200);
      expect(me.body.user.mustChangePassword).toBe(true);
      // the API itself, not only the SPA, holds them to it
      const blocked = await t.http.get('/api/v1/leads').set(bearer(token)).expect(403);
      expect(blocked.body.code).toBe('PASSWORD_CHANGE_REQUIRED');
      const other = await t.login(user.email, 'Temp1234x');

      const wrong = await t.http.post('/api/v1/auth/password').set(bearer(token)).send({ currentPassword: 'nope', newPassword: 'Mine5678y' }).expect(400);
      expect(wrong.body).toMatchObject({ code: 'WRONG_PASSWORD', errors: [{ field: 'currentPassword' }] });
      const same = await t.http.post('/api/v1/auth/password').set(bearer(token)).send({ currentPassword: 'Temp1234x', newPassword: 'Temp1234x' }).expect(400);
      expect(same.body.code).toBe('SAME_PASSWORD');
      const weak = await t.http.post('/api/v1/auth/password').set(bearer(token)).send({ currentPassword: 'Temp1234x', newPassword: 'short' }).expect(400);
      expect(weak.body.errors[0].field).toBe('newPassword');

      const changed = await t.http.post('/api/v1/auth/password').set(bearer(token)).send({ currentPassword: 'Temp1234x', newPassword: 'Mine5678y' }).expect(200);
      const fresh = bearer(changed.body.accessToken);
      expect((await t.http.get('/api/v1/auth/me').set(fresh).expect(200)).body.user.mustChangePassword).toBe(false);
      await t.http.get('/api/v1/leads').set(fresh).expect(200);
      await t.http.get('/api/v1/auth/me').set(bearer(other)).expect(401);
      await t.http.post('/api/v1/auth/refresh').send({ refreshToken: changed.body.refreshToken }).expect(200);
      await t.login(user.email, 'Mine5678y');

      const log = await t.http.get(`/api/v1/audit-logs?entityId=${user.id}`).set(bearer(org.adminToken)).expect(200);
      const fields = log.body.data.flatMap((e: { changes: { field: string }[] }) => e.changes.map((c) => c.field));
      expect(fields).toEqual(expect.arrayContaining(['password', 'mustChangePassword']));
    });

    it('can skip "must change"; a rep or a manager (no users update) gets 403', async () => {
      const user = await createUser(t, org, { role: 'sales_rep', departmentId: org.depts.service });
      await t.http
        .post(`/api/v1/users/${user.id}/reset-password`)
        .set(bearer(org.adminToken))
        .send({ password: 'Temp1234x', mustChangePassword: false })
        .expect(204);
      const token = await t.login(user.email, 'Temp1234x');
      expect((await t.http.get('/api/v1/auth/me').set(bearer(token)).expect(200)).body.user.mustChangePassword).toBe(false);

      await t.http.post(`/api/v1/users/${user.id}/reset-password`).set(bearer(repA.token)).send({ password: 'Temp1234x' }).expect(403);
      await t.http.post(`/api/v1/users/${user.id}/reset-password`).set(bearer(manager.token)).send({ password: 'Temp1234x' }).expect(403);
      await t.login(user.email, 'Temp1234x');
    });
  });
});
