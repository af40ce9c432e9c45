import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { session } from '@/api/client';
import { REFRESH_TOKEN_KEY } from '@/api/session';
import { useAuthStore } from '@/stores/auth';
import { adminMe, json, mockNetwork, problem } from '@/test/http';

const tokens = { accessToken: 'A1', refreshToken: 'R1', expiresIn: 900, tokenType: 'Bearer' };

describe('auth store', () => {
  beforeEach(() => {
    setActivePinia(createPinia());
    session.clear();
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    session.clear();
  });

  it('logs in, keeps the tokens and loads who the user is and what they may do', async () => {
    const net = mockNetwork((req) => {
      const path = new URL(req.url).pathname;
      if (path === '/api/v1/auth/login') return json(tokens);
      if (path === '/api/v1/auth/me') return json(adminMe);
      return problem(404, 'Not Found');
    });
    const auth = useAuthStore();
    await auth.login('admin@keyuan.local', 'Admin123!');
    expect(JSON.parse(net.requests[0].body)).toEqual({ email: 'admin@keyuan.local', password: 'Admin123!' });
    expect(net.requests[1].auth).toBe('Bearer A1');
    expect(auth.isAuthenticated).toBe(true);
    expect(auth.user?.name).toBe('Admin');
    expect(session.accessToken).toBe('A1');
    expect(localStorage.getItem(REFRESH_TOKEN_KEY)).toBe('R1');
    expect(auth.can('users', 'create')).toBe(true);
    expect(auth.can('roles', 'delete')).toBe(false);
    expect(auth.can('leads', 'read')).toBe(false);
    expect(auth.scopeOf('users')).toBe('all');
    expect(auth.hasSpecial('restore')).toBe(true);
  });

  it('surfaces the server error of a failed login and stays signed out', async () => {
    mockNetwork(() => problem(401, 'Unauthorized', { detail: 'Account locked for 15 minutes' }));
    const auth = useAuthStore();
    await expect(auth.login('x@y.z', 'bad')).rejects.toMatchObject({ status: 401, message: 'Account locked for 15 minutes' });
    expect(auth.isAuthenticated).toBe(false);
    expect(session.refreshToken).toBeNull();
  });

  it('restores the session after a reload from the refresh token alone', async () => {
    localStorage.setItem(REFRESH_TOKEN_KEY, 'R1');
    mockNetwork((req) => {
      const path = new URL(req.url).pathname;
      if (path === '/api/v1/auth/refresh') return json({ ...tokens, accessToken: 'A2', refreshToken: 'R2' });
      if (path === '/api/v1/auth/me') {
        return req.headers.get('Authorization') === 'Bearer A2' ? json(adminMe) : problem(401, 'Unauthorized');
      }
      return problem(404, 'Not Found');
    });
    const auth = useAuthStore();
    expect(await auth.restore()).toBe(true);
    expect(auth.user?.email).toBe('admin@keyuan.local');
  });

  it('restore() answers false at once without any token', async () => {
    const net = mockNetwork(() => problem(500, 'no'));
    expect(await useAuthStore().restore()).toBe(false);
    expect(net.requests).toHaveLength(0);
  });

  it('logs out: revokes the refresh token on the server and forgets everything', async () => {
    const net = mockNetwork((req) => {
      const path = new URL(req.url).pathname;
      if (path === '/api/v1/auth/login') return json(tokens);
      if (path === '/api/v1/auth/me') return json(adminMe);
      return new Response(null, { status: 204 });
    });
    const auth = useAuthStore();
    await auth.login('admin@keyuan.local', 'Admin123!');
    await auth.logout();
    const logout = net.requests.find((r) => r.path === '/api/v1/auth/logout');
    expect(JSON.parse(logout!.body)).toEqual({ refreshToken: 'R1' });
    expect(auth.isAuthenticated).toBe(false);
    expect(session.accessToken).toBeNull();
    expect(localStorage.getItem(REFRESH_TOKEN_KEY)).toBeNull();
  });

  it('logs out locally even when the server cannot be reached', async () => {
    localStorage.setItem(REFRESH_TOKEN_KEY, 'R1');
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('offline'))));
    const auth = useAuthStore();
    await auth.logout();
    expect(session.refreshToken).toBeNull();
  });
});
