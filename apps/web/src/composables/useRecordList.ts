import { inject, reactive, ref, shallowRef, watch } from 'vue';
import { routeLocationKey, routerKey } from 'vue-router';
import type { ListPage } from '@/api/client';
import type { ListQuery } from '@/api/types';
import { type ListUrlState, queryFromState, sameQuery, stateFromQuery } from './listUrlState';

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
export function useRecordList<T>(
  loader: () => ListLoader<T>,
  query: () => ListQuery,
  /** The first page if it was asked for already (see listPrefetch.ts); used for the first load only. */
  prefetched?: (query: ListQuery) => Promise<ListPage<T>> | null,
) {
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
      const q = query();
      const page = await ((id === 1 && prefetched?.(q)) || loader()(q));
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

/**
 * Keeps a list's state in the route query (see listUrlState.ts): read once on setup, written back with
 * `router.replace` on every change (no history entry per keystroke), and re-read when the query changes
 * from outside (back/forward, a shared link, a menu click that clears it). Without a router (unit tests,
 * or `enabled` false for a table inside a detail page) it is plain local state.
 */
export function useListUrlState(opts: { enabled: boolean; defaultSort: string }) {
  const route = opts.enabled ? inject(routeLocationKey, null) : null;
  const router = opts.enabled ? inject(routerKey, null) : null;
  const initial = route ? stateFromQuery(route.query) : { q: '', sort: null, filters: {}, filter: null, view: null };
  const state = reactive<ListUrlState>({ ...initial, filters: { ...initial.filters } }) as ListUrlState;
  /** Whether the URL held state when the page opened (a default view then does not replace it). */
  const fromUrl = !!route && Object.keys(queryFromState(initial, opts.defaultSort)).length > 0;

  if (route && router) {
    const name = route.name;
    watch(
      () => queryFromState(state, opts.defaultSort),
      (query) => {
        if (!sameQuery(query, route.query)) void router.replace({ query });
      },
      { deep: true },
    );
    watch(
      () => route.query,
      (query) => {
        // leaving the page changes the route too: that is not this list's state
        if (route.name !== name || sameQuery(query, queryFromState(state, opts.defaultSort))) return;
        Object.assign(state, stateFromQuery(query));
      },
    );
  }
  return { state, fromUrl };
}
