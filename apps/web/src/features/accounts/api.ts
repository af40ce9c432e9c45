import { api, type ListPage, unwrap } from '@/api/client';
import type { Body, ListQuery, Ok } from '@/api/types';
import { dayRanges } from '@/lib/dates';

export type Account = Ok<'/api/v1/accounts', 'get'>['data'][number];
export type AccountDetail = Ok<'/api/v1/accounts/{id}', 'get'>;
export type CreateAccountBody = Body<'/api/v1/accounts', 'post'>;
export type UpdateAccountBody = Body<'/api/v1/accounts/{id}', 'patch'>;

const byId = (id: string) => ({ params: { path: { id } } });
const listQuery = (query: ListQuery) => dayRanges(query, ['createdAt', 'nextFollowUpAt']) as never;

export const accountsApi = {
  list: (query: ListQuery) =>
    unwrap(api.GET('/api/v1/accounts', { params: { query: listQuery(query) } })) as Promise<ListPage<Account>>,
  get: (id: string) => unwrap(api.GET('/api/v1/accounts/{id}', byId(id))),
  create: (body: CreateAccountBody, allowDuplicate = false) =>
    unwrap(api.POST('/api/v1/accounts', { body, params: { query: (allowDuplicate ? { allowDuplicate } : {}) as never } })),
  update: (id: string, body: UpdateAccountBody, allowDuplicate = false) =>
    unwrap(api.PATCH('/api/v1/accounts/{id}', { body, params: { path: { id }, query: (allowDuplicate ? { allowDuplicate } : {}) as never } })),
  remove: (id: string) => unwrap(api.DELETE('/api/v1/accounts/{id}', byId(id))),
  merge: (id: string, duplicateIds: string[]) =>
    unwrap(api.POST('/api/v1/accounts/{id}/merge', { ...byId(id), body: { duplicateIds } })),
  assign: (id: string, ownerId: string, reason?: string) =>
    unwrap(api.POST('/api/v1/accounts/{id}/assign', { ...byId(id), body: { ownerId, reason } })),
  claim: (id: string) => unwrap(api.POST('/api/v1/accounts/{id}/claim', byId(id))),
  release: (id: string, reason: string, poolId?: string) =>
    unwrap(api.POST('/api/v1/accounts/{id}/release', { ...byId(id), body: { reason, poolId } })),
  reveal: (id: string) => unwrap(api.POST('/api/v1/accounts/{id}/reveal', byId(id))),
  inPool: (poolId: string, query: ListQuery) =>
    unwrap(api.GET('/api/v1/pools/{id}/accounts', { params: { path: { id: poolId }, query: listQuery(query) } })) as Promise<
      ListPage<Account>
    >,
  /** Accounts whose name, phone or email matches, for pickers. */
  async find(q: string, limit = 20): Promise<{ id: string; label: string }[]> {
    const page = await unwrap(api.GET('/api/v1/accounts', { params: { query: { q: q || undefined, limit, sort: 'name' } as never } }));
    return page.data.map((a) => ({ id: a.id, label: a.city ? `${a.name} · ${a.city}` : a.name }));
  },
};
