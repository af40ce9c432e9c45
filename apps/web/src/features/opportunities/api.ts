import { api, type ListPage, unwrap } from '@/api/client';
import type { Body, ListQuery, Ok } from '@/api/types';

export type Opportunity = Ok<'/api/v1/opportunities', 'get'>['data'][number];
export type OpportunitySummary = Ok<'/api/v1/opportunities/summary', 'get'>;
export type CurrencyTotal = OpportunitySummary['totals'][number];
export type BaseCurrencyTotal = OpportunitySummary['base'];
export type MissingRate = OpportunitySummary['missingRates'][number];
export type OpportunityLines = Ok<'/api/v1/opportunities/{id}/lines', 'get'>;
export type OpportunityLine = OpportunityLines['lines'][number];
export type ReplaceLinesBody = Body<'/api/v1/opportunities/{id}/lines', 'put'>;
export type StageMove = Ok<'/api/v1/opportunities/{id}/stage-history', 'get'>['data'][number];
export type Pipeline = Ok<'/api/v1/pipelines', 'get'>['data'][number];
export type Stage = Pipeline['stages'][number];
export type CreateOpportunityBody = Body<'/api/v1/opportunities', 'post'>;
export type UpdateOpportunityBody = Body<'/api/v1/opportunities/{id}', 'patch'>;
export type CreateStageBody = Body<'/api/v1/pipelines/{id}/stages', 'post'>;
export type UpdateStageBody = Body<'/api/v1/pipelines/{id}/stages/{stageId}', 'patch'>;
export type TimelinePage = Ok<'/api/v1/opportunities/{id}/timeline', 'get'>;

const byId = (id: string) => ({ params: { path: { id } } });

export const opportunitiesApi = {
  list: (query: ListQuery) => unwrap(api.GET('/api/v1/opportunities', { params: { query: query as never } })) as Promise<ListPage<Opportunity>>,
  summary: (query: ListQuery) => unwrap(api.GET('/api/v1/opportunities/summary', { params: { query: query as never } })),
  get: (id: string) => unwrap(api.GET('/api/v1/opportunities/{id}', byId(id))),
  create: (body: CreateOpportunityBody) => unwrap(api.POST('/api/v1/opportunities', { body })),
  update: (id: string, body: UpdateOpportunityBody) => unwrap(api.PATCH('/api/v1/opportunities/{id}', { ...byId(id), body })),
  move: (id: string, stageId: string, version: number, lostReason?: string) =>
    unwrap(api.POST('/api/v1/opportunities/{id}/move', { ...byId(id), body: { stageId, version, ...(lostReason ? { lostReason } : {}) } })),
  history: (id: string) => unwrap(api.GET('/api/v1/opportunities/{id}/stage-history', byId(id))),
  timeline: (id: string, cursor?: string, limit = 20) =>
    unwrap(api.GET('/api/v1/opportunities/{id}/timeline', { params: { path: { id }, query: { limit, cursor } } })),
  remove: (id: string) => unwrap(api.DELETE('/api/v1/opportunities/{id}', byId(id))),
  lines: (id: string) => unwrap(api.GET('/api/v1/opportunities/{id}/lines', byId(id))),
  replaceLines: (id: string, body: ReplaceLinesBody) => unwrap(api.PUT('/api/v1/opportunities/{id}/lines', { ...byId(id), body })),
};

export const pipelinesApi = {
  list: async () => (await unwrap(api.GET('/api/v1/pipelines'))).data,
  create: (body: Body<'/api/v1/pipelines', 'post'>) => unwrap(api.POST('/api/v1/pipelines', { body })),
  update: (id: string, body: Body<'/api/v1/pipelines/{id}', 'patch'>) => unwrap(api.PATCH('/api/v1/pipelines/{id}', { ...byId(id), body })),
  remove: (id: string) => unwrap(api.DELETE('/api/v1/pipelines/{id}', byId(id))),
  addStage: (id: string, body: CreateStageBody) => unwrap(api.POST('/api/v1/pipelines/{id}/stages', { ...byId(id), body })),
  updateStage: (id: string, stageId: string, body: UpdateStageBody) =>
    unwrap(api.PATCH('/api/v1/pipelines/{id}/stages/{stageId}', { params: { path: { id, stageId } }, body })),
  removeStage: (id: string, stageId: string) => unwrap(api.DELETE('/api/v1/pipelines/{id}/stages/{stageId}', { params: { path: { id, stageId } } })),
  reorder: (id: string, stageIds: string[]) => unwrap(api.PUT('/api/v1/pipelines/{id}/stages/order', { ...byId(id), body: { stageIds } })),
};
