import { createHash, randomBytes } from 'node:crypto';
import { apiPath, read, Scenario, ScenarioContext } from './types';

type FeedPage = { data: unknown[]; nextCursor: string; hasMore: boolean };

/** The cursor `pages` pages of `limit` into the role's feed (an integrator catching up on a long history). */
async function feedCursor(ctx: ScenarioContext, pages: number, limit: number): Promise<string | null> {
  let after: string | undefined;
  for (let i = 0; i < pages; i++) {
    const p = await ctx.api<FeedPage>(apiPath('/events', { limit, after }));
    if (!p.hasMore) return null;
    after = p.nextCursor;
  }
  return after ?? null;
}

/**
 * An API key bound to the role's own role and acting as its user, written straight into the bench database (a
 * rep may not create keys through the API), with a rate limit no load reaches. The secret is new each run.
 */
async function keyHeaders(ctx: ScenarioContext): Promise<Record<string, string>> {
  const secret = `ky_live_bench${randomBytes(24).toString('base64url')}`;
  await ctx.db.query(
    `INSERT INTO api_keys (name, prefix, secret_hash, user_id, role_id, rate_limit_per_minute)
     SELECT 'bench ' || $1, $2, $3, ur.user_id, ur.role_id, 100000 FROM user_roles ur WHERE ur.user_id = $4 LIMIT 1`,
    [ctx.role, secret.slice(0, 14), createHash('sha256').update(secret, 'utf8').digest('hex'), ctx.userId],
  );
  return { authorization: `Bearer ${secret}` };
}

/**
 * Issue 17: the change feed (`/api/v1/events`) for a reader of every record (admin) and of its own records (the
 * heavy rep: each call scans up to 5,000 events and keeps those of its records), first page and deep in the
 * history; and list requests authenticated by an API key (one key lookup, rate-limit window and last-use stamp per
 * request) beside the same list with a session token.
 */
export const integrationScenarios: Scenario[] = [
  read('events: change feed, first page of 100', async () => [{ path: apiPath('/events', { limit: 100 }) }], ['admin', 'rep']),
  read(
    'events: change feed, 20 pages deep',
    async (ctx) => {
      const after = await feedCursor(ctx, 20, 100);
      return after ? [{ path: apiPath('/events', { limit: 100, after }) }] : 'the feed ends before 20 pages in this scope';
    },
    ['admin', 'rep'],
  ),
  read('events: change feed, lead.updated only', async () => [{ path: apiPath('/events', { limit: 100, types: 'lead.updated' }) }], ['admin', 'rep']),
  read('api key: leads, -createdAt, first page', async (ctx) => [{ path: apiPath('/leads', { sort: '-createdAt', limit: 50 }), headers: await keyHeaders(ctx) }]),
  read('api key: accounts, sorted by name, first page', async (ctx) => [{ path: apiPath('/accounts', { sort: 'name', limit: 50 }), headers: await keyHeaders(ctx) }]),
  // the same list with the role's session token, measured in the same run for comparison
  read('session token: leads, -createdAt, first page', async () => [{ path: apiPath('/leads', { sort: '-createdAt', limit: 50 }) }]),
];
