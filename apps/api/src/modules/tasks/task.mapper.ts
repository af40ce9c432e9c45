import type { RelatedNames } from './related-records.service';
import { ACTIVE_TASK_STATUSES, type Task } from './task.entity';
import type { TaskResponse } from './dto/task.dto';

/** The API shape of a task, with the names of its people and related records. */
export function toTaskResponse(t: Task, users: Map<string, string>, related: RelatedNames, now = new Date()): TaskResponse {
  return {
    id: t.id,
    title: t.title,
    description: t.description,
    dueAt: t.dueAt,
    remindAt: t.remindAt,
    remindedAt: t.remindedAt,
    priority: t.priority,
    status: t.status,
    completedAt: t.completedAt,
    overdue: ACTIVE_TASK_STATUSES.includes(t.status) && t.dueAt.getTime() < now.getTime(),
    assigneeId: t.assigneeId,
    assigneeName: users.get(t.assigneeId) ?? null,
    departmentId: t.departmentId,
    createdById: t.createdById,
    createdByName: t.createdById ? (users.get(t.createdById) ?? null) : null,
    leadId: t.leadId,
    leadName: t.leadId ? (related.leads.get(t.leadId) ?? null) : null,
    accountId: t.accountId,
    accountName: t.accountId ? (related.accounts.get(t.accountId) ?? null) : null,
    contactId: t.contactId,
    contactName: t.contactId ? (related.contacts.get(t.contactId) ?? null) : null,
    opportunityId: t.opportunityId,
    opportunityName: t.opportunityId ? (related.opportunities.get(t.opportunityId) ?? null) : null,
    projectId: t.projectId ?? null,
    version: t.version,
    createdAt: t.createdAt,
    updatedAt: t.updatedAt,
  };
}
