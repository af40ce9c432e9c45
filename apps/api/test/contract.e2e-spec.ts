import { startApp, TestApp } from './helpers/test-app';
import { bearer } from './helpers/fixtures';
import { checkResponse } from './helpers/contract';
import { sdkTypeErrors, SdkSample } from './helpers/sdk-typecheck';

const iso = (ms: number) => new Date(ms).toISOString();

describe('the OpenAPI contract checker', () => {
  const base = { method: 'GET', contentType: 'application/json; charset=utf-8', text: '{}' };

  it('flags an undocumented status, an undeclared media type and a body off its schema, with a JSON pointer', () => {
    expect(checkResponse({ ...base, url: '/api/v1/auth/me', status: 418, body: {} })).toEqual([
      expect.stringMatching(/^GET \/api\/v1\/auth\/me → 418 .*status 418 is not documented/),
    ]);
    expect(
      checkResponse({ ...base, url: '/api/v1/health', status: 200, contentType: 'text/html', body: {} }),
    ).toEqual([expect.stringMatching(/media type text\/html is not documented/)]);
    const leads = { data: [{ id: 'not-a-uuid' }], nextCursor: null, total: 1.5, totalIsEstimate: false };
    const found = checkResponse({ ...base, url: '/api/v1/leads?limit=5', status: 200, body: leads });
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/body\/total must be integer/),
        expect.stringMatching(/body\/data\/0\/id must match format "uuid"/),
      ]),
    );
    const problem = { type: 'x', title: 'Conflict', status: 409, detail: 'd', code: 'X', undeclared: 1 };
    expect(
      checkResponse({
        ...base,
        method: 'POST',
        url: '/api/v1/leads',
        status: 409,
        contentType: 'application/problem+json',
        body: problem,
      }),
    ).toEqual([expect.stringMatching(/must NOT have additional properties .*undeclared/)]);
  });

  it('passes what the document promises and ignores paths that are not operations', () => {
    expect(
      checkResponse({ ...base, url: '/api/v1/health', status: 200, body: { status: 'ok', database: 'up' } }),
    ).toEqual([]);
    expect(checkResponse({ ...base, url: '/api/v1/no-such-thing', status: 404, body: {} })).toEqual([]);
  });
});

describe('contract rules (e2e)', () => {
  let t: TestApp;
  let admin: Record<string, string>;
  beforeAll(async () => {
    t = await startApp();
    admin = bearer(await t.login());
  });
  afterAll(() => t.close());

  it('accepts only RFC 3339 date-times within years 1900–9999, and plain dates where the field is a date', async () => {
    const task = (
      await t.http
        .post('/api/v1/tasks')
        .set(admin)
        .send({ title: 'Call back', dueAt: iso(Date.now() + 86_400_000) })
        .expect(201)
    ).body;
    for (const remindAt of [
      '275760-09-13',
      '2026-12-01 10:00',
      '2026-12-01',
      '2026-02-30T10:00:00Z',
      '1899-12-31T23:59:59Z',
      '2026-12-01T10:00:00',
      1764547200000,
    ]) {
      const res = await t.http.patch(`/api/v1/tasks/${task.id}`).set(admin).send({ remindAt }).expect(400);
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'remindAt' })]);
    }
    const ok = await t.http
      .patch(`/api/v1/tasks/${task.id}`)
      .set(admin)
      .send({ remindAt: '2026-12-01T10:00:00+08:00' })
      .expect(200);
    expect(ok.body.remindAt).toBe('2026-12-01T02:00:00.000Z');
    await t.http.get('/api/v1/tasks?dueAtFrom=+275760-09-13T00:00:00.000Z').set(admin).expect(400);
    await t.http.get('/api/v1/tasks?dueAtFrom=2026-01-01T00:00:00Z').set(admin).expect(200);
    const account = (await t.http.post('/api/v1/accounts').set(admin).send({ name: 'Dates Ltd' }).expect(201))
      .body;
    const contact = (body: Record<string, unknown>) =>
      t.http
        .post('/api/v1/contacts')
        .set(admin)
        .send({ name: 'Born', accountId: account.id, ...body });
    for (const birthday of ['1988-02-30', '1899-12-31', '1988-06-15T00:00:00Z', '10000-01-01']) {
      expect((await contact({ birthday }).expect(400)).body.errors).toEqual([
        expect.objectContaining({ field: 'birthday' }),
      ]);
    }
    expect((await contact({ birthday: '1988-06-15' }).expect(201)).body.birthday).toBe('1988-06-15');
  });

  it('answers 400 to unknown query parameters, with or without a query DTO', async () => {
    const lead = (
      await t.http.post('/api/v1/leads').set(admin).send({ name: 'Query', phone: '13900001111' }).expect(201)
    ).body;
    const convert = await t.http
      .post(`/api/v1/leads/${lead.id}/convert?allowDuplicate=true&force=true`)
      .set(admin)
      .send({})
      .expect(400);
    expect(convert.body).toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [{ field: 'force', code: 'unknown_field', message: 'unknown field' }],
    });
    await t.http.get('/api/v1/auth/me?verbose=1').set(admin).expect(400);
    const listed = await t.http.get('/api/v1/leads?limt=5').set(admin).expect(400);
    expect(listed.body.errors).toEqual([{ field: 'limt', code: 'unknown_field', message: 'unknown field' }]);
    await t.http.get(`/api/v1/leads/${lead.id}`).set(admin).expect(200);
    await t.http.get('/api/v1/users/not-a-uuid').set(admin).expect(400);
  });

  it('the generated SDK types accept real responses: audit changes, timelines, problems with their extensions', async () => {
    const samples: SdkSample[] = [];
    const keep = (
      path: string,
      method: string,
      status: number,
      res: { body: unknown; headers: Record<string, string> },
    ) =>
      samples.push({
        path,
        method,
        status,
        mediaType: res.headers['content-type'].split(';')[0],
        body: res.body,
      });
    const lead = await t.http
      .post('/api/v1/leads')
      .set(admin)
      .send({ name: 'SDK', phone: '13900002222', email: 'sdk@example.com' })
      .expect(201);
    keep('/api/v1/leads', 'post', 201, lead);
    const updated = await t.http
      .patch(`/api/v1/leads/${lead.body.id}`)
      .set(admin)
      .send({ company: 'Acme', title: 'CTO' })
      .expect(200);
    keep('/api/v1/leads/{id}', 'patch', 200, updated);
    const got = await t.http.get(`/api/v1/leads/${lead.body.id}`).set(admin).expect(200);
    keep('/api/v1/leads/{id}', 'get', 200, got);
    await t.http
      .get(`/api/v1/leads/${lead.body.id}`)
      .set(admin)
      .set('If-None-Match', got.headers.etag)
      .expect(304);
    keep('/api/v1/leads', 'get', 200, await t.http.get('/api/v1/leads?limit=5').set(admin).expect(200));
    const audit = await t.http.get(`/api/v1/audit-logs?entityId=${lead.body.id}`).set(admin).expect(200);
    expect(
      audit.body.data.flatMap((e: { changes: { new: unknown }[] }) => e.changes.map((c) => typeof c.new)),
    ).toContain('string');
    keep('/api/v1/audit-logs', 'get', 200, audit);
    keep(
      '/api/v1/leads/{id}/timeline',
      'get',
      200,
      await t.http.get(`/api/v1/leads/${lead.body.id}/timeline`).set(admin).expect(200),
    );
    keep('/api/v1/auth/me', 'get', 200, await t.http.get('/api/v1/auth/me').set(admin).expect(200));
    const dup = await t.http
      .post('/api/v1/leads')
      .set(admin)
      .send({ name: 'SDK 2', phone: '13900002222' })
      .expect(409);
    expect(dup.body.matches).toHaveLength(1);
    keep('/api/v1/leads', 'post', 409, dup);
    const stale = await t.http
      .patch(`/api/v1/leads/${lead.body.id}`)
      .set(admin)
      .set('If-Match', '1')
      .send({ name: 'Late' })
      .expect(412);
    expect(stale.body.currentVersion).toBe(2);
    keep('/api/v1/leads/{id}', 'patch', 412, stale);
    keep('/api/v1/leads/{id}', 'get', 400, await t.http.get('/api/v1/leads/nope').set(admin).expect(400));
    // one compiler run: the real bodies pass, and the same check fails on bodies the types do not promise
    const n = samples.length;
    const wrongType = { ...samples[0], body: { ...lead.body, score: 'high' } };
    const undeclared = { ...samples[0], body: { ...lead.body, surprise: true } };
    expect(sdkTypeErrors([...samples, wrongType, undeclared])).toEqual([
      expect.stringMatching(new RegExp(`^#${n} POST /api/v1/leads → 201: .*'string'.*'number'`)),
      expect.stringMatching(new RegExp(`^#${n + 1} POST /api/v1/leads → 201: .*surprise.*does not exist`)),
    ]);
  }, 120_000);
});
