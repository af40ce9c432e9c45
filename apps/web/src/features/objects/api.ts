import { api, unwrap } from '@/api/client';
import type { Body, Ok } from '@/api/types';

export type CustomModule = Ok<'/api/v1/objects', 'get'>[number];
export type CreateModuleBody = Body<'/api/v1/objects', 'post'>;
export type ModuleField = CreateModuleBody extends { fields?: (infer F)[] } ? F : never;
export type ModuleRecord = Ok<'/api/v1/records/{object}/{id}', 'get'>;
export type ModuleRecordPage = Ok<'/api/v1/records/{object}', 'get'>;
export type RecordHistory = Ok<'/api/v1/records/{object}/{id}/history', 'get'>;

const obj = (object: string) => ({ params: { path: { object } } });
const rec = (object: string, id: string) => ({ params: { path: { object, id } } });
let modules: { at: number; list: Promise<CustomModule[]> } | null = null;

export const objectsApi = {
  list: () => unwrap(api.GET('/api/v1/objects')),
  /** Modules the user may read (the menu), cached for a minute; admin changes clear it. */
  menu(): Promise<CustomModule[]> {
    if (modules && Date.now() - modules.at < 60_000) return modules.list;
    modules = { at: Date.now(), list: objectsApi.list().catch(() => [] as CustomModule[]) };
    return modules.list;
  },
  forget: () => (modules = null),
  get: (object: string) => unwrap(api.GET('/api/v1/objects/{object}', obj(object))),
  create: (body: CreateModuleBody) => unwrap(api.POST('/api/v1/objects', { body })),
  remove: (object: string) => unwrap(api.DELETE('/api/v1/objects/{object}', obj(object))),
  addField: (object: string, body: ModuleField) => unwrap(api.POST('/api/v1/objects/{object}/fields', { ...obj(object), body })),
};

export const recordsApi = {
  /** `query` holds q, sort, cursor, limit and `custom.<key>` filters (sent as such). */
  list: (object: string, query: Record<string, string | number | undefined>) =>
    unwrap(api.GET('/api/v1/records/{object}', { params: { path: { object }, query: query as never } })),
  get: (object: string, id: string) => unwrap(api.GET('/api/v1/records/{object}/{id}', rec(object, id))),
  history: (object: string, id: string) => unwrap(api.GET('/api/v1/records/{object}/{id}/history', rec(object, id))),
  create: (object: string, body: Body<'/api/v1/records/{object}', 'post'>) => unwrap(api.POST('/api/v1/records/{object}', { ...obj(object), body })),
  update: (object: string, id: string, body: Body<'/api/v1/records/{object}/{id}', 'patch'>) =>
    unwrap(api.PATCH('/api/v1/records/{object}/{id}', { ...rec(object, id), body })),
  remove: (object: string, id: string) => unwrap(api.DELETE('/api/v1/records/{object}/{id}', rec(object, id))),
  exportUrl: (object: string, query: string) => `/api/v1/records/${encodeURIComponent(object)}/export${query ? `?${query}` : ''}`,
};
