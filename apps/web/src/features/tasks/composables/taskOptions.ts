import { TASK_PRIORITIES, TASK_STATUSES } from '@keyuan/shared';
import type { FilterOption } from '@/components/filter-bar';
import type { Task, TaskPriority } from '../api';

export { TASK_PRIORITIES, TASK_STATUSES };

export const statusOptions = (): FilterOption[] => TASK_STATUSES.map((v) => ({ value: v, labelKey: `tasks.statuses.${v}` }));
export const priorityOptions = (): FilterOption[] => TASK_PRIORITIES.map((v) => ({ value: v, labelKey: `tasks.priorities.${v}` }));

type TagType = 'primary' | 'success' | 'info' | 'warning' | 'danger';
const PRIORITY_TAGS: Record<TaskPriority, TagType> = { low: 'info', normal: 'primary', high: 'warning', urgent: 'danger' };
export const priorityTag = (p: TaskPriority): TagType => PRIORITY_TAGS[p] ?? 'info';

export const isClosed = (task: Pick<Task, 'status'>) => task.status === 'done' || task.status === 'cancelled';

/** The record a task is about, for a link: lead, else opportunity, else contact, else account. */
export function relatedOf(
  task: Pick<Task, 'leadId' | 'leadName' | 'accountId' | 'accountName' | 'contactId' | 'contactName'> & Partial<Pick<Task, 'opportunityId' | 'opportunityName'>>,
) {
  if (task.leadId) return { name: task.leadName ?? '', to: { name: 'lead-detail', params: { id: task.leadId } } };
  if (task.opportunityId) return { name: task.opportunityName ?? '', to: { name: 'opportunity-detail', params: { id: task.opportunityId } } };
  if (task.contactId) return { name: task.contactName ?? '', to: { name: 'contact-detail', params: { id: task.contactId } } };
  if (task.accountId) return { name: task.accountName ?? '', to: { name: 'account-detail', params: { id: task.accountId } } };
  return null;
}
