import type { FilterGroup } from '@keyuan/shared';
import type { LocationQuery, LocationQueryRaw } from 'vue-router';

/**
 * What a list keeps in its URL so that a reload or a shared link shows the same rows: the search, the
 * sort, the simple filters (one query parameter each, as the API names them), the advanced filter
 * (base64url JSON in `filter`, the form the API also accepts) and the saved view it came from.
 */
export interface ListUrlState {
  q: string;
  sort: string | null;
  filters: Record<string, unknown>;
  filter: FilterGroup | null;
  view: string | null;
}

const RESERVED = new Set(['q', 'sort', 'filter', 'view']);

const toBase64Url = (text: string) => {
  const bytes = new TextEncoder().encode(text);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
};

const fromBase64Url = (s: string) => {
  const bin = atob(s.replace(/-/g, '+').replace(/_/g, '/'));
  return new TextDecoder().decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
};

/** The advanced filter as the `filter` parameter (base64url of its JSON: short, no escaping in URLs). */
export function encodeFilter(group: FilterGroup | null | undefined): string | undefined {
  return group && group.conditions.length ? toBase64Url(JSON.stringify(group)) : undefined;
}

/** A `filter` parameter back to a FilterGroup; anything unreadable is dropped, never thrown. */
export function decodeFilter(raw: unknown): FilterGroup | null {
  if (typeof raw !== 'string' || !raw) return null;
  try {
    const parsed = JSON.parse(raw.startsWith('{') ? raw : fromBase64Url(raw)) as FilterGroup;
    if ((parsed.match === 'all' || parsed.match === 'any') && Array.isArray(parsed.conditions)) return parsed;
  } catch {
    // a hand-edited or truncated link: show the list unfiltered
  }
  return null;
}

/** A query value back to what the filter bar holds: booleans, numbers of `<key>From/To` ranges, lists. */
function decodeValue(key: string, raw: string): unknown {
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  if (/(From|To)$/.test(key) && /^-?\d+(\.\d+)?$/.test(raw)) return Number(raw);
  return raw;
}

export function stateFromQuery(query: LocationQuery): ListUrlState {
  const one = (v: unknown) => (Array.isArray(v) ? v[0] : v);
  const filters: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(query)) {
    if (RESERVED.has(key) || value === null || value === undefined) continue;
    if (Array.isArray(value)) filters[key] = value.filter((v): v is string => typeof v === 'string').map((v) => decodeValue(key, v));
    else filters[key] = decodeValue(key, value);
  }
  const q = one(query.q);
  const sort = one(query.sort);
  const view = one(query.view);
  return {
    q: typeof q === 'string' ? q : '',
    sort: typeof sort === 'string' && sort ? sort : null,
    filters,
    filter: decodeFilter(one(query.filter)),
    view: typeof view === 'string' && view ? view : null,
  };
}

/** The state as route query; empty values and the default sort stay out of the URL. */
export function queryFromState(state: ListUrlState, defaultSort?: string): LocationQueryRaw {
  const out: LocationQueryRaw = {};
  for (const [key, value] of Object.entries(state.filters)) {
    if (RESERVED.has(key) || value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) {
      if (value.length) out[key] = value.map(String);
    } else out[key] = String(value);
  }
  if (state.q.trim()) out.q = state.q.trim();
  if (state.sort && state.sort !== defaultSort) out.sort = state.sort;
  const filter = encodeFilter(state.filter);
  if (filter) out.filter = filter;
  if (state.view) out.view = state.view;
  return out;
}

/** Whether two route queries hold the same list state (so writing one back is not a navigation). */
export function sameQuery(a: LocationQueryRaw, b: LocationQueryRaw): boolean {
  const norm = (q: LocationQueryRaw) =>
    JSON.stringify(
      Object.keys(q)
        .filter((k) => q[k] !== undefined)
        .sort()
        .map((k) => [k, q[k]]),
    );
  return norm(a) === norm(b);
}
