import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { session } from '@/api/client';
import type { EarlySession } from '@/api/early-session';
import { REFRESH_TOKEN_KEY } from '@/api/session';
import { useAuthStore } from '@/stores/auth';
import { adminMe, json, mockNetwork, problem } from '@/test/http';

const tokens = { accessToken: 'A2', refreshToken: 'R2', expiresIn: 900 };

/** What index.html's first script leaves for the app after a reload. */
function earlySession(answer: EarlySession | null) {
  window.__kyEarlySession = Promise.resolve(answer);
}

describe('session restore with the early refresh of index.html', () => {
  beforeEach(() => {
    setActivePinia(createPinia());
    session.clear();
    localStorage.setItem(REFRESH_TOKEN_KEY, 'R1');
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    window.__kyEarlySession = undefined;
    session.clear();
  });

  it('takes the early refresh and /auth/me: no request of its own, the access token set', async () => {
    localStorage.setItem(REFRESH_TOKEN_KEY, 'R2'); // the first script stored the rotated token
    earlySession({ status: 201, tokens, me: Promise.resolve(adminMe) });
    const net = mockNetwork(() => problem(500, 'unexpected'));
    const auth = useAuthStore();
    expect(await auth.restore()).toBe(true);
    expect(net.requests).toEqual([]);
    expect(auth.user?.name).toBe('Admin');
    expect(session.accessToken).toBe('A2');
    expect(window.__kyEarlySession).toBeUndefined();
  });

  it('asks /auth/me itself when the early one failed, with the early access token', async () => {
    earlySession({ status: 201, tokens, me: Promise.resolve(null) });
    const net = mockNetwork((req) => (new URL(req.url).pathname === '/api/v1/auth/me' ? json(adminMe) : problem(500, 'unexpected')));
    const auth = useAuthStore();
    expect(await auth.restore()).toBe(true);
    expect(net.requests.map((r) => `${r.path} ${r.auth}`)).toEqual(['/api/v1/auth/me Bearer A2']);
  });

  it('a refused early refresh ends the session without a second refresh (the token is spent)', async () => {
    earlySession({ status: 401, tokens: null, me: null });
    const net = mockNetwork(() => problem(401, 'Unauthorized'));
    const auth = useAuthStore();
    expect(await auth.restore()).toBe(false);
    expect(net.requests.filter((r) => r.path === '/api/v1/auth/refresh')).toEqual([]);
    expect(localStorage.getItem(REFRESH_TOKEN_KEY)).toBeNull();
    expect(auth.isAuthenticated).toBe(false);
  });

  it('without an early answer (network trouble) refreshes as before', async () => {
    earlySession(null);
    const net = mockNetwork((req) => {
      const path = new URL(req.url).pathname;
      if (path === '/api/v1/auth/refresh') return json(tokens);
      if (path === '/api/v1/auth/me') return json(adminMe);
      return problem(404, 'Not Found');
    });
    const auth = useAuthStore();
    expect(await auth.restore()).toBe(true);
    expect(net.requests.map((r) => r.path)).toEqual(['/api/v1/auth/refresh', '/api/v1/auth/me']);
    expect(localStorage.getItem(REFRESH_TOKEN_KEY)).toBe('R2');
  });
});
