import { api, type ListPage, unwrap } from '@/api/client';
import type { Body, ListQuery, Ok } from '@/api/types';
import { dayRanges } from '@/lib/dates';

export type Contact = Ok<'/api/v1/contacts/{id}', 'get'>;
export type CreateContactBody = Body<'/api/v1/contacts', 'post'>;
export type UpdateContactBody = Body<'/api/v1/contacts/{id}', 'patch'>;
/**
 * The reveal answers `{ id, mobile, workPhone, email }`; the OpenAPI document currently names it
 * like the lead's reveal (`{ phone, email }`), so it is typed here by hand.
 */
export interface RevealedContact {
  id?: string;
  mobile: string | null;
  workPhone: string | null;
  email: string | null;
}

const byId = (id: string) => ({ params: { path: { id } } });
const listQuery = (query: ListQuery) => dayRanges(query) as never;

export const contactsApi = {
  list: (query: ListQuery) =>
    unwrap(api.GET('/api/v1/contacts', { params: { query: listQuery(query) } })) as Promise<ListPage<Contact>>,
  get: (id: string) => unwrap(api.GET('/api/v1/contacts/{id}', byId(id))),
  create: (body: CreateContactBody, allowDuplicate = false) =>
    unwrap(api.POST('/api/v1/contacts', { body, params: { query: (allowDuplicate ? { allowDuplicate } : {}) as never } })),
  update: (id: string, body: UpdateContactBody, allowDuplicate = false) =>
    unwrap(api.PATCH('/api/v1/contacts/{id}', { body, params: { path: { id }, query: (allowDuplicate ? { allowDuplicate } : {}) as never } })),
  remove: (id: string) => unwrap(api.DELETE('/api/v1/contacts/{id}', byId(id))),
  merge: (id: string, duplicateIds: string[]) =>
    unwrap(api.POST('/api/v1/contacts/{id}/merge', { ...byId(id), body: { duplicateIds } })),
  reveal: (id: string) => unwrap(api.POST('/api/v1/contacts/{id}/reveal', byId(id))) as unknown as Promise<RevealedContact>,
  async find(q: string, accountId?: string): Promise<{ id: string; label: string }[]> {
    const page = await unwrap(api.GET('/api/v1/contacts', { params: { query: { q: q || undefined, accountId, limit: 20 } as never } }));
    return page.data.map((c) => ({ id: c.id, label: c.accountName ? `${c.name} · ${c.accountName}` : c.name }));
  },
};
