import type { LocationQuery } from 'vue-router';
import { api, type ListPage, unwrap } from '@/api/client';
import type { ListQuery } from '@/api/types';
import { encodeFilter, type ListUrlState, stateFromQuery } from './listUrlState';
import { cleanQuery, type ListLoader } from './useRecordList';

/** How a route's record table loads its first page, so the router can ask for it before the page renders. */
export interface ListPrefetch {
  /** RecordTable's `resource`. */
  resource: string;
  /**
   * The list call (listFrom(path) for a plain `GET`): it must not wait for the page's chunk, or the
   * request would start after the page rendered, as the table's own does.
   */
  load: (query: ListQuery) => Promise<ListPage<unknown>>;
  defaultSort?: string;
  pageSize?: number;
  /** Whether this URL shows the table at all (a board view does not). */
  when?: (query: LocationQuery) => boolean;
}

/**
 * A plain `GET <path>?<query>` through the app's client. A feature's api.ts may shape some filters (day
 * ranges to times): URLs with a range filter are not asked for early, so the query goes out as the table's.
 */
export const listFrom =
  (path: string) =>
  (query: ListQuery): Promise<ListPage<unknown>> =>
    unwrap(api.GET(path as never, { params: { query } } as never)) as Promise<ListPage<unknown>>;

/** The query of a record table's first page for its list state: the one RecordTable sends. */
export function firstPageQuery(state: Pick<ListUrlState, 'q' | 'sort' | 'filters' | 'filter'>, defaultSort: string, pageSize: number): ListQuery {
  return {
    ...cleanQuery(state.filters),
    ...cleanQuery({ q: state.q.trim(), sort: state.sort ?? defaultSort, filter: encodeFilter(state.filter) }),
    limit: pageSize,
  };
}

/** A first page asked for early is used only soon after (else the table asks again). */
const FRESH_MS = 10_000;
const warm = new Map<string, { at: number; page: Promise<ListPage<unknown>> }>();
const keyOf = (resource: string, query: ListQuery) =>
  `${resource}?${JSON.stringify(Object.entries(query).sort(([a], [b]) => a.localeCompare(b)))}`;

/**
 * Asks for a list page's first rows as soon as the navigation is allowed: on a cold load the request then
 * runs while the page's code is parsed and rendered, instead of after.
 */
export function prefetchFirstPage(spec: ListPrefetch, routeQuery: LocationQuery): void {
  if (spec.when && !spec.when(routeQuery)) return;
  const query = firstPageQuery(stateFromQuery(routeQuery), spec.defaultSort ?? '-createdAt', spec.pageSize ?? 50);
  if (Object.keys(query).some((key) => /(From|To)$/.test(key))) return;
  const page = spec.load(query);
  page.catch(() => undefined); // the table asks again and shows its own error
  warm.set(keyOf(spec.resource, query), { at: Date.now(), page });
}

/** The page asked for early with exactly this query, once (null: none, or too old). */
export function takePrefetched<T>(resource: string, query: ListQuery): Promise<ListPage<T>> | null {
  const key = keyOf(resource, query);
  const entry = warm.get(key);
  warm.delete(key);
  if (!entry || Date.now() - entry.at > FRESH_MS) return null;
  return entry.page as Promise<ListPage<T>>;
}

export type { ListLoader };
