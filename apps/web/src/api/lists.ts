import type { FilterGroup } from '@keyuan/shared';
import { api, unwrap } from './client';
import type { Body, Ok } from './types';

export type SavedView = Ok<'/api/v1/saved-views/{id}', 'get'>;
export type SavedViewBody = Body<'/api/v1/saved-views', 'post'>;
export type SavedViewPatch = Body<'/api/v1/saved-views/{id}', 'patch'>;
export type BulkBody = Body<'/api/v1/leads/bulk', 'post'>;
export type BulkResult = Ok<'/api/v1/leads/bulk', 'post'>['results'][number];
export type BulkAction = BulkBody['action'];

/** What a saved view restores (the API's SavedViewStateDto, with the shared filter model). */
export interface ViewState {
  filter?: FilterGroup;
  params?: Record<string, unknown>;
  q?: string;
}

const byId = (id: string) => ({ params: { path: { id } } });

/** Saved views of the lists (per user and list; shared ones are read-only for others). */
export const savedViewsApi = {
  list: (listKey: string) => unwrap(api.GET('/api/v1/saved-views', { params: { query: { listKey: listKey as never } } })),
  get: (id: string) => unwrap(api.GET('/api/v1/saved-views/{id}', byId(id))),
  create: (body: SavedViewBody) => unwrap(api.POST('/api/v1/saved-views', { body })),
  update: (id: string, body: SavedViewPatch) => unwrap(api.PATCH('/api/v1/saved-views/{id}', { ...byId(id), body })),
  remove: (id: string) => unwrap(api.DELETE('/api/v1/saved-views/{id}', byId(id))),
  setDefault: (id: string) => unwrap(api.POST('/api/v1/saved-views/{id}/default', byId(id))),
  clearDefault: (id: string) => unwrap(api.DELETE('/api/v1/saved-views/{id}/default', byId(id))),
};

/** `POST /api/v1/<resource>/bulk`: one action on many records, one result per record. */
export const bulkApi = {
  run: (resource: string, body: BulkBody) => unwrap(api.POST(`/api/v1/${resource}/bulk` as '/api/v1/leads/bulk', { body })),
};
