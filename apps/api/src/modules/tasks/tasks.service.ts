import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuditService } from '@core/audit/audit.service';
import type { AuthUser } from '@core/auth/auth-user';
import { APP_CONFIG, AppConfig } from '@core/config/app-config';
import { rejectNulls } from '@core/crud/record-rules';
import { RecordStore } from '@core/crud/record-store';
import { DomainEvents } from '@core/events/domain-events';
import { followMerges } from '@core/events/follow-merges';
import { badRequest } from '@core/http/domain-error';
import { ListSpec, Page } from '@core/http/keyset';
import { UsersService } from '@modules/admin/users/users.service';
import { NotificationsService } from '@modules/notifications/notifications.service';
import { RelatedRecordsService } from './related-records.service';
import { TaskErrorCode } from './tasks.errors';
import { ACTIVE_TASK_STATUSES, Task, type TaskStatus } from './task.entity';
import { toTaskResponse } from './task.mapper';
import { CreateTaskDto, MyTasksResponse, QueryTasksDto, TaskResponse, UpdateTaskDto } from './dto/task.dto';

export const TASK_LIST_SPEC: ListSpec = {
  idColumn: 't.id',
  defaultSort: 'dueAt',
  sortable: {
    dueAt: { column: 't.due_at', value: (t: Task) => t.dueAt },
    createdAt: { column: 't.created_at', value: (t: Task) => t.createdAt },
    updatedAt: { column: 't.updated_at', value: (t: Task) => t.updatedAt },
  },
  search: ['t.title'],
  // status takes several values: see list()
  filters: {
    priority: 't.priority',
    assigneeId: 't.assignee_id',
    leadId: 't.lead_id',
    accountId: 't.account_id',
    contactId: 't.contact_id',
    opportunityId: 't.opportunity_id',
    projectId: 't.project_id',
  },
  ranges: { dueAt: 't.due_at', createdAt: 't.created_at' },
};

/** A position in a record's timeline: items strictly older than (at, id) come next. */
export interface TimelinePosition {
  at: Date;
  id: string;
}

/** Which record's timeline (an account's includes its contacts' items). */
export interface TimelineTarget {
  projectId?: string;
  leadId?: string;
  opportunityId?: string;
  accountId?: string;
  contactIds?: string[];
}

/** Whether the actor may see a project (registered by the projects module, which depends on tasks). */
export type ProjectVisibility = (m: EntityManager, actor: AuthUser, projectId: string) => Promise<boolean>;

/** Counts of a project's tasks: done, and all that count (cancelled ones do not). */
export interface ProjectTaskCounts {
  done: number;
  total: number;
}

const completedAtFor = (status: TaskStatus, current: Date | null) => (status === 'done' ? (current ?? new Date()) : null);

/** Tasks (待办): CRUD in the assignee's data scope, "my tasks" buckets, and the items calendars and timelines show. */
@Injectable()
export class TasksService implements OnModuleInit {
  private readonly store: RecordStore<Task>;
  private projectVisible: ProjectVisibility | null = null;

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly audit: AuditService,
    private readonly users: UsersService,
    readonly related: RelatedRecordsService,
    private readonly notifications: NotificationsService,
    private readonly events: DomainEvents,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.store = new RecordStore(ds, audit, Task, {
      entityType: 'task',
      module: 'tasks',
      alias: 't',
      scope: { owner: 't.assignee_id', department: 't.department_id' },
    });
  }

  onModuleInit(): void {
    // tasks follow merged records to the survivor
    followMerges(this.events, 'tasks', { 'lead.merged': 'lead_id', 'account.merged': 'account_id', 'contact.merged': 'contact_id' });
    // a converted lead's open tasks are now about the contact and account it became (and still about the lead)
    this.events.on('lead.converted', async (m, e) => {
      await m.query(
        `UPDATE tasks SET account_id = $2, contact_id = $3
          WHERE lead_id = $1 AND account_id IS NULL AND contact_id IS NULL AND status IN ('open', 'in_progress') AND deleted_at IS NULL`,
        [e.leadId, e.accountId, e.contactId],
      );
    });
  }

  /** The projects module says which projects an actor may put tasks in (called once at start). */
  registerProjects(visible: ProjectVisibility): void {
    this.projectVisible = visible;
  }

  private async assertProject(m: EntityManager, actor: AuthUser, projectId: string): Promise<void> {
    if (!this.projectVisible || !(await this.projectVisible(m, actor, projectId))) {
      throw badRequest(TaskErrorCode.TASK_UNKNOWN_PROJECT, 'projectId', 'projectId is not a project you can see');
    }
  }

  /** Done and total (not cancelled) live tasks per project, for the projects' progress; no scope (the caller checked the project). */
  async countsByProject(projectIds: string[], m: EntityManager = this.ds.manager): Promise<Map<string, ProjectTaskCounts>> {
    const ids = [...new Set(projectIds)];
    if (!ids.length) return new Map();
    const rows: { project_id: string; done: number; total: number }[] = await m.query(
      `SELECT project_id, count(*) FILTER (WHERE status = 'done')::int AS done, count(*) FILTER (WHERE status <> 'cancelled')::int AS total
         FROM tasks WHERE project_id = ANY($1::uuid[]) AND deleted_at IS NULL GROUP BY project_id`,
      [ids],
    );
    return new Map(rows.map((r) => [r.project_id, { done: r.done, total: r.total }]));
  }

  async toResponses(tasks: Task[], m: EntityManager = this.ds.manager): Promise<TaskResponse[]> {
    const users = await this.users.namesByIds(tasks.flatMap((t) => [t.assigneeId, t.createdById]), m);
    const related = await this.related.names(m, tasks);
    const now = new Date();
    return tasks.map((t) => toTaskResponse(t, users, related, now));
  }

  async list(actor: AuthUser, query: QueryTasksDto): Promise<Page<TaskResponse>> {
    const { status, ...rest } = query;
    const qb = this.store.query(actor);
    if (status) qb.andWhere('t.status IN (:...statuses)', { statuses: status.split(',') });
    const page = await this.store.list(actor, rest, TASK_LIST_SPEC, qb);
    return { ...page, data: await this.toResponses(page.data) };
  }

  async get(actor: AuthUser, id: string): Promise<TaskResponse> {
    return (await this.toResponses([await this.store.get(actor, id)]))[0];
  }

  async create(actor: AuthUser, dto: CreateTaskDto): Promise<TaskResponse> {
    return this.ds.transaction(async (m) => {
      const assignee = await this.users.resolveOwner(m, actor, 'tasks', dto.assigneeId);
      const related = await this.related.resolve(m, actor, dto);
      if (dto.projectId) await this.assertProject(m, actor, dto.projectId);
      const status = dto.status ?? 'open';
      const task = await this.store.create(
        actor,
        {
          title: dto.title,
          description: dto.description ?? null,
          dueAt: dto.dueAt,
          remindAt: dto.remindAt ?? null,
          priority: dto.priority ?? 'normal',
          status,
          completedAt: completedAtFor(status, null),
          assigneeId: assignee.ownerId,
          departmentId: assignee.departmentId,
          createdById: actor.id,
          ...related,
          projectId: dto.projectId ?? null,
        },
        m,
      );
      if (task.projectId && task.status === 'done') await this.emitCompleted(m, actor, task);
      if (task.assigneeId !== actor.id) await this.notifyAssigned(m, actor, task);
      return (await this.toResponses([task], m))[0];
    });
  }

  /**
   * Tasks the system makes for other modules (a contract's renewal reminder), in the caller's transaction,
   * without an acting user. `id` lets the caller know and keep the task's id before it exists.
   */
  async createSystemTasks(
    m: EntityManager,
    items: { id?: string; title: string; description?: string | null; dueAt: Date; assigneeId: string; departmentId: string | null; accountId?: string | null; priority?: Task['priority']; projectId?: string | null; status?: TaskStatus }[],
  ): Promise<void> {
    for (const t of items) {
      await this.store.create(
        null,
        {
          ...(t.id ? { id: t.id } : {}),
          title: t.title.slice(0, 200),
          description: t.description ?? null,
          dueAt: t.dueAt,
          remindAt: null,
          priority: t.priority ?? 'normal',
          status: t.status ?? 'open',
          completedAt: completedAtFor(t.status ?? 'open', null),
          assigneeId: t.assigneeId,
          departmentId: t.departmentId,
          createdById: null,
          leadId: null,
          accountId: t.accountId ?? null,
          contactId: null,
          projectId: t.projectId ?? null,
        },
        m,
      );
    }
  }

  /**
   * Hands the still-open tasks among `ids` (system reminders about a record that changed owner, e.g. a
   * contract's overdue installments) to `assigneeId`, in the caller's transaction, one `assign` audit entry
   * each (actor null). Answers how many moved.
   */
  async reassignOpen(m: EntityManager, ids: string[], assigneeId: string | null, departmentId: string | null): Promise<number> {
    if (!ids.length || !assigneeId) return 0;
    const moved: { id: string; old_assignee: string | null; old_department: string | null }[] = (
      await m.query(
        `UPDATE tasks t SET assignee_id = $2, department_id = $3, version = t.version + 1, updated_at = now()
           FROM (SELECT id, assignee_id, department_id FROM tasks
                  WHERE id = ANY($1::uuid[]) AND status IN ('open', 'in_progress') AND deleted_at IS NULL AND assignee_id IS DISTINCT FROM $2
                  FOR UPDATE) old
          WHERE t.id = old.id
          RETURNING t.id, old.assignee_id AS old_assignee, old.department_id AS old_department`,
        [ids, assigneeId, departmentId],
      )
    )[0];
    await this.audit.recordMany(
      m,
      null,
      'assign',
      'task',
      moved.map((t) => ({
        entityId: t.id,
        changes: [
          { field: 'assigneeId', old: t.old_assignee, new: assigneeId },
          { field: 'departmentId', old: t.old_department, new: departmentId },
        ],
      })),
    );
    return moved.length;
  }

  async update(actor: AuthUser, id: string, dto: UpdateTaskDto, ifMatch?: number): Promise<TaskResponse> {
    rejectNulls(dto, ['title', 'dueAt', 'priority', 'status', 'assigneeId']);
    const { version, assigneeId, ...fields } = dto;
    return this.ds.transaction(async (m) => {
      let reassigned = false;
      let completed = false;
      const task = await this.store.update(
        actor,
        id,
        ifMatch ?? version,
        async (t) => {
          if (assigneeId && assigneeId !== t.assigneeId) {
            const assignee = await this.users.resolveOwner(m, actor, 'tasks', assigneeId);
            t.assigneeId = assignee.ownerId;
            t.departmentId = assignee.departmentId;
            reassigned = true;
          }
          const remindChanged = fields.remindAt !== undefined && (fields.remindAt?.getTime() ?? null) !== (t.remindAt?.getTime() ?? null);
          Object.assign(t, fields);
          if (remindChanged) t.remindedAt = null;
          completed = t.status === 'done' && !t.completedAt;
          t.completedAt = completedAtFor(t.status, t.completedAt);
        },
        m,
      );
      if (reassigned && task.assigneeId !== actor.id) await this.notifyAssigned(m, actor, task);
      if (completed && task.projectId) await this.emitCompleted(m, actor, task);
      return (await this.toResponses([task], m))[0];
    });
  }

  private emitCompleted(m: EntityManager, actor: AuthUser, t: Task): Promise<void> {
    return this.events.emit(m, 'task.completed', { taskId: t.id, projectId: t.projectId!, title: t.title, by: actor });
  }

  async remove(actor: AuthUser, id: string, ifMatch?: number): Promise<void> {
    await this.store.softDelete(actor, id, ifMatch);
  }

  async restore(actor: AuthUser, id: string): Promise<TaskResponse> {
    return (await this.toResponses([await this.store.restore(actor, id)]))[0];
  }

  /**
   * The actor's open and in-progress tasks: overdue (due before now), today (until midnight in the
   * business time zone) and upcoming (the 7 days after today), each sorted by due time and capped.
   */
  async my(actor: AuthUser, limit = 20): Promise<MyTasksResponse> {
    const tz = this.config.timezone;
    const [bounds]: { now: Date; tomorrow: Date; horizon: Date }[] = await this.ds.query(
      `SELECT now() AS now, b.tomorrow, b.tomorrow + interval '7 days' AS horizon
         FROM (SELECT (date_trunc('day', now() AT TIME ZONE $1) + interval '1 day') AT TIME ZONE $1 AS tomorrow) b`,
      [tz],
    );
    const mine = () =>
      this.store
        .query(actor)
        .andWhere('t.assignee_id = :me AND t.status IN (:...active)', { me: actor.id, active: ACTIVE_TASK_STATUSES });
    const [counts] = await mine()
      .select(`count(*) FILTER (WHERE t.due_at < :now)::int`, 'overdue')
      .addSelect(`count(*) FILTER (WHERE t.due_at >= :now AND t.due_at < :tomorrow)::int`, 'today')
      .addSelect(`count(*) FILTER (WHERE t.due_at >= :tomorrow AND t.due_at < :horizon)::int`, 'upcoming')
      .andWhere('t.due_at < :horizon')
      .setParameters(bounds)
      .getRawMany<MyTasksResponse['counts']>();
    const bucket = (where: string) =>
      mine().andWhere(where, bounds).orderBy('t.due_at', 'ASC').addOrderBy('t.id', 'ASC').limit(limit).getMany();
    const [overdue, today, upcoming] = [
      await bucket('t.due_at < :now'),
      await bucket('t.due_at >= :now AND t.due_at < :tomorrow'),
      await bucket('t.due_at >= :tomorrow AND t.due_at < :horizon'),
    ];
    const all = await this.toResponses([...overdue, ...today, ...upcoming]);
    return {
      overdue: all.slice(0, overdue.length),
      today: all.slice(overdue.length, overdue.length + today.length),
      upcoming: all.slice(overdue.length + today.length),
      counts,
      timezone: tz,
    };
  }

  /** Tasks of `userId` due in [from, to] (not cancelled) that the actor may see, by due time. */
  async dueBetween(actor: AuthUser, userId: string, from: Date, to: Date, max: number): Promise<TaskResponse[]> {
    const rows = await this.store
      .query(actor)
      .andWhere(`t.assignee_id = :uid AND t.due_at BETWEEN :from AND :to AND t.status <> 'cancelled'`, { uid: userId, from, to })
      .orderBy('t.due_at', 'ASC')
      .addOrderBy('t.id', 'ASC')
      .limit(max)
      .getMany();
    return this.toResponses(rows);
  }

  /**
   * One page of a record's tasks for its timeline, newest first by creation, strictly before `before`.
   * No data scope: whoever may read the record sees its tasks.
   */
  async timelineSlice(m: EntityManager, target: TimelineTarget, before: TimelinePosition | null, limit: number): Promise<{ id: string; at: Date }[]> {
    const qb = this.store.query(null, m).select(['t.id', 't.createdAt']);
    if (target.projectId) qb.andWhere('t.project_id = :pid', { pid: target.projectId });
    else if (target.leadId) qb.andWhere('t.lead_id = :lid', { lid: target.leadId });
    else if (target.opportunityId) qb.andWhere('t.opportunity_id = :oid', { oid: target.opportunityId });
    else if (target.accountId) {
      qb.andWhere(
        target.contactIds?.length ? '(t.account_id = :aid OR t.contact_id IN (:...cids))' : 't.account_id = :aid',
        { aid: target.accountId, cids: target.contactIds },
      );
    } else if (target.contactIds?.length) qb.andWhere('t.contact_id IN (:...cids)', { cids: target.contactIds });
    else return [];
    if (before) qb.andWhere('(t.created_at, t.id) < (:bat, :bid)', { bat: before.at, bid: before.id });
    const rows = await qb.orderBy('t.created_at', 'DESC').addOrderBy('t.id', 'DESC').limit(limit).getMany();
    return rows.map((t) => ({ id: t.id, at: t.createdAt }));
  }

  /** Tasks by id (no scope check: callers checked access to the record they belong to). */
  async byIds(ids: string[], m: EntityManager = this.ds.manager): Promise<Map<string, TaskResponse>> {
    if (!ids.length) return new Map();
    const rows = await m.getRepository(Task).findBy({ id: In(ids) });
    return new Map((await this.toResponses(rows, m)).map((t) => [t.id, t]));
  }

  private async notifyAssigned(m: EntityManager, actor: AuthUser, t: Task): Promise<void> {
    await this.notifications.notify(m, [t.assigneeId], {
      kind: 'task.assigned',
      params: { by: actor.name, title: t.title, due: formatInZone(t.dueAt, this.config.timezone) },
      entityType: 'task',
      entityId: t.id,
    });
  }
}

/** `2025-06-18 10:00` in the given IANA time zone. */
export function formatInZone(d: Date, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(d)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}
