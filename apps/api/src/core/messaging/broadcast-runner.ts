/**
 * The loop of a broadcast on any channel: list recipients a page at a time (never all at once), write them as
 * queued or skipped, send what is queued in chunks, and between chunks ask whether to go on (canceled → stop;
 * outside allowed hours → hold until a time). The steps keep their state in the database, so a run that
 * stops (crash, hold, cancel) resumes from its saved cursor.
 */
export interface BroadcastSteps<Q> {
  /** Lists and writes the page after `cursor`; answers the next cursor (null: the audience is exhausted). */
  listPage(cursor: string | null): Promise<{ next: string | null }>;
  /** The next queued chunk (empty: nothing queued). */
  nextChunk(): Promise<Q[]>;
  sendChunk(chunk: Q[]): Promise<void>;
  /** Asked before every step: go on, stop, or hold until a time. */
  check(): Promise<'go' | 'stop' | Date>;
}

export type BroadcastOutcome = { outcome: 'completed' } | { outcome: 'stopped' } | { outcome: 'held'; until: Date };

export async function runBroadcast<Q>(steps: BroadcastSteps<Q>, state: { cursor: string | null; listingDone: boolean }): Promise<BroadcastOutcome> {
  let { cursor, listingDone } = state;
  for (;;) {
    const verdict = await steps.check();
    if (verdict === 'stop') return { outcome: 'stopped' };
    if (verdict instanceof Date) return { outcome: 'held', until: verdict };
    const chunk = await steps.nextChunk();
    if (chunk.length) {
      await steps.sendChunk(chunk);
      continue;
    }
    if (listingDone) return { outcome: 'completed' };
    const page = await steps.listPage(cursor);
    cursor = page.next;
    listingDone = page.next === null;
  }
}
