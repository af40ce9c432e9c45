import { vi } from 'vitest';

export type Handler = (request: Request) => Response | Promise<Response>;

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });
}

export function problem(status: number, title: string, extra: Record<string, unknown> = {}): Response {
  return new Response(JSON.stringify({ type: 'about:blank', title, status, ...extra }), {
    status,
    headers: { 'Content-Type': 'application/problem+json' },
  });
}

/**
 * Replaces the network (globalThis.fetch) with a handler; every request is recorded
 * (with its body read as text) so tests can assert on what went over the wire.
 */
export function mockNetwork(handler: Handler) {
  const requests: { method: string; path: string; url: URL; auth: string | null; body: string }[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request && !init ? input : new Request(input, init);
    const url = new URL(request.url);
    const body = request.method === 'GET' || request.method === 'HEAD' ? '' : await request.clone().text();
    requests.push({ method: request.method, path: url.pathname, url, auth: request.headers.get('Authorization'), body });
    return handler(request);
  });
  vi.stubGlobal('fetch', fetchMock);
  return { requests, fetchMock };
}

export const adminMe = {
  user: {
    id: '00000000-0000-4000-8000-000000000001',
    email: 'admin@keyuan.local',
    name: 'Admin',
    phone: null,
    departmentId: null,
    roleIds: ['r-admin'],
    active: true,
    locale: null,
    lastLoginAt: null,
    version: 1,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
  },
  roles: [{ id: 'r-admin', key: 'admin', name: 'Administrator' }],
  permissions: [
    { module: 'users', actions: ['read', 'create', 'update', 'delete', 'export'], scope: 'all' },
    { module: 'roles', actions: ['read', 'update'], scope: 'all' },
  ],
  specialPermissions: ['restore'],
};
