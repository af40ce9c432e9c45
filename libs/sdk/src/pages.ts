/** What list endpoints answer (`nextCursor`) and the change feed answers (`nextCursor` + `hasMore`). */
interface CursorPage<T> {
  data: T[];
  nextCursor: string | null;
  hasMore?: boolean;
}

/**
 * Every item of a cursor-paginated list, page after page:
 * `for await (const lead of iterate((cursor) => unwrap(client.GET('/api/v1/leads', { params: { query: { cursor } } })))) …`
 * Stops when `nextCursor` is null (lists) or `hasMore` is false (the change feed, whose cursor never ends:
 * keep the last one and poll again with it later, see `lastCursor`).
 */
export async function* iterate<T>(fetchPage: (cursor: string | undefined) => Promise<CursorPage<T>>, start?: string): AsyncGenerator<T, string | undefined> {
  let cursor = start;
  for (;;) {
    const page = await fetchPage(cursor);
    for (const item of page.data) yield item;
    const next = page.nextCursor ?? undefined;
    if (!next || page.hasMore === false || next === cursor) return next ?? cursor;
    cursor = next;
  }
}

/** Collects {@link iterate} into an array (small lists only). */
export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}
