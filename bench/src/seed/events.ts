import type { Pool } from 'pg';
import { CopyWriter } from './copy';
import type { CustomerIds } from './customers';
import { SEED_NOW } from './customers';
import { Rng } from './random';

const STATUS_MOVES = [['new', 'contacted'], ['contacted', 'qualified'], ['qualified', 'unqualified']];

/**
 * The change feed's outbox (issue 17) through COPY: `count` committed, dispatched events in one transaction (one
 * `xid`, positions by `seq`, as a feed reader sees a long history), 70 % on leads, 15 % on accounts, 15 % on
 * contacts, about 40 % created and 60 % updated (a status move with its old and new value), on records drawn
 * uniformly, so the heavy rep owns ~5 % of them: an own-scope reader keeps about one event in twenty of each scan.
 * The events are stamped as dispatched (the API's dispatcher leaves them alone). The seed gives the bench's sales
 * roles `integrations: read`, so every bench role may poll the feed and use API keys on its own role.
 */
export async function seedEvents(pool: Pool, ids: CustomerIds, count: number, seed: number, existing: string[], log: (m: string) => void): Promise<string[]> {
  if (!existing.includes('outbox_events')) return ['events: the outbox table does not exist yet'];
  const r = new Rng(seed + 17);
  const c = await pool.connect();
  try {
    const t0 = Date.now();
    await c.query('BEGIN');
    await c.query('TRUNCATE outbox_events, api_keys CASCADE');
    await c.query(
      `UPDATE roles SET permissions = permissions || '[{"module":"integrations","actions":["read"],"scope":"all"}]'::jsonb
        WHERE key IN ('sales_rep', 'sales_manager') AND NOT permissions @> '[{"module":"integrations"}]'::jsonb`,
    );
    const w = new CopyWriter(c, 'outbox_events', ['id', 'name', 'entity_type', 'entity_id', 'depth', 'payload', 'created_at', 'dispatched_at'], { freeze: true });
    const span = 30 * 24 * 3600_000;
    for (let i = 0; i < count; i++) {
      const u = r.next();
      const [type, id] = u < 0.7 ? ['lead', r.pick(ids.leads).id] : u < 0.85 ? ['account', r.pick(ids.accounts).id] : ['contact', r.pick(ids.contacts).id];
      const created = r.next() < 0.4;
      const move = r.pick(STATUS_MOVES);
      const payload = created ? { action: 'create', changes: [] } : { action: 'update', changes: [{ field: 'status', old: move[0], new: move[1] }] };
      // oldest first, a month of history
      const at = new Date(SEED_NOW - span + Math.floor((i / count) * span)).toISOString();
      const p = w.write([r.uuid(), created ? 'record.created' : 'record.updated', type, id, 0, JSON.stringify(payload), at, at]);
      if (p) await p;
    }
    await w.end();
    await c.query('COMMIT');
    log(`events: ${count.toLocaleString()} outbox events in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    return [];
  } catch (e) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    c.release();
  }
}
