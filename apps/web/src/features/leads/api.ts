import { api, type ListPage, unwrap } from '@/api/client';
import type { Body, ListQuery, Ok } from '@/api/types';
import { dayRanges } from '@/lib/dates';

export type Lead = Ok<'/api/v1/leads/{id}', 'get'>;
export type LeadStatus = Lead['status'];
export type LeadSource = Lead['source'];
export type CreateLeadBody = Body<'/api/v1/leads', 'post'>;
export type UpdateLeadBody = Body<'/api/v1/leads/{id}', 'patch'>;
export type DuplicateMatch = Ok<'/api/v1/leads/{id}/duplicates', 'get'>[number];
export type AssignmentRule = Ok<'/api/v1/lead-assignment-rules/{id}', 'get'>;
export type AssignmentRuleBody = Body<'/api/v1/lead-assignment-rules', 'post'>;
export type LeadForm = Ok<'/api/v1/lead-forms/{id}', 'get'>;
export type LeadFormWithKey = Ok<'/api/v1/lead-forms', 'post'>;
export type LeadFormBody = Body<'/api/v1/lead-forms', 'post'>;

export type LeadHome = Ok<'/api/v1/home/leads', 'get'>;
export type LeadBrief = LeadHome['overdue']['items'][number];

export type ConvertLeadBody = Body<'/api/v1/leads/{id}/convert', 'post'>;
export type ConvertLeadResult = Ok<'/api/v1/leads/{id}/convert', 'post'>;

const byId = (id: string) => ({ params: { path: { id } } });

/** A date-range filter's days (`2026-01-31`) include those whole days. */
const listQuery = (query: ListQuery) => dayRanges(query) as never;

export const leadsApi = {
  /** My day's lead cards and (for a wider scope) the team's figures. */
  home: (query: { staleDays?: number; returnWithinDays?: number } = {}) => unwrap(api.GET('/api/v1/home/leads', { params: { query } })),
  list: (query: ListQuery) =>
    unwrap(api.GET('/api/v1/leads', { params: { query: listQuery(query) } })) as Promise<ListPage<Lead>>,
  get: (id: string) => unwrap(api.GET('/api/v1/leads/{id}', byId(id))),
  create: (body: CreateLeadBody, allowDuplicate = false) =>
    unwrap(api.POST('/api/v1/leads', { body, params: { query: allowDuplicate ? { allowDuplicate } : {} } })),
  update: (id: string, body: UpdateLeadBody, allowDuplicate = false) =>
    unwrap(api.PATCH('/api/v1/leads/{id}', { body, params: { path: { id }, query: allowDuplicate ? { allowDuplicate } : {} } })),
  remove: (id: string) => unwrap(api.DELETE('/api/v1/leads/{id}', byId(id))),
  assign: (id: string, ownerId: string, reason?: string) =>
    unwrap(api.POST('/api/v1/leads/{id}/assign', { ...byId(id), body: { ownerId, reason } })),
  claim: (id: string) => unwrap(api.POST('/api/v1/leads/{id}/claim', byId(id))),
  release: (id: string, reason: string, poolId?: string) =>
    unwrap(api.POST('/api/v1/leads/{id}/release', { ...byId(id), body: { reason, poolId } })),
  duplicates: (id: string) => unwrap(api.GET('/api/v1/leads/{id}/duplicates', byId(id))),
  merge: (id: string, duplicateIds: string[]) =>
    unwrap(api.POST('/api/v1/leads/{id}/merge', { ...byId(id), body: { duplicateIds } })),
  reveal: (id: string) => unwrap(api.POST('/api/v1/leads/{id}/reveal', byId(id))),
  convert: (id: string, body: ConvertLeadBody, allowDuplicate = false) =>
    unwrap(api.POST('/api/v1/leads/{id}/convert', { params: { path: { id }, query: allowDuplicate ? { allowDuplicate: true } : {} }, body })),
  inPool: (poolId: string, query: ListQuery) =>
    unwrap(api.GET('/api/v1/pools/{id}/leads', { params: { path: { id: poolId }, query: listQuery(query) } })) as Promise<
      ListPage<Lead>
    >,
};

export const assignmentRulesApi = {
  list: (query: ListQuery) =>
    unwrap(api.GET('/api/v1/lead-assignment-rules', { params: { query: query as never } })) as Promise<ListPage<AssignmentRule>>,
  create: (body: AssignmentRuleBody) => unwrap(api.POST('/api/v1/lead-assignment-rules', { body })),
  update: (id: string, body: Body<'/api/v1/lead-assignment-rules/{id}', 'patch'>) =>
    unwrap(api.PATCH('/api/v1/lead-assignment-rules/{id}', { ...byId(id), body })),
  remove: (id: string) => unwrap(api.DELETE('/api/v1/lead-assignment-rules/{id}', byId(id))),
};

export const leadFormsApi = {
  list: (query: ListQuery) =>
    unwrap(api.GET('/api/v1/lead-forms', { params: { query: query as never } })) as Promise<ListPage<LeadForm>>,
  create: (body: LeadFormBody) => unwrap(api.POST('/api/v1/lead-forms', { body })),
  update: (id: string, body: Body<'/api/v1/lead-forms/{id}', 'patch'>) =>
    unwrap(api.PATCH('/api/v1/lead-forms/{id}', { ...byId(id), body })),
  remove: (id: string) => unwrap(api.DELETE('/api/v1/lead-forms/{id}', byId(id))),
  rotateKey: (id: string) => unwrap(api.POST('/api/v1/lead-forms/{id}/rotate-key', byId(id))),
};
