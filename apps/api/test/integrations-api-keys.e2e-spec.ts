import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { startApp, TestApp } from './helpers/test-app';
import { bearer, buildOrg, createUser, Org } from './helpers/fixtures';

/** API keys: a role's scope, a named service user, hashed secrets, immediate revocation, shared rate limits. */
describe('API keys (e2e)', () => {
  let a: TestApp;
  let b: TestApp;
  let org: Org;
  let service: { id: string };
  let other: { id: string; token: string };

  beforeAll(async () => {
    a = await startApp();
    b = await startApp({ url: a.url });
    org = await buildOrg(a);
    service = await createUser(a, org, { role: 'sales_rep', departmentId: org.depts.east, name: 'ERP 集成' });
    other = await createUser(a, org, { role: 'sales_rep', departmentId: org.depts.south, name: 'Other rep' });
  });
  afterAll(async () => {
    await b.app.close();
    await a.close();
  });

  const createKey = async (extra: Record<string, unknown> = {}) =>
    (
      await a.http
        .post('/api/v1/api-keys')
        .set(bearer(org.adminToken))
        .send({ name: 'ERP', roleId: org.roles.sales_rep, userId: service.id, ...extra })
        .expect(201)
    ).body as { id: string; secret: string; prefix: string; status: string };

  it('creates a key whose secret is shown once and stored as its SHA-256', async () => {
    const key = await createKey();
    expect(key.secret).toMatch(/^ky_live_[A-Za-z0-9_-]{40,}$/);
    expect(key.secret.startsWith(key.prefix)).toBe(true);
    const read = await a.http.get(`/api/v1/api-keys/${key.id}`).set(bearer(org.adminToken)).expect(200);
    expect(read.body.secret).toBeUndefined();
    expect(read.body).toMatchObject({ userName: 'ERP 集成', status: 'active', lastUsedAt: null });
    const rows = await a.app.get(DataSource).query(`SELECT secret_hash, row_to_json(k)::text AS all FROM api_keys k WHERE id = $1`, [key.id]);
    expect(rows[0].secret_hash).toBe(createHash('sha256').update(key.secret).digest('hex'));
    expect(rows[0].all).not.toContain(key.secret.slice(8));
    const list = await a.http.get('/api/v1/api-keys').set(bearer(org.adminToken)).expect(200);
    expect(list.body.data.map((k: { id: string }) => k.id)).toContain(key.id);
  });

  it('acts as the service user with the role scope, through Bearer or X-API-Key', async () => {
    const key = await createKey();
    const made = await a.http.post('/api/v1/leads').set('X-API-Key', key.secret).send({ name: 'Key lead', source: 'web' }).expect(201);
    expect(made.body.ownerId).toBe(service.id);
    const audit = await a.http.get(`/api/v1/audit-logs?entityId=${made.body.id}`).set(bearer(org.adminToken)).expect(200);
    expect(audit.body.data[0]).toMatchObject({ actorId: service.id, actorName: 'ERP 集成' });
    // another rep's lead is outside the key's own scope: 404 and never the data
    const theirs = await a.http.post('/api/v1/leads').set(bearer(other.token)).send({ name: 'Not yours', source: 'web' }).expect(201);
    const out = await b.http.get(`/api/v1/leads/${theirs.body.id}`).set('Authorization', `Bearer ${key.secret}`).expect(404);
    expect(JSON.stringify(out.body)).not.toContain('Not yours');
    const list = await b.http.get('/api/v1/leads').set('Authorization', `Bearer ${key.secret}`).expect(200);
    expect(list.body.data.map((l: { id: string }) => l.id)).toEqual([made.body.id]);
    // the role has no user administration
    await a.http.get('/api/v1/api-keys').set('X-API-Key', key.secret).expect(403);
    const used = await a.http.get(`/api/v1/api-keys/${key.id}`).set(bearer(org.adminToken)).expect(200);
    expect(used.body.lastUsedAt).not.toBeNull();
  });

  it('revocation takes effect at once on every instance', async () => {
    const key = await createKey();
    await b.http.get('/api/v1/leads').set('X-API-Key', key.secret).expect(200);
    await a.http.post(`/api/v1/api-keys/${key.id}/revoke`).set(bearer(org.adminToken)).expect(200);
    const res = await b.http.get('/api/v1/leads').set('X-API-Key', key.secret).expect(401);
    expect(res.headers['content-type']).toContain('application/problem+json');
    await a.http.post(`/api/v1/api-keys/${key.id}/revoke`).set(bearer(org.adminToken)).expect(409);
    await a.http.get('/api/v1/leads').set('X-API-Key', 'ky_live_notakeyatallnotakeyatall').expect(401);
  });

  it('refuses clients outside the IP allow-list, roles beyond the creator, and bad input', async () => {
    const fenced = await createKey({ ipAllowList: ['203.0.113.0/24'] });
    const res = await a.http.get('/api/v1/leads').set('X-API-Key', fenced.secret).expect(403);
    expect(res.body.code).toBe('API_KEY_IP_NOT_ALLOWED');
    const local = await createKey({ ipAllowList: ['127.0.0.1', '::1'] });
    await a.http.get('/api/v1/leads').set('X-API-Key', local.secret).expect(200);
    const bad = await a.http.post('/api/v1/api-keys').set(bearer(org.adminToken)).send({ name: 'x', roleId: org.roles.sales_rep, userId: service.id, expiresAt: '2020-01-01T00:00:00Z' }).expect(400);
    expect(bad.body.errors[0]).toMatchObject({ field: 'expiresAt', code: 'API_KEY_EXPIRY_PAST' });
    const manager = await createUser(a, org, { role: 'sales_manager', departmentId: org.depts.sales });
    await a.http.post('/api/v1/api-keys').set(bearer(manager.token)).send({ name: 'x', roleId: org.roles.admin, userId: service.id }).expect(403);
    // a key maker who does not manage every user makes keys acting as themself only (own scope is the service user's)
    const makerRole = (
      await a.http
        .post('/api/v1/roles')
        .set(bearer(org.adminToken))
        .send({ key: 'key_maker', name: 'Key maker', permissions: [{ module: 'integrations', actions: ['read', 'create'], scope: 'all' }, { module: 'leads', actions: ['read'], scope: 'own' }] })
        .expect(201)
    ).body;
    const maker = await createUser(a, org, { role: makerRole.id, departmentId: org.depts.east });
    const asOther = await a.http.post('/api/v1/api-keys').set(bearer(maker.token)).send({ name: 'x', roleId: makerRole.id, userId: other.id }).expect(403);
    expect(asOther.body.errors[0]).toMatchObject({ field: 'userId' });
    await a.http.post('/api/v1/api-keys').set(bearer(maker.token)).send({ name: 'mine', roleId: makerRole.id, userId: maker.id }).expect(201);
    // an expired key stops working
    const soon = await createKey();
    await a.app.get(DataSource).query(`UPDATE api_keys SET expires_at = now() - interval '1 second' WHERE id = $1`, [soon.id]);
    await a.http.get('/api/v1/leads').set('X-API-Key', soon.secret).expect(401);
  });

  it('limits each key across instances: RateLimit headers on every response, 429 with Retry-After', async () => {
    const key = await createKey({ rateLimitPerMinute: 3 });
    const first = await a.http.get('/api/v1/leads').set('X-API-Key', key.secret).expect(200);
    expect(first.headers['ratelimit-policy']).toBe('"key";q=3;w=60');
    expect(first.headers.ratelimit).toMatch(/^"key";r=2;t=\d+$/);
    await b.http.get('/api/v1/leads').set('X-API-Key', key.secret).expect(200);
    const third = await a.http.get('/api/v1/leads/00000000-0000-4000-8000-000000000000').set('X-API-Key', key.secret).expect(404);
    expect(third.headers.ratelimit).toMatch(/^"key";r=0;t=\d+$/);
    const limited = await b.http.get('/api/v1/leads').set('X-API-Key', key.secret).expect(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.headers['ratelimit-policy']).toBe('"key";q=3;w=60');
    expect(limited.body.code).toBe('RATE_LIMITED');
    // another key has its own budget
    const fresh = await createKey({ rateLimitPerMinute: 3 });
    await a.http.get('/api/v1/leads').set('X-API-Key', fresh.secret).expect(200);
  });
});
