import { api, type ListPage, unwrap } from '@/api/client';
import type { Body, ListQuery, Ok } from '@/api/types';

export type ApprovalSummary = Ok<'/api/v1/approvals', 'get'>['data'][number];
export type ApprovalDetail = Ok<'/api/v1/approvals/{id}', 'get'>;
export type ApprovalBox = 'pending' | 'done' | 'submitted';
export type ApprovalFlow = Ok<'/api/v1/approval-flows/{id}', 'get'>;
export type ApprovalFlowBody = Body<'/api/v1/approval-flows', 'post'>;
export type ApprovalKind = Ok<'/api/v1/approval-flows/kinds', 'get'>[number];
export type Delegation = Ok<'/api/v1/approvals/delegations', 'get'>['data'][number];
export type DirectoryUser = Ok<'/api/v1/users/directory', 'get'>[number];

const byId = (id: string) => ({ params: { path: { id } } });

export const approvalsApi = {
  list: (box: ApprovalBox, query: ListQuery) =>
    unwrap(api.GET('/api/v1/approvals', { params: { query: { ...query, box } as never } })) as Promise<ListPage<ApprovalSummary>>,
  counts: () => unwrap(api.GET('/api/v1/approvals/counts')),
  get: (id: string) => unwrap(api.GET('/api/v1/approvals/{id}', byId(id))),
  forRecord: async (kind: string, recordId: string) =>
    (await unwrap(api.GET('/api/v1/approvals/records/{kind}/{recordId}', { params: { path: { kind, recordId } } }))).approval,
  approve: (id: string, comment?: string) => unwrap(api.POST('/api/v1/approvals/{id}/approve', { ...byId(id), body: { comment } })),
  reject: (id: string, comment: string) => unwrap(api.POST('/api/v1/approvals/{id}/reject', { ...byId(id), body: { comment } })),
  transfer: (id: string, toUserId: string, comment?: string) =>
    unwrap(api.POST('/api/v1/approvals/{id}/transfer', { ...byId(id), body: { toUserId, comment } })),
  comment: (id: string, comment: string) => unwrap(api.POST('/api/v1/approvals/{id}/comments', { ...byId(id), body: { comment } })),
  delegations: async () => (await unwrap(api.GET('/api/v1/approvals/delegations'))).data,
  delegate: (delegateId: string, startsAt: string, endsAt: string) =>
    unwrap(api.POST('/api/v1/approvals/delegations', { body: { delegateId, startsAt, endsAt } })),
  endDelegation: (id: string) => unwrap(api.DELETE('/api/v1/approvals/delegations/{id}', byId(id))),
  directory: (q?: string) => unwrap(api.GET('/api/v1/users/directory', { params: { query: { q: q || undefined, limit: 20 } } })),
};

export const approvalFlowsApi = {
  list: (query: ListQuery) => unwrap(api.GET('/api/v1/approval-flows', { params: { query: query as never } })) as Promise<ListPage<ApprovalFlow>>,
  kinds: () => unwrap(api.GET('/api/v1/approval-flows/kinds')),
  create: (body: ApprovalFlowBody) => unwrap(api.POST('/api/v1/approval-flows', { body })),
  update: (id: string, body: Partial<ApprovalFlowBody> & { version: number }) => unwrap(api.PATCH('/api/v1/approval-flows/{id}', { ...byId(id), body })),
  remove: (id: string) => unwrap(api.DELETE('/api/v1/approval-flows/{id}', byId(id))),
};
