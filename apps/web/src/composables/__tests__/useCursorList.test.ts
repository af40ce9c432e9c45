import { describe, expect, it } from 'vitest';
import { useCursorList } from '../useCursorList';

describe('useCursorList', () => {
  it('loads the first page, appends the next on loadMore, and refreshes as many rows as are shown', async () => {
    const all = Array.from({ length: 5 }, (_, i) => `r${i}`);
    const calls: { limit: number; cursor?: string }[] = [];
    const fetch = async (q: { limit: number; cursor?: string }) => {
      calls.push(q);
      const start = q.cursor ? Number(q.cursor) : 0;
      const data = all.slice(start, start + q.limit);
      return { data, nextCursor: start + q.limit < all.length ? String(start + q.limit) : null };
    };
    const list = useCursorList(fetch, 2);
    await list.reload();
    expect(list.rows.value).toEqual(['r0', 'r1']);
    await list.loadMore();
    await list.loadMore();
    expect(list.rows.value).toEqual(all);
    expect(list.nextCursor.value).toBeNull();
    await list.loadMore();
    expect(calls).toHaveLength(3);
    await list.refresh();
    expect(calls[3]).toEqual({ limit: 5 });
    expect(list.rows.value).toEqual(all);
  });
});
