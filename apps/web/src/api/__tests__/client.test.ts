import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError, api, apiFetch, refreshSession, session, setSessionExpiredHandler, unwrap } from '@/api/client';
import { REFRESH_TOKEN_KEY } from '@/api/session';
import { json, mockNetwork, problem } from '@/test/http';

const page = { data: [], nextCursor: null, total: 0 };

describe('api client: bearer token and one refresh on 401', () => {
  let expired: ReturnType<typeof vi.fn>;

  beforeEach(() => {
    session.clear();
    expired = vi.fn();
    setSessionExpiredHandler(expired as () => void);
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    session.clear();
  });

  it('sends the access token as a bearer header', async () => {
    session.setTokens({ accessToken: 'A1', refreshToken: 'R1' });
    const net = mockNetwork(() => json(page));
    await unwrap(api.GET('/api/v1/users'));
    expect(net.requests[0].auth).toBe('Bearer A1');
  });

  it('keeps the access token in memory and only the refresh token in localStorage', () => {
    session.setTokens({ accessToken: 'A1', refreshToken: 'R1' });
    expect(localStorage.getItem(REFRESH_TOKEN_KEY)).toBe('R1');
    expect(JSON.stringify({ ...localStorage })).not.toContain('A1');
  });

  it('refreshes once on a 401 and retries the request with the new token', async () => {
    session.setTokens({ accessToken: 'old', refreshToken: 'R1' });
    const net = mockNetwork(async (req) => {
      const path = new URL(req.url).pathname;
      if (path === '/api/v1/auth/refresh') {
        expect(await req.json()).toEqual({ refreshToken: 'R1' });
        return json({ accessToken: 'new', refreshToken: 'R2', expiresIn: 900, tokenType: 'Bearer' });
      }
      return req.headers.get('Authorization') === 'Bearer new' ? json(page) : problem(401, 'Unauthorized');
    });
    const result = await unwrap(api.GET('/api/v1/users'));
    expect(result).toEqual(page);
    expect(net.requests.map((r) => `${r.path} ${r.auth ?? ''}`)).toEqual([
      '/api/v1/users Bearer old',
      '/api/v1/auth/refresh ',
      '/api/v1/users Bearer new',
    ]);
    expect(session.accessToken).toBe('new');
    expect(localStorage.getItem(REFRESH_TOKEN_KEY)).toBe('R2');
    expect(expired).not.toHaveBeenCalled();
  });

  it('shares one refresh between concurrent 401s (the server rotates refresh tokens)', async () => {
    session.setTokens({ accessToken: 'old', refreshToken: 'R1' });
    const net = mockNetwork(async (req) => {
      if (new URL(req.url).pathname === '/api/v1/auth/refresh') {
        await new Promise((r) => setTimeout(r, 10));
        return json({ accessToken: 'new', refreshToken: 'R2', expiresIn: 900, tokenType: 'Bearer' });
      }
      return req.headers.get('Authorization') === 'Bearer new' ? json(page) : problem(401, 'Unauthorized');
    });
    await Promise.all([unwrap(api.GET('/api/v1/users')), unwrap(api.GET('/api/v1/roles')), unwrap(api.GET('/api/v1/departments'))]);
    expect(net.requests.filter((r) => r.path === '/api/v1/auth/refresh')).toHaveLength(1);
    expect(net.requests.filter((r) => r.auth === 'Bearer new')).toHaveLength(3);
  });

  it('replays the body of a POST after refreshing', async () => {
    session.setTokens({ accessToken: 'old', refreshToken: 'R1' });
    const net = mockNetwork((req) => {
      if (new URL(req.url).pathname === '/api/v1/auth/refresh') {
        return json({ accessToken: 'new', refreshToken: 'R2', expiresIn: 900, tokenType: 'Bearer' });
      }
      return req.headers.get('Authorization') === 'Bearer new' ? json({ id: 'd1' }, 201) : problem(401, 'Unauthorized');
    });
    await unwrap(api.POST('/api/v1/departments', { body: { name: '销售部' } }));
    const posts = net.requests.filter((r) => r.method === 'POST' && r.path === '/api/v1/departments');
    expect(posts).toHaveLength(2);
    expect(JSON.parse(posts[1].body)).toEqual({ name: '销售部' });
  });

  it('ends the session when the refresh is refused, without retrying', async () => {
    session.setTokens({ accessToken: 'old', refreshToken: 'R1' });
    const net = mockNetwork((req) =>
      new URL(req.url).pathname === '/api/v1/auth/refresh' ? problem(401, 'Refresh token revoked') : problem(401, 'Unauthorized'),
    );
    const error = await unwrap(api.GET('/api/v1/users')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(401);
    expect(net.requests).toHaveLength(2);
    expect(expired).toHaveBeenCalledTimes(1);
    expect(session.refreshToken).toBeNull();
    expect(session.accessToken).toBeNull();
  });

  it('does not refresh when the retried request is still 401, and reports the session over', async () => {
    session.setTokens({ accessToken: 'old', refreshToken: 'R1' });
    const net = mockNetwork((req) =>
      new URL(req.url).pathname === '/api/v1/auth/refresh'
        ? json({ accessToken: 'new', refreshToken: 'R2', expiresIn: 900, tokenType: 'Bearer' })
        : problem(401, 'Unauthorized'),
    );
    await expect(unwrap(api.GET('/api/v1/users'))).rejects.toBeInstanceOf(ApiError);
    expect(net.requests.filter((r) => r.path === '/api/v1/auth/refresh')).toHaveLength(1);
    expect(net.requests.filter((r) => r.path === '/api/v1/users')).toHaveLength(2);
    expect(expired).toHaveBeenCalledTimes(1);
  });

  it('treats a 401 from login as bad credentials, not as an expired session', async () => {
    session.setTokens({ accessToken: 'x', refreshToken: 'R1' });
    const net = mockNetwork(() => problem(401, 'Unauthorized', { detail: 'Wrong email or password' }));
    const error = (await unwrap(api.POST('/api/v1/auth/login', { body: { email: 'a@b.c', password: 'nope' } })).catch(
      (e: unknown) => e,
    )) as ApiError;
    expect(error.problem.detail).toBe('Wrong email or password');
    expect(net.requests).toHaveLength(1);
    expect(expired).not.toHaveBeenCalled();
  });

  it('with only a refresh token (after a reload) refreshes before the first call', async () => {
    localStorage.setItem(REFRESH_TOKEN_KEY, 'R1');
    const net = mockNetwork((req) => {
      if (new URL(req.url).pathname === '/api/v1/auth/refresh') {
        return json({ accessToken: 'fresh', refreshToken: 'R2', expiresIn: 900, tokenType: 'Bearer' });
      }
      return req.headers.get('Authorization') === 'Bearer fresh' ? json(page) : problem(401, 'Unauthorized');
    });
    await unwrap(api.GET('/api/v1/users'));
    expect(net.requests.map((r) => `${r.path} ${r.auth ?? ''}`)).toEqual(['/api/v1/auth/refresh ', '/api/v1/users Bearer fresh']);
    expect(session.accessToken).toBe('fresh');
  });

  it('keeps the refresh token when the refresh fails on the network', async () => {
    localStorage.setItem(REFRESH_TOKEN_KEY, 'R1');
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('fetch failed'))));
    expect(await refreshSession()).toBe(false);
    expect(session.refreshToken).toBe('R1');
  });

  it('parses problem+json into a typed error with field errors and Retry-After', async () => {
    session.setTokens({ accessToken: 'A', refreshToken: 'R' });
    mockNetwork(
      () =>
        new Response(
          JSON.stringify({ type: 'about:blank', title: 'Too Many Requests', status: 429, requestId: 'req-1', errors: [{ field: 'email', message: 'bad' }] }),
          { status: 429, headers: { 'Content-Type': 'application/problem+json', 'Retry-After': '30' } },
        ),
    );
    const error = (await unwrap(api.GET('/api/v1/users')).catch((e: unknown) => e)) as ApiError;
    expect(error.status).toBe(429);
    expect(error.retryAfter).toBe(30);
    expect(error.problem.requestId).toBe('req-1');
    expect(error.fieldErrors).toEqual([{ field: 'email', message: 'bad' }]);
  });

  it('turns an unreachable server into an ApiError with status 0', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('fetch failed'))));
    const error = (await unwrap(api.GET('/api/v1/health')).catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(0);
  });

  it('apiFetch goes through the same auth and throws problems', async () => {
    session.setTokens({ accessToken: 'A', refreshToken: 'R' });
    const net = mockNetwork(() => problem(404, 'Not Found'));
    await expect(apiFetch('/api/v1/users/export?format=csv')).rejects.toMatchObject({ status: 404 });
    expect(net.requests[0].auth).toBe('Bearer A');
  });
});
