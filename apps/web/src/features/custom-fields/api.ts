import { api, unwrap } from '@/api/client';
import type { Body, Ok } from '@/api/types';

export type CustomField = Ok<'/api/v1/custom-fields', 'get'>[number];
export type CreateCustomFieldBody = Body<'/api/v1/custom-fields', 'post'>;
export type UpdateCustomFieldBody = Body<'/api/v1/custom-fields/{id}', 'patch'>;
export type CustomFieldKind = CreateCustomFieldBody['kind'];

const byId = (id: string) => ({ params: { path: { id } } });
const cache = new Map<string, { at: number; fields: Promise<CustomField[]> }>();

export const customFieldsApi = {
  list: (kind: CustomFieldKind, deleted = false) => unwrap(api.GET('/api/v1/custom-fields', { params: { query: { kind, ...(deleted ? { deleted: true } : {}) } } })),
  /** Live fields of a kind for forms, tables and detail pages (cached for a minute; admin changes clear it). */
  live(kind: CustomFieldKind): Promise<CustomField[]> {
    const hit = cache.get(kind);
    if (hit && Date.now() - hit.at < 60_000) return hit.fields;
    const fields = customFieldsApi.list(kind).catch(() => [] as CustomField[]);
    cache.set(kind, { at: Date.now(), fields });
    return fields;
  },
  forget: () => cache.clear(),
  create: (body: CreateCustomFieldBody) => unwrap(api.POST('/api/v1/custom-fields', { body })),
  update: (id: string, body: UpdateCustomFieldBody) => unwrap(api.PATCH('/api/v1/custom-fields/{id}', { ...byId(id), body })),
  remove: (id: string) => unwrap(api.DELETE('/api/v1/custom-fields/{id}', byId(id))),
  purge: (id: string) => unwrap(api.POST('/api/v1/custom-fields/{id}/purge', byId(id))),
};
