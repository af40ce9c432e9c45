import { api, type ListPage, unwrap } from '@/api/client';
import type { Body, ListQuery, Ok } from '@/api/types';
import { dayRanges } from '@/lib/dates';

export type Task = Ok<'/api/v1/tasks/{id}', 'get'>;
export type TaskStatus = Task['status'];
export type TaskPriority = Task['priority'];
export type CreateTaskBody = Body<'/api/v1/tasks', 'post'>;
export type UpdateTaskBody = Body<'/api/v1/tasks/{id}', 'patch'>;
export type MyTasks = Ok<'/api/v1/tasks/my', 'get'>;
export type CalendarPage = Ok<'/api/v1/calendar', 'get'>;
export type CalendarItem = CalendarPage['data'][number];

const byId = (id: string) => ({ params: { path: { id } } });

export const tasksApi = {
  list: (query: ListQuery) =>
    unwrap(api.GET('/api/v1/tasks', { params: { query: dayRanges(query, ['dueAt', 'createdAt']) as never } })) as Promise<
      ListPage<Task>
    >,
  my: (limit = 10) => unwrap(api.GET('/api/v1/tasks/my', { params: { query: { limit } } })),
  get: (id: string) => unwrap(api.GET('/api/v1/tasks/{id}', byId(id))),
  create: (body: CreateTaskBody) => unwrap(api.POST('/api/v1/tasks', { body })),
  update: (id: string, body: UpdateTaskBody) => unwrap(api.PATCH('/api/v1/tasks/{id}', { ...byId(id), body })),
  /** Done, or back to open when unticked. */
  setDone: (task: Pick<Task, 'id' | 'version'>, done: boolean) =>
    unwrap(api.PATCH('/api/v1/tasks/{id}', { ...byId(task.id), body: { status: done ? 'done' : 'open', version: task.version } })),
  remove: (id: string) => unwrap(api.DELETE('/api/v1/tasks/{id}', byId(id))),
};

export const calendarApi = {
  /** Tasks due and visits/meetings planned between two instants (at most 92 days apart). */
  range: (from: Date, to: Date, userId?: string) =>
    unwrap(api.GET('/api/v1/calendar', { params: { query: { from: from.toISOString(), to: to.toISOString(), userId } } })),
};
