import { api, type ListPage, unwrap } from '@/api/client';
import type { Body, ListQuery, Ok } from '@/api/types';

export type WorkflowRule = Ok<'/api/v1/workflow-rules/{id}', 'get'>;
export type WorkflowRuleBody = Body<'/api/v1/workflow-rules', 'post'>;
export type WorkflowRun = Ok<'/api/v1/workflow-rules/{id}/runs', 'get'>['data'][number];
export type WorkflowKind = Ok<'/api/v1/workflow-rules/kinds', 'get'>[number];
export type WorkflowField = WorkflowKind['fields'][number];
export type WorkflowTrigger = WorkflowRuleBody['trigger'];
export type WorkflowCondition = NonNullable<WorkflowRuleBody['conditions']>['conditions'][number];
export type WorkflowAction = WorkflowRuleBody['actions'][number];
export type DryRunResult = Ok<'/api/v1/workflow-rules/{id}/test', 'post'>;

const byId = (id: string) => ({ params: { path: { id } } });

export const workflowRulesApi = {
  list: (query: ListQuery) =>
    unwrap(api.GET('/api/v1/workflow-rules', { params: { query: query as never } })) as Promise<ListPage<WorkflowRule>>,
  kinds: () => unwrap(api.GET('/api/v1/workflow-rules/kinds')),
  get: (id: string) => unwrap(api.GET('/api/v1/workflow-rules/{id}', byId(id))),
  create: (body: WorkflowRuleBody) => unwrap(api.POST('/api/v1/workflow-rules', { body })),
  update: (id: string, body: Body<'/api/v1/workflow-rules/{id}', 'patch'>) =>
    unwrap(api.PATCH('/api/v1/workflow-rules/{id}', { ...byId(id), body })),
  enable: (id: string) => unwrap(api.POST('/api/v1/workflow-rules/{id}/enable', byId(id))),
  disable: (id: string) => unwrap(api.POST('/api/v1/workflow-rules/{id}/disable', byId(id))),
  remove: (id: string) => unwrap(api.DELETE('/api/v1/workflow-rules/{id}', byId(id))),
  runs: (id: string, query: ListQuery) =>
    unwrap(api.GET('/api/v1/workflow-rules/{id}/runs', { params: { path: { id }, query: query as never } })) as Promise<ListPage<WorkflowRun>>,
  test: (id: string, recordId: string, changedFields?: string[]) =>
    unwrap(api.POST('/api/v1/workflow-rules/{id}/test', { ...byId(id), body: { recordId, changedFields } })),
};
