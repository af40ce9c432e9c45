import { startApp, TestApp } from './helpers/test-app';
import { bearer, plainAudit } from './helpers/fixtures';

describe('HTTP core (e2e)', () => {
  let t: TestApp;
  let admin: Record<string, string>;
  beforeAll(async () => {
    t = await startApp();
    admin = bearer(await t.login());
  });
  afterAll(() => t.close());

  let n = 0;
  const newUser = async (extra: Record<string, unknown> = {}) => {
    n += 1;
    const res = await t.http
      .post('/api/v1/users')
      .set(admin)
      .send({ email: `core${n}@example.com`, name: `Core ${n}`, password: 'Passw0rd!', ...extra })
      .expect(201);
    return res.body;
  };

  it('serves health, the OpenAPI JSON and JSON 404s with request ids', async () => {
    expect((await t.http.get('/api/v1/health').expect(200)).body).toEqual({ status: 'ok', database: 'up' });
    const docs = await t.http.get('/docs-json').expect(200);
    expect(docs.body.paths['/api/v1/users']).toBeDefined();
    const missing = await t.http.get('/api/v1/no-such-thing').set(admin).set('X-Request-Id', 'trace-123').expect(404);
    expect(missing.headers['x-request-id']).toBe('trace-123');
    expect(missing.body).toMatchObject({ status: 404, requestId: 'trace-123' });
  });

  it('400 names each wrong field and rejects unknown fields', async () => {
    const res = await t.http
      .post('/api/v1/users')
      .set(admin)
      .send({ email: 'not-an-email', name: 'A', password: 'short', phone: '12', extra: true })
      .expect(400);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
    const fields = res.body.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['email', 'password', 'phone', 'extra']));
    expect(res.body.errors.find((e: { field: string }) => e.field === 'extra').message).toBe('unknown field');
    const badJson = await t.http.post('/api/v1/users').set(admin).set('content-type', 'application/json').send('{"email":').expect(400);
    expect(badJson.body.status).toBe(400);
    expect(JSON.stringify(badJson.body)).not.toMatch(/at .*\.js/);
    const badId = await t.http.get('/api/v1/users/not-a-uuid').set(admin).expect(400);
    expect(badId.body.status).toBe(400);
  });

  it('normalizes phones to E.164 and emails to lower case', async () => {
    const u = await newUser({ email: 'Mixed.Case@Example.COM', phone: '138 1234 5678' });
    expect(u.email).toBe('mixed.case@example.com');
    expect(u.phone).toBe('+8613812345678');
  });

  it('409 on a unique clash, with the field', async () => {
    const u = await newUser();
    const res = await t.http.post('/api/v1/users').set(admin).send({ email: u.email.toUpperCase(), name: 'Dup', password: 'Passw0rd!' }).expect(409);
    expect(res.body.errors).toEqual([{ field: 'email', code: 'USER_EMAIL_TAKEN', message: 'Another user already has this email.' }]);
    const dept = await t.http.post('/api/v1/departments').set(admin).send({ name: '研发部' }).expect(201);
    const clash = await t.http.post('/api/v1/departments').set(admin).send({ name: '研发部' }).expect(409);
    expect(clash.body.errors[0].field).toBe('name');
    expect(dept.body.name).toBe('研发部');
  });

  it('412 on a stale version via If-Match or body version; ETag carries the version', async () => {
    const u = await newUser();
    const got = await t.http.get(`/api/v1/users/${u.id}`).set(admin).expect(200);
    expect(got.headers.etag).toMatch(/^W\/"1-[\w-]+"$/);
    const ok = await t.http.patch(`/api/v1/users/${u.id}`).set(admin).set('If-Match', got.headers.etag).send({ name: 'Renamed' }).expect(200);
    // a conditional GET of a changed record is never a stale 304
    const fresh = await t.http.get(`/api/v1/users/${u.id}`).set(admin).set('If-None-Match', got.headers.etag).expect(200);
    expect(fresh.body.name).toBe('Renamed');
    expect(ok.body.version).toBe(2);
    const stale = await t.http.patch(`/api/v1/users/${u.id}`).set(admin).set('If-Match', '"1"').send({ name: 'Again' }).expect(412);
    expect(stale.body).toMatchObject({ status: 412, code: 'STALE_VERSION', currentVersion: 2 });
    await t.http.patch(`/api/v1/users/${u.id}`).set(admin).send({ name: 'Again', version: 1 }).expect(412);
    await t.http.delete(`/api/v1/users/${u.id}`).set(admin).set('If-Match', '1').expect(412);
    const still = await t.http.get(`/api/v1/users/${u.id}`).set(admin).expect(200);
    expect(still.body.name).toBe('Renamed');
  });

  it('replays a POST with the same Idempotency-Key and refuses the key with another body', async () => {
    const body = { email: 'idem@example.com', name: 'Idem', password: 'Passw0rd!' };
    const first = await t.http.post('/api/v1/users').set(admin).set('Idempotency-Key', 'key-1').send(body).expect(201);
    const again = await t.http.post('/api/v1/users').set(admin).set('Idempotency-Key', 'key-1').send(body).expect(201);
    expect(again.body).toEqual(JSON.parse(JSON.stringify(first.body)));
    expect(again.headers['idempotent-replayed']).toBe('true');
    const other = await t.http.post('/api/v1/users').set(admin).set('Idempotency-Key', 'key-1').send({ ...body, name: 'Other' }).expect(422);
    expect(other.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    const list = await t.http.get('/api/v1/users?q=idem@example.com').set(admin).expect(200);
    expect(list.body.total).toBe(1);
    // a failed first attempt stores nothing: the same key can be retried after fixing the input
    await t.http.post('/api/v1/departments').set(admin).set('Idempotency-Key', 'key-2').send({ name: '' }).expect(400);
    await t.http.post('/api/v1/departments').set(admin).set('Idempotency-Key', 'key-2').send({ name: '' }).expect(400);
  });

  it('soft-deletes and restores (restore needs the restore permission)', async () => {
    const u = await newUser();
    await t.http.delete(`/api/v1/users/${u.id}`).set(admin).expect(204);
    await t.http.get(`/api/v1/users/${u.id}`).set(admin).expect(404);
    const list = await t.http.get(`/api/v1/users?q=${u.email}`).set(admin).expect(200);
    expect(list.body.total).toBe(0);
    const restored = await t.http.post(`/api/v1/users/${u.id}/restore`).set(admin).expect(200);
    expect(restored.body.id).toBe(u.id);
    await t.http.get(`/api/v1/users/${u.id}`).set(admin).expect(200);
  });

  it('writes audit entries with old and new values in the same transaction', async () => {
    const u = await newUser({ name: '张三' });
    await t.http.patch(`/api/v1/users/${u.id}`).set(admin).send({ name: '张三丰', phone: '13900001111' }).expect(200);
    await t.http.delete(`/api/v1/users/${u.id}`).set(admin).expect(204);
    const res = await t.http.get(`/api/v1/audit-logs?entityType=user&entityId=${u.id}`).set(admin).expect(200);
    expect(res.body.data.map((a: { action: string }) => a.action)).toEqual(['delete', 'update', 'create']);
    const update = plainAudit(res.body.data as { actorName: string | null; changes: { field: string; old: unknown; new: unknown }[] }[])[1];
    expect(update.changes).toEqual(
      expect.arrayContaining([
        { field: 'name', old: '张三', new: '张三丰' },
        { field: 'phone', old: null, new: '+8613900001111' },
      ]),
    );
    expect(update.actorName).toBe('Administrator');
    expect(JSON.stringify(res.body)).not.toMatch(/passwordHash|argon2/);
    // a failed update leaves neither a change nor an audit entry
    await t.http.post(`/api/v1/users/${u.id}/restore`).set(admin).expect(200);
    await t.http.patch(`/api/v1/users/${u.id}`).set(admin).send({ departmentId: '00000000-0000-4000-8000-000000000000', name: 'Nope' }).expect(400);
    const after = await t.http.get(`/api/v1/audit-logs?entityId=${u.id}`).set(admin).expect(200);
    expect(after.body.data.map((a: { action: string }) => a.action)).toEqual(['restore', 'delete', 'update', 'create']);
    expect((await t.http.get(`/api/v1/users/${u.id}`).set(admin)).body.name).toBe('张三丰');
  });

  it('pages with keyset cursors in any supported sort, without gaps or repeats', async () => {
    const dept = (await t.http.post('/api/v1/departments').set(admin).send({ name: 'Paging' }).expect(201)).body.id;
    const names = ['delta', 'alpha', 'echo', 'charlie', 'bravo', 'golf', 'foxtrot'];
    for (const name of names) await newUser({ name, departmentId: dept });
    for (const sort of ['name', '-name', '-createdAt', 'email,-createdAt']) {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const q: string = `/api/v1/users?departmentId=${dept}&limit=3&sort=${sort}${cursor ? `&cursor=${cursor}` : ''}`;
        const res = await t.http.get(q).set(admin).expect(200);
        expect(res.body.total).toBe(7);
        seen.push(...res.body.data.map((u: { name: string }) => u.name));
        cursor = res.body.nextCursor;
        pages += 1;
      } while (cursor);
      expect(pages).toBe(3);
      expect(new Set(seen).size).toBe(7);
      if (sort === 'name') expect(seen).toEqual([...names].sort());
      if (sort === '-name') expect(seen).toEqual([...names].sort().reverse());
    }
    const badSort = await t.http.get('/api/v1/users?sort=passwordHash').set(admin).expect(400);
    expect(badSort.body.errors[0].field).toBe('sort');
    const badCursor = await t.http.get('/api/v1/users?cursor=garbage').set(admin).expect(400);
    expect(badCursor.body.errors[0].field).toBe('cursor');
    await t.http.get('/api/v1/users?limit=201').set(admin).expect(400);
    await t.http.get('/api/v1/users?limit=0').set(admin).expect(400);
    const filtered = await t.http.get(`/api/v1/users?departmentId=${dept}&q=ALPHA`).set(admin).expect(200);
    expect(filtered.body.data.map((u: { name: string }) => u.name)).toEqual(['alpha']);
    const range = await t.http.get(`/api/v1/users?departmentId=${dept}&createdAtFrom=2999-01-01T00:00:00Z`).set(admin).expect(200);
    expect(range.body.total).toBe(0);
  });

  it('sets security headers and rejects oversized bodies with 413', async () => {
    const res = await t.http.get('/api/v1/health');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-powered-by']).toBeUndefined();
    const big = await t.http.post('/api/v1/departments').set(admin).set('X-Request-Id', 'big-1').send({ name: 'x'.repeat(2 * 1024 * 1024) }).expect(413);
    expect(big.body).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', requestId: 'big-1' });
    expect(big.headers['x-request-id']).toBe('big-1');
    expect(big.headers['x-content-type-options']).toBe('nosniff');
  });

  it('refuses bad bodies with problem+json and the request id: malformed, too deep, wrong media type', async () => {
    const post = (id: string) => t.http.post('/api/v1/departments').set(admin).set('X-Request-Id', id);
    const malformed = await post('bad-json').set('Content-Type', 'application/json').send('{"name":').expect(400);
    expect(malformed.body).toMatchObject({ code: 'MALFORMED_JSON', requestId: 'bad-json' });

    // thousands of levels used to overflow class-transformer's stack (a 500 RangeError)
    const deep = `{"name":${'['.repeat(5000)}${']'.repeat(5000)}}`;
    const tooDeep = await post('deep-1').set('Content-Type', 'application/json').send(deep).expect(400);
    expect(tooDeep.headers['content-type']).toMatch(/problem\+json/);
    expect(tooDeep.body).toMatchObject({ code: 'JSON_TOO_DEEP', requestId: 'deep-1' });
    const deepPatch = await t.http.patch(`/api/v1/users/${(await newUser()).id}`).set(admin).set('Content-Type', 'application/json').send(`{"name":"x","extra":${'{"a":'.repeat(3000)}1${'}'.repeat(3000)}}`).expect(400);
    expect(deepPatch.body.code).toBe('JSON_TOO_DEEP');
    // a bracket inside a string is no nesting
    await post('shallow').send({ name: `[[[[{{{{${'['.repeat(40)}` }).expect(201);

    const text = await post('text-1').set('Content-Type', 'text/plain').send('{"name":"Sales"}').expect(415);
    expect(text.body).toMatchObject({ status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', requestId: 'text-1' });
    await post('binary').set('Content-Type', 'application/octet-stream').send(Buffer.from('{"name":"x"}')).expect(415);
    const form = await post('multi').field('name', 'Sales').expect(415);
    expect(form.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    // a JSON media type with a suffix is read as JSON; a POST without a body needs no type
    expect((await post('merge').set('Content-Type', 'application/merge-patch+json').send('{"name":"Suffix dept"}').expect(201)).body.name).toBe('Suffix dept');
    expect((await post('empty').expect(400)).body.code).toBe('VALIDATION_FAILED');
  });

  it('answers API responses with Cache-Control: no-store, errors and ETag-carrying records included', async () => {
    const u = await newUser();
    const one = await t.http.get(`/api/v1/users/${u.id}`).set(admin).expect(200);
    expect(one.headers['cache-control']).toBe('no-store');
    expect(one.headers.etag).toMatch(/^W\/"1-/);
    expect((await t.http.get('/api/v1/users').set(admin).expect(200)).headers['cache-control']).toBe('no-store');
    expect((await t.http.get('/api/v1/users/not-a-uuid').set(admin).expect(400)).headers['cache-control']).toBe('no-store');
  });
});
