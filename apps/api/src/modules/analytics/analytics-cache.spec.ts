import type { AuthUser } from '@core/auth/auth-user';
import type { AppConfig } from '@core/config/app-config';
import { AnalyticsCache } from './analytics-cache';

const user = (id: string, scope: 'all' | 'department' | 'own', departmentPath = '/east/'): AuthUser =>
  ({ id, email: `${id}@x`, name: id, departmentId: null, departmentPath, scopeDepartmentIds: [], roleKeys: [], grants: [{ module: 'analytics', actions: ['read'], scope }], special: [] }) as AuthUser;
const cache = (seconds: number) => new AnalyticsCache({ analyticsCacheSeconds: seconds, timezone: 'Asia/Shanghai' } as AppConfig);

describe('AnalyticsCache', () => {
  it('shares a report between readers of every record, and keeps department and own scopes per user', async () => {
    const c = cache(60);
    let runs = 0;
    const compute = async () => ++runs;
    expect(await c.get('funnel', user('a', 'all'), { from: '2026-01-01' }, compute)).toBe(1);
    expect(await c.get('funnel', user('b', 'all'), { from: '2026-01-01' }, compute)).toBe(1);
    expect(await c.get('funnel', user('m', 'department'), { from: '2026-01-01' }, compute)).toBe(2);
    expect(await c.get('funnel', user('n', 'department'), { from: '2026-01-01' }, compute)).toBe(3);
    expect(await c.get('funnel', user('r', 'own'), { from: '2026-01-01' }, compute)).toBe(4);
    // another report, other filters: their own entries; undefined filters and key order do not matter
    expect(await c.get('revenue', user('a', 'all'), { from: '2026-01-01' }, compute)).toBe(5);
    expect(await c.get('funnel', user('a', 'all'), { from: '2026-02-01' }, compute)).toBe(6);
    expect(await c.get('funnel', user('a', 'all'), { ownerId: undefined, from: '2026-01-01' }, compute)).toBe(1);
  });

  it('computes once for concurrent requests, again after the TTL or a clear, and never keeps a failure', async () => {
    const c = cache(60);
    let runs = 0;
    const compute = () => new Promise<number>((r) => setImmediate(() => r(++runs)));
    const admin = user('a', 'all');
    expect(await Promise.all([c.get('x', admin, {}, compute), c.get('x', admin, {}, compute)])).toEqual([1, 1]);
    c.clear();
    expect(await c.get('x', admin, {}, compute)).toBe(2);
    await expect(c.get('y', admin, {}, () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await c.get('y', admin, {}, compute)).toBe(3);
  });

  it('expires after ANALYTICS_CACHE_SECONDS and computes every time with 0', async () => {
    const c = cache(1);
    let runs = 0;
    const compute = async () => ++runs;
    const admin = user('a', 'all');
    const now = jest.spyOn(Date, 'now').mockReturnValue(1_000_000);
    expect(await c.get('x', admin, {}, compute)).toBe(1);
    now.mockReturnValue(1_000_999);
    expect(await c.get('x', admin, {}, compute)).toBe(1);
    now.mockReturnValue(1_001_000);
    expect(await c.get('x', admin, {}, compute)).toBe(2);
    now.mockRestore();
    const off = cache(0);
    expect(await off.get('x', admin, {}, compute)).toBe(3);
    expect(await off.get('x', admin, {}, compute)).toBe(4);
  });

  it('refreshes ahead: in the second half of the TTL it answers the kept report at once and computes the next one beside it', async () => {
    const c = cache(10);
    let runs = 0;
    let release: (() => void) | null = null;
    const slow = () => new Promise<number>((r) => (release = () => r(++runs)));
    const admin = user('a', 'all');
    const now = jest.spyOn(Date, 'now').mockReturnValue(2_000_000);
    const first = c.get('x', admin, {}, slow);
    release!();
    expect(await first).toBe(1);
    // first half: no refresh
    now.mockReturnValue(2_004_000);
    expect(await c.get('x', admin, {}, slow)).toBe(1);
    expect(runs).toBe(1);
    // second half: the kept answer at once, one refresh started (a second reader does not start another)
    now.mockReturnValue(2_006_000);
    release = null;
    expect(await c.get('x', admin, {}, slow)).toBe(1);
    expect(await c.get('x', admin, {}, slow)).toBe(1);
    expect(release).not.toBeNull();
    release!();
    await new Promise((r) => setImmediate(r));
    expect(await c.get('x', admin, {}, slow)).toBe(2);
    // the refreshed answer counts its TTL from when its computation started (6 s): kept until 16 s, not served after
    now.mockReturnValue(2_015_999);
    const kept = c.get('x', admin, {}, slow);
    expect(await kept).toBe(2);
    now.mockReturnValue(2_016_000);
    const waited = c.get('x', admin, {}, slow);
    release!();
    expect(await waited).toBe(3); // past the TTL the request waits for its own computation (the refresh begun at 15.999 s is still out)
    now.mockRestore();
  });
});
