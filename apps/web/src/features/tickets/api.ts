import { api, unwrap } from '@/api/client';
import type { Body, ListQuery, Ok } from '@/api/types';

export type TicketSummary = Ok<'/api/v1/tickets', 'get'>['data'][number];
export type Ticket = Ok<'/api/v1/tickets/{id}', 'get'>;
export type TicketComment = Ok<'/api/v1/tickets/{id}/comments', 'get'>['data'][number];
export type CreateTicketBody = Body<'/api/v1/tickets', 'post'>;
export type TicketTeam = Ok<'/api/v1/ticket-teams', 'get'>['data'][number];
export type TeamBody = Body<'/api/v1/ticket-teams', 'post'>;
export type SlaPolicy = Ok<'/api/v1/sla-policies', 'get'>['data'][number];
export type PolicyBody = Body<'/api/v1/sla-policies', 'post'>;
export type ReturnVisit = Ok<'/api/v1/return-visits', 'get'>['data'][number];
export type VisitBody = Body<'/api/v1/return-visits', 'post'>;
export type ServiceRecord = Ok<'/api/v1/service-records', 'get'>['data'][number];
export type ServiceRecordBody = Body<'/api/v1/service-records', 'post'>;
export type Survey = Ok<'/api/v1/public/surveys/{token}', 'get'>;
export type TicketQueue = 'mine' | 'team' | 'unassigned' | 'breaching' | 'breached';

const byId = (id: string) => ({ params: { path: { id } } });
type Q = Record<string, unknown>;

export const ticketsApi = {
  list: (query: ListQuery & Q) => unwrap(api.GET('/api/v1/tickets', { params: { query: query as never } })),
  get: (id: string) => unwrap(api.GET('/api/v1/tickets/{id}', byId(id))),
  create: (body: CreateTicketBody) => unwrap(api.POST('/api/v1/tickets', { body })),
  update: (id: string, body: Body<'/api/v1/tickets/{id}', 'patch'>) => unwrap(api.PATCH('/api/v1/tickets/{id}', { ...byId(id), body })),
  setStatus: (id: string, status: string) => unwrap(api.POST('/api/v1/tickets/{id}/status', { ...byId(id), body: { status } as never })),
  assign: (id: string, assigneeId: string) => unwrap(api.POST('/api/v1/tickets/{id}/assign', { ...byId(id), body: { assigneeId } })),
  comments: async (id: string) => (await unwrap(api.GET('/api/v1/tickets/{id}/comments', byId(id)))).data,
  comment: (id: string, body: string, visibility: 'public' | 'internal') => unwrap(api.POST('/api/v1/tickets/{id}/comments', { ...byId(id), body: { body, visibility } })),
};

export const teamsApi = {
  list: async () => (await unwrap(api.GET('/api/v1/ticket-teams'))).data,
  create: (body: TeamBody) => unwrap(api.POST('/api/v1/ticket-teams', { body })),
  update: (id: string, body: Partial<TeamBody>) => unwrap(api.PATCH('/api/v1/ticket-teams/{id}', { ...byId(id), body })),
  remove: (id: string) => unwrap(api.DELETE('/api/v1/ticket-teams/{id}', byId(id))),
};

export const policiesApi = {
  list: async () => (await unwrap(api.GET('/api/v1/sla-policies'))).data,
  create: (body: PolicyBody) => unwrap(api.POST('/api/v1/sla-policies', { body })),
  update: (id: string, body: Partial<PolicyBody>) => unwrap(api.PATCH('/api/v1/sla-policies/{id}', { ...byId(id), body })),
  remove: (id: string) => unwrap(api.DELETE('/api/v1/sla-policies/{id}', byId(id))),
};

export const visitsApi = {
  list: (query: ListQuery & Q) => unwrap(api.GET('/api/v1/return-visits', { params: { query: query as never } })),
  create: (body: VisitBody) => unwrap(api.POST('/api/v1/return-visits', { body })),
  update: (id: string, body: Partial<VisitBody>) => unwrap(api.PATCH('/api/v1/return-visits/{id}', { ...byId(id), body })),
};

export const serviceRecordsApi = {
  list: (query: ListQuery & Q) => unwrap(api.GET('/api/v1/service-records', { params: { query: query as never } })),
  create: (body: ServiceRecordBody) => unwrap(api.POST('/api/v1/service-records', { body })),
};

export const surveyApi = {
  get: (token: string) => unwrap(api.GET('/api/v1/public/surveys/{token}', { params: { path: { token } } })),
  answer: (token: string, rating: number, comment?: string) =>
    unwrap(api.POST('/api/v1/public/surveys/{token}', { params: { path: { token } }, body: { rating, comment } })),
};
