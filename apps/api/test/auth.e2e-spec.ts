import { ADMIN_EMAIL, ADMIN_PASSWORD, startApp, TestApp } from './helpers/test-app';
import { bearer } from './helpers/fixtures';

describe('auth (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp();
  });
  afterAll(() => t.close());

  it('logs in with the first-start admin and answers a token pair', async () => {
    const res = await t.http.post('/api/v1/auth/login').send({ email: 'Admin@Keyuan.local', password: ADMIN_PASSWORD }).expect(200);
    expect(res.body).toMatchObject({ tokenType: 'Bearer', expiresIn: 900 });
    expect(res.body.accessToken.split('.')).toHaveLength(3);
    expect(res.body.refreshToken).toMatch(/^[0-9a-f-]{36}\./);
    const me = await t.http.get('/api/v1/auth/me').set(bearer(res.body.accessToken)).expect(200);
    expect(me.body.user.email).toBe(ADMIN_EMAIL);
    expect(me.body.roles.map((r: { key: string }) => r.key)).toEqual(['admin']);
    expect(me.body.permissions).toEqual(expect.arrayContaining([{ module: 'users', actions: expect.arrayContaining(['read', 'delete']), scope: 'all' }]));
    expect(me.body.specialPermissions).toEqual(expect.arrayContaining(['restore', 'viewSensitive']));
    expect(me.body.user).not.toHaveProperty('passwordHash');
  });

  it('answers 401 problem+json for a wrong password or an unknown email', async () => {
    const wrong = await t.http.post('/api/v1/auth/login').send({ email: ADMIN_EMAIL, password: 'nope-nope' }).expect(401);
    expect(wrong.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(wrong.body).toMatchObject({ status: 401, code: 'INVALID_CREDENTIALS', detail: 'Wrong email or password' });
    const unknown = await t.http.post('/api/v1/auth/login').send({ email: 'ghost@example.com', password: 'x' }).expect(401);
    expect(unknown.body.code).toBe('INVALID_CREDENTIALS');
    // a success resets the failure counter so the lockout test below starts from zero
    await t.login();
  });

  it('answers 400 with the field when login input is malformed', async () => {
    const res = await t.http.post('/api/v1/auth/login').send({ email: '' }).expect(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['email', 'password']));
  });

  /** The problem body without the parts that differ per request. */
  const shape = (body: Record<string, unknown>) => {
    const { instance: _i, requestId: _r, ...rest } = body;
    return rest;
  };
  const from = (ip: string) => ({ 'X-Forwarded-For': ip });

  it('locks an account only for the client that failed, with the same answer as a wrong password', async () => {
    const admin = await t.login();
    const email = `lock-${Date.now()}@example.com`;
    await t.http.post('/api/v1/users').set(bearer(admin)).send({ email, name: 'Locky', password: 'Passw0rd!' }).expect(201);
    const attacker = from('198.51.100.7');
    const wrong = await t.http.post('/api/v1/auth/login').set(attacker).send({ email, password: 'wrong-password' }).expect(401);
    for (let i = 1; i < 5; i++) await t.http.post('/api/v1/auth/login').set(attacker).send({ email, password: 'wrong-password' }).expect(401);
    const locked = await t.http.post('/api/v1/auth/login').set(attacker).send({ email, password: 'Passw0rd!' }).expect(401);
    const unknown = await t.http.post('/api/v1/auth/login').set(attacker).send({ email: `ghost-${Date.now()}@example.com`, password: 'Passw0rd!' }).expect(401);
    expect(shape(locked.body)).toEqual(shape(wrong.body));
    expect(shape(unknown.body)).toEqual(shape(wrong.body));
    expect(shape(wrong.body)).toMatchObject({ status: 401, code: 'INVALID_CREDENTIALS', detail: 'Wrong email or password' });
    // the user elsewhere is not locked out by the attacker
    await t.http.post('/api/v1/auth/login').set(from('203.0.113.20')).send({ email, password: 'Passw0rd!' }).expect(200);
    const list = await t.http.get(`/api/v1/users?q=${encodeURIComponent(email)}`).set(bearer(admin)).expect(200);
    expect(new Date(list.body.data[0].lockedUntil).getTime()).toBeGreaterThan(Date.now() + 14 * 60 * 1000);
    // an admin's password reset ends every lock
    await t.http.post(`/api/v1/users/${list.body.data[0].id}/reset-password`).set(bearer(admin)).send({ password: 'N3wPassw0rd' }).expect(204);
    await t.http.post('/api/v1/auth/login').set(attacker).send({ email, password: 'N3wPassw0rd' }).expect(200);
  });

  it('gives a deactivated account with the right password the same answer as a wrong password', async () => {
    const admin = await t.login();
    const email = `off-${Date.now()}@example.com`;
    const u = (await t.http.post('/api/v1/users').set(bearer(admin)).send({ email, name: 'Off', password: 'Passw0rd!' }).expect(201)).body;
    await t.http.patch(`/api/v1/users/${u.id}`).set(bearer(admin)).send({ active: false }).expect(200);
    const right = await t.http.post('/api/v1/auth/login').send({ email, password: 'Passw0rd!' }).expect(401);
    const wrong = await t.http.post('/api/v1/auth/login').send({ email, password: 'not-it-at-all' }).expect(401);
    expect(shape(right.body)).toEqual(shape(wrong.body));
  });

  it('rotates refresh tokens and revokes the family when an old one is reused', async () => {
    const first = (await t.http.post('/api/v1/auth/login').send({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD }).expect(200)).body;
    const second = (await t.http.post('/api/v1/auth/refresh').send({ refreshToken: first.refreshToken }).expect(200)).body;
    expect(second.refreshToken).not.toBe(first.refreshToken);
    await t.http.get('/api/v1/auth/me').set(bearer(second.accessToken)).expect(200);

    const reuse = await t.http.post('/api/v1/auth/refresh').send({ refreshToken: first.refreshToken }).expect(401);
    expect(reuse.body.code).toBe('REFRESH_TOKEN_REUSED');
    // the thief's reuse also ended the legitimate newer token of the same login
    const after = await t.http.post('/api/v1/auth/refresh').send({ refreshToken: second.refreshToken }).expect(401);
    expect(after.body.code).toBe('INVALID_REFRESH_TOKEN');

    const garbage = await t.http.post('/api/v1/auth/refresh').send({ refreshToken: 'not-a-token' }).expect(401);
    expect(garbage.body.code).toBe('INVALID_REFRESH_TOKEN');
  });

  it('logout ends the login: its refresh and access tokens stop working at once, other logins go on', async () => {
    const pair = (await t.http.post('/api/v1/auth/login').send({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD }).expect(200)).body;
    const other = await t.login();
    await t.http.get('/api/v1/auth/me').set(bearer(pair.accessToken)).expect(200);
    await t.http.post('/api/v1/auth/logout').send({ refreshToken: pair.refreshToken }).expect(204);
    await t.http.post('/api/v1/auth/refresh').send({ refreshToken: pair.refreshToken }).expect(401);
    await t.http.get('/api/v1/auth/me').set(bearer(pair.accessToken)).expect(401);
    await t.http.get('/api/v1/auth/me').set(bearer(other)).expect(200);
  });

  it('a password reset or a role change ends every session of the user at once', async () => {
    const admin = await t.login();
    const email = `sess-${Date.now()}@example.com`;
    const u = (await t.http.post('/api/v1/users').set(bearer(admin)).send({ email, name: 'Sess', password: 'Passw0rd!' }).expect(201)).body;
    const before = (await t.http.post('/api/v1/auth/login').send({ email, password: 'Passw0rd!' }).expect(200)).body;
    await t.http.post(`/api/v1/users/${u.id}/reset-password`).set(bearer(admin)).send({ password: 'N3wPassw0rd' }).expect(204);
    await t.http.get('/api/v1/auth/me').set(bearer(before.accessToken)).expect(401);
    await t.http.post('/api/v1/auth/refresh').send({ refreshToken: before.refreshToken }).expect(401);

    const pair = (await t.http.post('/api/v1/auth/login').send({ email, password: 'N3wPassw0rd' }).expect(200)).body;
    await t.http.get('/api/v1/auth/me').set(bearer(pair.accessToken)).expect(200);
    const roles = (await t.http.get('/api/v1/roles?q=sales_rep').set(bearer(admin)).expect(200)).body.data;
    await t.http.patch(`/api/v1/users/${u.id}`).set(bearer(admin)).send({ roleIds: [roles[0].id] }).expect(200);
    await t.http.get('/api/v1/auth/me').set(bearer(pair.accessToken)).expect(401);
    await t.http.post('/api/v1/auth/refresh').send({ refreshToken: pair.refreshToken }).expect(401);
    // other edits (a name) end nothing
    const fresh = (await t.http.post('/api/v1/auth/login').send({ email, password: 'N3wPassw0rd' }).expect(200)).body;
    await t.http.patch(`/api/v1/users/${u.id}`).set(bearer(admin)).send({ name: 'Renamed' }).expect(200);
    await t.http.get('/api/v1/auth/me').set(bearer(fresh.accessToken)).expect(200);
  });

  it('answers 401 without a token or with a bad one', async () => {
    const none = await t.http.get('/api/v1/users').expect(401);
    expect(none.body).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
    await t.http.get('/api/v1/users').set({ Authorization: 'Bearer abc.def.ghi' }).expect(401);
    await t.http.get('/api/v1/auth/me').expect(401);
  });

  it('stops accepting the tokens of a deactivated user', async () => {
    const admin = await t.login();
    const email = `gone-${Date.now()}@example.com`;
    const u = (await t.http.post('/api/v1/users').set(bearer(admin)).send({ email, name: 'Gone', password: 'Passw0rd!' }).expect(201)).body;
    const pair = (await t.http.post('/api/v1/auth/login').send({ email, password: 'Passw0rd!' }).expect(200)).body;
    const token = pair.accessToken;
    await t.http.get('/api/v1/auth/me').set(bearer(token)).expect(200);
    await t.http.patch(`/api/v1/users/${u.id}`).set(bearer(admin)).send({ active: false }).expect(200);
    await t.http.get('/api/v1/auth/me').set(bearer(token)).expect(401);
    const login = await t.http.post('/api/v1/auth/login').send({ email, password: 'Passw0rd!' }).expect(401);
    expect(login.body.code).toBe('INVALID_CREDENTIALS');
    await t.http.post('/api/v1/auth/refresh').send({ refreshToken: pair.refreshToken }).expect(401);
    // re-activation does not revive the old tokens: the user signs in again
    await t.http.patch(`/api/v1/users/${u.id}`).set(bearer(admin)).send({ active: true }).expect(200);
    await t.http.post('/api/v1/auth/refresh').send({ refreshToken: pair.refreshToken }).expect(401);
    await t.http.get('/api/v1/auth/me').set(bearer(token)).expect(401);
    await t.login(email, 'Passw0rd!');
  });
});
