import type { DomainEvents } from './domain-events';

type MergeEvent = 'lead.merged' | 'account.merged' | 'contact.merged';

/**
 * Keeps a module's references pointing at the surviving record when records merge: on `event`, the
 * module's own `table.column` moves from the merged-away ids to the survivor, in the merge's transaction.
 * Each module calls it for its own tables (it never writes another module's).
 */
export function followMerges(events: DomainEvents, table: string, follows: Partial<Record<MergeEvent, string>>): void {
  for (const [event, column] of Object.entries(follows) as [MergeEvent, string][]) {
    events.on(event, async (m, e) => {
      await m.query(`UPDATE ${table} SET ${column} = $1 WHERE ${column} = ANY($2)`, [e.intoId, e.fromIds]);
    });
  }
}
