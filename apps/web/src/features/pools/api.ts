import { api, ApiError, type ListPage, unwrap } from '@/api/client';
import type { Body, ListQuery, Ok } from '@/api/types';

export type Pool = Ok<'/api/v1/pools/{id}', 'get'>;
export type CreatePoolBody = Body<'/api/v1/pools', 'post'>;
export type UpdatePoolBody = Body<'/api/v1/pools/{id}', 'patch'>;

const byId = (id: string) => ({ params: { path: { id } } });

export const poolsApi = {
  list: (query: ListQuery) =>
    unwrap(api.GET('/api/v1/pools', { params: { query: query as never } })) as Promise<ListPage<Pool>>,
  /** Every pool the user can see (there are few). */
  async all(): Promise<Pool[]> {
    const page = await unwrap(api.GET('/api/v1/pools', { params: { query: { limit: 200, sort: 'name' } } }));
    return page.data;
  },
  get: (id: string) => unwrap(api.GET('/api/v1/pools/{id}', byId(id))),
  create: (body: CreatePoolBody) => unwrap(api.POST('/api/v1/pools', { body })),
  update: (id: string, body: UpdatePoolBody) => unwrap(api.PATCH('/api/v1/pools/{id}', { ...byId(id), body })),
  remove: (id: string) => unwrap(api.DELETE('/api/v1/pools/{id}', byId(id))),
};

/** What a 409 POOL_CLAIM_LIMIT says: how many records the user holds and may hold. */
export function claimLimitOf(error: unknown): { held: number; limit: number } | null {
  if (!(error instanceof ApiError) || error.status !== 409) return null;
  const p = error.problem as { code?: string; held?: unknown; limit?: unknown };
  if (p.code !== 'POOL_CLAIM_LIMIT') return null;
  return { held: Number(p.held ?? 0), limit: Number(p.limit ?? 0) };
}

