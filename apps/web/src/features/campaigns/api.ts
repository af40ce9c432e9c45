import { api, type ListPage, unwrap } from '@/api/client';
import type { Body, ListQuery, Ok } from '@/api/types';

export type Campaign = Ok<'/api/v1/campaigns', 'get'>['data'][number];
export type CampaignDetail = Ok<'/api/v1/campaigns/{id}', 'get'>;
export type CampaignStats = CampaignDetail['stats'];
export type CampaignSegment = Ok<'/api/v1/campaigns/{id}/segment', 'get'>;
export type CreateCampaignBody = Body<'/api/v1/campaigns', 'post'>;
export type UpdateCampaignBody = Body<'/api/v1/campaigns/{id}', 'patch'>;

const byId = (id: string) => ({ params: { path: { id } } });

export const campaignsApi = {
  list: (query: ListQuery) => unwrap(api.GET('/api/v1/campaigns', { params: { query: query as never } })) as Promise<ListPage<Campaign>>,
  get: (id: string) => unwrap(api.GET('/api/v1/campaigns/{id}', byId(id))),
  segment: (id: string, limit = 10, cursor?: string) =>
    unwrap(api.GET('/api/v1/campaigns/{id}/segment', { params: { path: { id }, query: { limit, cursor } } })),
  create: (body: CreateCampaignBody) => unwrap(api.POST('/api/v1/campaigns', { body })),
  update: (id: string, body: UpdateCampaignBody) => unwrap(api.PATCH('/api/v1/campaigns/{id}', { ...byId(id), body })),
  remove: (id: string) => unwrap(api.DELETE('/api/v1/campaigns/{id}', byId(id))),
};
