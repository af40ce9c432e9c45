import { api, type ListPage, unwrap } from '@/api/client';
import type { Body, ListQuery, Ok } from '@/api/types';

export type ProjectSummary = Ok<'/api/v1/projects', 'get'>['data'][number];
export type Project = Ok<'/api/v1/projects/{id}', 'get'>;
export type ProjectStatus = Project['status'];
export type Milestone = Project['milestones'][number];
export type CreateProjectBody = Body<'/api/v1/projects', 'post'>;
export type UpdateProjectBody = Body<'/api/v1/projects/{id}', 'patch'>;
export type MilestoneBody = Body<'/api/v1/projects/{id}/milestones', 'post'>;
export type ProjectTask = Ok<'/api/v1/tasks/{id}', 'get'>;

const byId = (id: string) => ({ params: { path: { id } } });
const milestone = (id: string, milestoneId: string) => ({ params: { path: { id, milestoneId } } });

export const projectsApi = {
  list: (query: ListQuery) => unwrap(api.GET('/api/v1/projects', { params: { query: query as never } })) as Promise<ListPage<ProjectSummary>>,
  get: (id: string) => unwrap(api.GET('/api/v1/projects/{id}', byId(id))),
  create: (body: CreateProjectBody) => unwrap(api.POST('/api/v1/projects', { body })),
  update: (id: string, body: UpdateProjectBody) => unwrap(api.PATCH('/api/v1/projects/{id}', { ...byId(id), body })),
  remove: (id: string, version: number) => unwrap(api.DELETE('/api/v1/projects/{id}', { ...byId(id), headers: { 'If-Match': String(version) } })),
  addMilestone: (id: string, body: MilestoneBody) => unwrap(api.POST('/api/v1/projects/{id}/milestones', { ...byId(id), body })),
  updateMilestone: (id: string, milestoneId: string, body: Partial<MilestoneBody>) =>
    unwrap(api.PATCH('/api/v1/projects/{id}/milestones/{milestoneId}', { ...milestone(id, milestoneId), body })),
  removeMilestone: (id: string, milestoneId: string, version: number) =>
    unwrap(api.DELETE('/api/v1/projects/{id}/milestones/{milestoneId}', { ...milestone(id, milestoneId), headers: { 'If-Match': String(version) } })),
  /** The project's tasks (the tasks API, filtered by project), due first. */
  tasks: (projectId: string) =>
    unwrap(api.GET('/api/v1/tasks', { params: { query: { projectId, limit: 200, sort: 'dueAt' } } })) as Promise<ListPage<ProjectTask>>,
  setTaskDone: (task: Pick<ProjectTask, 'id' | 'version'>, done: boolean) =>
    unwrap(api.PATCH('/api/v1/tasks/{id}', { ...byId(task.id), body: { status: done ? 'done' : 'open', version: task.version } })),
  /** Accounts and contracts to link, matching `q` (what the user may read). */
  accounts: (q: string) => unwrap(api.GET('/api/v1/accounts', { params: { query: { q: q || undefined, limit: 20 } } })),
  contracts: (q: string, accountId?: string | null) =>
    unwrap(api.GET('/api/v1/contracts', { params: { query: { q: q || undefined, accountId: accountId || undefined, limit: 20 } } })),
};
