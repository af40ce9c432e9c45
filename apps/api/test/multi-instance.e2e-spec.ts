import { DataSource } from 'typeorm';
import { startApp, TestApp } from './helpers/test-app';
import { bearer } from './helpers/fixtures';

/** Two API processes on one database behave as one: nothing that matters lives in process memory. */
describe('two instances on one database (e2e)', () => {
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    a = await startApp({ config: { authRateLimit: { points: 4, windowSec: 60 } } });
    b = await startApp({ url: a.url, config: { authRateLimit: { points: 4, windowSec: 60 } } });
  });
  afterAll(async () => {
    await b.app.close();
    await a.close();
  });

  it('shares idempotency keys and refresh tokens', async () => {
    const token = await a.login();
    const body = { name: 'Shared dept' };
    const first = await a.http.post('/api/v1/departments').set(bearer(token)).set('Idempotency-Key', 'k-shared').send(body).expect(201);
    const replay = await b.http.post('/api/v1/departments').set(bearer(token)).set('Idempotency-Key', 'k-shared').send(body).expect(201);
    expect(replay.body.id).toBe(first.body.id);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    const tokens = (await a.http.post('/api/v1/auth/login').send({ email: 'admin@keyuan.local', password: 'Admin123!' }).expect(200)).body;
    await b.http.get('/api/v1/auth/me').set(bearer(tokens.accessToken)).expect(200);
    await b.http.post('/api/v1/auth/refresh').send({ refreshToken: tokens.refreshToken }).expect(200);
    await a.http.post('/api/v1/auth/refresh').send({ refreshToken: tokens.refreshToken }).expect(401);
  });

  it('ends sessions on every instance at once: logout on one, deactivation on the other', async () => {
    await a.app.get(DataSource).query(`DELETE FROM rate_limit_buckets`);
    const admin = await a.login();
    const pair = (await a.http.post('/api/v1/auth/login').send({ email: 'admin@keyuan.local', password: 'Admin123!' }).expect(200)).body;
    await b.http.get('/api/v1/auth/me').set(bearer(pair.accessToken)).expect(200);
    await a.http.post('/api/v1/auth/logout').send({ refreshToken: pair.refreshToken }).expect(204);
    await b.http.get('/api/v1/auth/me').set(bearer(pair.accessToken)).expect(401);

    const email = `multi-${Date.now()}@example.com`;
    const u = (await a.http.post('/api/v1/users').set(bearer(admin)).send({ email, name: 'Multi', password: 'Passw0rd!' }).expect(201)).body;
    const token = await b.login(email, 'Passw0rd!');
    await a.http.get('/api/v1/auth/me').set(bearer(token)).expect(200);
    await b.http.patch(`/api/v1/users/${u.id}`).set(bearer(admin)).send({ active: false }).expect(200);
    await a.http.get('/api/v1/auth/me').set(bearer(token)).expect(401);
    await b.http.get('/api/v1/auth/me').set(bearer(token)).expect(401);
  });

  it('counts auth rate limits across both instances and answers 429 with Retry-After', async () => {
    const send = (t: TestApp) => t.http.post('/api/v1/auth/login').set('X-Forwarded-For', '203.0.113.9').send({ email: 'nobody@example.com', password: 'x' });
    // fresh window: forget what the logins above counted
    await a.app.get(DataSource).query(`DELETE FROM rate_limit_buckets`);
    expect((await send(a)).status).toBe(401);
    expect((await send(b)).status).toBe(401);
    expect((await send(a)).status).toBe(401);
    expect((await send(b)).status).toBe(401);
    const limited = await send(a);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.body).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
    expect((await send(b)).status).toBe(429);
  });
});
