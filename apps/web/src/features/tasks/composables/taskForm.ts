import type { CreateTaskBody, Task, TaskPriority, TaskStatus } from '../api';

type DateValue = Date | string | null;

export interface TaskFormModel {
  title: string;
  description: string;
  dueAt: DateValue;
  remindAt: DateValue;
  priority: TaskPriority;
  status: TaskStatus;
  assigneeId: string | null;
}

/** Tomorrow at 10:00 local time: a sensible default due time. */
export function defaultDue(now = new Date()): Date {
  return new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1, 10, 0, 0, 0);
}

export function taskModel(task: Task | null, now = new Date()): TaskFormModel {
  return task
    ? {
        title: task.title,
        description: task.description ?? '',
        dueAt: task.dueAt,
        remindAt: task.remindAt,
        priority: task.priority,
        status: task.status,
        assigneeId: task.assigneeId,
      }
    : { title: '', description: '', dueAt: defaultDue(now), remindAt: null, priority: 'normal', status: 'open', assigneeId: null };
}

const iso = (value: DateValue): string | null => {
  if (value === null || value === '') return null;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
};

/** The fields both create and update take (no assignee means "me" on a create). */
export function buildTaskBody(model: TaskFormModel): CreateTaskBody {
  const body: CreateTaskBody = {
    title: model.title.trim(),
    description: model.description.trim() || null,
    dueAt: iso(model.dueAt) ?? '',
    remindAt: iso(model.remindAt),
    priority: model.priority,
    status: model.status,
  };
  if (model.assigneeId) body.assigneeId = model.assigneeId;
  return body;
}
