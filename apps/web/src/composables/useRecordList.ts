import { ref, shallowRef } from 'vue';
import type { ListPage } from '@/api/client';
import type { ListQuery } from '@/api/types';

export type ListLoader<T> = (query: ListQuery) => Promise<ListPage<T>>;

/** Drops filters the user left empty so they are not sent as `?x=`. */
export function cleanQuery(query: Record<string, unknown>): ListQuery {
  const out: ListQuery = {};
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) {
      if (value.length) out[key] = value.join(',');
      continue;
    }
    out[key] = value as string | number | boolean;
  }
  return out;
}

/**
 * Cursor pagination state of a list: the first page on reload(), the next on loadMore().
 * An answer to an older request (the filter changed meanwhile) is dropped.
 */
export function useRecordList<T>(loader: () => ListLoader<T>, query: () => ListQuery) {
  const rows = shallowRef<T[]>([]);
  const total = ref(0);
  const nextCursor = ref<string | null>(null);
  const loading = ref(false);
  const loadingMore = ref(false);
  const error = shallowRef<unknown>(null);
  const loaded = ref(false);
  let seq = 0;

  async function reload(): Promise<void> {
    const id = ++seq;
    loading.value = true;
    error.value = null;
    try {
      const page = await loader()(query());
      if (id !== seq) return;
      rows.value = page.data;
      total.value = page.total;
      nextCursor.value = page.nextCursor;
      loaded.value = true;
    } catch (err) {
      if (id === seq) error.value = err;
    } finally {
      if (id === seq) loading.value = false;
    }
  }

  async function loadMore(): Promise<void> {
    if (!nextCursor.value || loadingMore.value) return;
    const id = seq;
    loadingMore.value = true;
    error.value = null;
    try {
      const page = await loader()({ ...query(), cursor: nextCursor.value });
      if (id !== seq) return;
      rows.value = [...rows.value, ...page.data];
      total.value = page.total;
      nextCursor.value = page.nextCursor;
    } catch (err) {
      if (id === seq) error.value = err;
    } finally {
      loadingMore.value = false;
    }
  }

  return { rows, total, nextCursor, loading, loadingMore, error, loaded, reload, loadMore };
}
