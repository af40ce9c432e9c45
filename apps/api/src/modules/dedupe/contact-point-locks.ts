import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';

/**
 * First key of the two-key advisory locks that guard the contact-point index (the one-key form used
 * elsewhere, e.g. by the first start, lives in a separate key space).
 */
export const CONTACT_POINT_LOCK_SPACE = 0x4b59_0001;

/**
 * Normalized values hash into this many buckets, so an import batch of thousands of values takes at
 * most this many locks (PostgreSQL's lock table is shared by every session of the server), while two
 * unrelated creates rarely wait for each other.
 */
export const CONTACT_POINT_LOCK_BUCKETS = 256;

/** The sorted, distinct lock buckets of these normalized values (`phone:+86…`, `email:a@b.c`). */
export function lockBuckets(keys: Iterable<string>): number[] {
  const buckets = new Set<number>();
  for (const key of keys) buckets.add(createHash('sha1').update(key).digest().readUInt32BE(0) % CONTACT_POINT_LOCK_BUCKETS);
  return [...buckets].sort((a, b) => a - b);
}

/**
 * Takes the transaction-scoped advisory locks of these values in ascending bucket order (one statement),
 * so a duplicate check and the insert that follows it are atomic against every other writer of the same
 * value: a concurrent writer waits until this transaction ends and then sees its rows.
 */
export async function lockContactPoints(manager: EntityManager, keys: Iterable<string>): Promise<void> {
  const buckets = lockBuckets(keys);
  if (!buckets.length) return;
  // the sorted subquery feeds the aggregate in order, so the locks are taken in ascending order
  await manager.query(
    `SELECT count(pg_advisory_xact_lock($1, b)) FROM (SELECT b FROM unnest($2::int[]) AS t(b) ORDER BY b) s`,
    [CONTACT_POINT_LOCK_SPACE, buckets],
  );
}
