import { Column, Entity } from 'typeorm';
import { BaseRecord } from '@core/database/base.entity';
import { TASK_PRIORITIES, TASK_STATUSES, type TaskPriority, type TaskStatus } from '@keyuan/shared';

/** Shared with the web client (libs/shared). */
export { TASK_PRIORITIES, TASK_STATUSES, type TaskPriority, type TaskStatus };
/** Statuses of a task still to be done: the ones "my tasks", the calendar and reminders look at. */
export const ACTIVE_TASK_STATUSES: TaskStatus[] = ['open', 'in_progress'];

/** A to-do (待办) for one assignee, optionally about a lead, account or contact. */
@Entity('tasks')
export class Task extends BaseRecord {
  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ type: 'timestamptz', precision: 3 })
  dueAt: Date;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  remindAt: Date | null;

  /** When the reminder went out; cleared when `remindAt` changes. */
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  remindedAt: Date | null;

  @Column({ type: 'varchar', length: 10, default: 'normal' })
  priority: TaskPriority;

  @Column({ type: 'varchar', length: 20, default: 'open' })
  status: TaskStatus;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  completedAt: Date | null;

  /** Who does it; the data scope applies to the assignee and their department. */
  @Column({ type: 'uuid' })
  assigneeId: string;

  @Column({ type: 'uuid', nullable: true })
  departmentId: string | null;

  @Column({ type: 'uuid', nullable: true })
  createdById: string | null;

  @Column({ type: 'uuid', nullable: true })
  leadId: string | null;

  @Column({ type: 'uuid', nullable: true })
  accountId: string | null;

  @Column({ type: 'uuid', nullable: true })
  contactId: string | null;

  /** The opportunity it is about (its account is then set too). */
  @Column({ type: 'uuid', nullable: true })
  opportunityId: string | null;

  /** The project it belongs to (the projects module counts its progress through TasksService). */
  @Column({ type: 'uuid', nullable: true })
  projectId: string | null;
}
