import { api, ApiError, unwrap } from '@/api/client';

export type CustomerKind = 'leads' | 'accounts' | 'contacts';

/** Loose shapes of the records /search answers; each provider maps its own. */
export interface SearchRecord {
  id: string;
  name: string;
  [field: string]: unknown;
}
/** A custom module's hits (`objects` of /search). */
export interface ModuleSearchGroup {
  object: string;
  pluralZh: string;
  pluralEn: string;
  data: SearchRecord[];
}
type SearchAnswer = Partial<Record<CustomerKind, SearchRecord[]>> & { objects?: ModuleSearchGroup[] };

const LIMIT = 5;
let unavailable = false;
let last: { q: string; answer: Promise<SearchAnswer | null> } | null = null;

/** One GET /api/v1/search for the three providers of the same term (null when the API has none). */
function globalSearch(q: string): Promise<SearchAnswer | null> {
  if (unavailable) return Promise.resolve(null);
  if (last?.q === q) return last.answer;
  const answer = unwrap(api.GET('/api/v1/search', { params: { query: { q, limit: LIMIT } } }))
    .then((found) => found as unknown as SearchAnswer)
    .catch((err) => {
      // An older server without the endpoint: ask each resource instead from now on.
      if (err instanceof ApiError && [404, 405, 501].includes(err.status)) {
        unavailable = true;
        return null;
      }
      throw err;
    });
  last = { q, answer };
  return answer;
}

/**
 * The `kind` records matching `q`: from the global search endpoint when the server has one (one
 * request for leads, accounts and contacts together), else from the resource's own `?q=` list.
 */
export async function searchCustomers<T extends SearchRecord>(q: string, kind: CustomerKind, fallback: () => Promise<T[]>): Promise<T[]> {
  const answer = await globalSearch(q).catch(() => null);
  if (answer && Array.isArray(answer[kind])) return (answer[kind] as T[]).slice(0, LIMIT);
  return fallback();
}

/** Custom modules' records matching `q` (each module the user reads, in their scope), from the same one request. */
export async function searchModules(q: string): Promise<ModuleSearchGroup[]> {
  const answer = await globalSearch(q).catch(() => null);
  return answer?.objects ?? [];
}

/** For tests. */
export function resetCustomerSearch(): void {
  unavailable = false;
  last = null;
}
