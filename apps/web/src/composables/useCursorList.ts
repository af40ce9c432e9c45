import { ref, shallowRef } from 'vue';

export interface CursorPage<T> {
  data: T[];
  nextCursor: string | null;
}

/**
 * A keyset-paged list with "load more": the first page on `reload`, the next one appended on `loadMore`
 * (the API's `nextCursor`), and `refresh` re-reading as many rows as are shown (capped at the API's 200)
 * so a periodic refresh keeps the pages the user already opened.
 */
export function useCursorList<T, P extends CursorPage<T> = CursorPage<T>>(fetch: (q: { limit: number; cursor?: string }) => Promise<P>, pageSize = 50) {
  const rows = shallowRef<T[]>([]);
  const nextCursor = ref<string | null>(null);
  const last = shallowRef<P | null>(null);
  const loading = ref(true);
  const loadingMore = ref(false);
  const error = shallowRef<unknown>(null);

  async function read(limit: number, quiet: boolean) {
    if (!quiet) loading.value = true;
    error.value = null;
    try {
      const page = await fetch({ limit });
      last.value = page;
      rows.value = page.data;
      nextCursor.value = page.nextCursor;
    } catch (e) {
      error.value = e;
    } finally {
      loading.value = false;
    }
  }

  const reload = () => read(pageSize, false);
  const refresh = () => read(Math.min(200, Math.max(pageSize, rows.value.length)), true);

  async function loadMore() {
    if (!nextCursor.value || loadingMore.value) return;
    loadingMore.value = true;
    try {
      const page = await fetch({ limit: pageSize, cursor: nextCursor.value });
      rows.value = [...rows.value, ...page.data];
      nextCursor.value = page.nextCursor;
    } catch (e) {
      error.value = e;
    } finally {
      loadingMore.value = false;
    }
  }

  return { rows, nextCursor, last, loading, loadingMore, error, reload, refresh, loadMore };
}
