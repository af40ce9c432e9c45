import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { WorkflowAction, WorkflowActionType } from '@keyuan/shared';
import { DataSource } from 'typeorm';
import type { AuthUser } from '@core/auth/auth-user';
import { badRequest } from '@core/http/domain-error';
import { AutomationKind } from '@core/records/automation-kinds';
import { NotificationsService } from '@modules/notifications/notifications.service';
import { PoolOwnershipService } from '@modules/pools/pool-ownership.service';
import { TasksService } from '@modules/tasks/tasks.service';
import { WorkflowRule } from './workflow-rule.entity';
import { WorkflowErrorCode } from './workflows.errors';

const DAY = 86_400_000;

/** Everything an action sees when it is planned or run. */
export interface ActionContext {
  rule: WorkflowRule;
  action: WorkflowAction;
  /** Position of the action in the rule (round-robin turns are kept per position). */
  index: number;
  kind: AutomationKind;
  recordId: string;
  record: Record<string, unknown>;
  /** The rule's author: actions run with their permissions. */
  actor: AuthUser;
  now: Date;
}

/**
 * One kind of action. `plan` answers what it would do without touching anything (dry runs); `run`
 * does it through the owning module's service and answers what it did (the run log). SMS, email and
 * webhook actions register the same way once their modules exist.
 */
export interface WorkflowActionHandler {
  type: WorkflowActionType | (string & {});
  /** Refuses a bad definition with a 400 on `at` (e.g. `actions[0].title`). */
  validate(action: WorkflowAction, kind: AutomationKind, at: string): void;
  plan(ctx: ActionContext): Promise<Record<string, unknown>>;
  run(ctx: ActionContext): Promise<Record<string, unknown>>;
}

const invalid = (at: string, message: string) => badRequest(WorkflowErrorCode.WORKFLOW_INVALID_ACTION, at, message);

/** The action handlers by type; the built-in ones register here, later modules call `register`. */
@Injectable()
export class WorkflowActions {
  private readonly handlers = new Map<string, WorkflowActionHandler>();

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly tasks: TasksService,
    private readonly notifications: NotificationsService,
    private readonly ownership: PoolOwnershipService,
  ) {
    for (const h of [this.createTask(), this.notify(), this.updateField(), this.assignRoundRobin(), this.moveToPool()]) this.register(h);
  }

  register(handler: WorkflowActionHandler): void {
    this.handlers.set(handler.type, handler);
  }

  get(type: string): WorkflowActionHandler {
    const h = this.handlers.get(type);
    if (!h) throw new Error(`no workflow action '${type}'`);
    return h;
  }

  validate(actions: WorkflowAction[], kind: AutomationKind): void {
    actions.forEach((a, i) => {
      const h = this.handlers.get(a.type);
      if (!h) throw invalid(`actions[${i}].type`, `Unknown action ${a.type}`);
      h.validate(a, kind, `actions[${i}]`);
    });
  }

  private createTask(): WorkflowActionHandler {
    const resolve = (ctx: ActionContext) => {
      const ownerId = (ctx.record.ownerId as string | null) ?? null;
      // a record in a pool has no owner: the task goes to the rule's author instead
      const assigneeId = ctx.action.assignee === 'user' ? ctx.action.userId! : (ownerId ?? ctx.actor.id);
      return {
        title: ctx.action.title!,
        assigneeId,
        dueAt: new Date(ctx.now.getTime() + (ctx.action.dueInDays ?? 0) * DAY),
        [`${ctx.kind.type}Id`]: ctx.recordId,
      };
    };
    return {
      type: 'createTask',
      validate: (a, kind, at) => {
        if (!a.title) throw invalid(`${at}.title`, 'A task needs a title');
        if (a.assignee === 'user' && !a.userId) throw invalid(`${at}.userId`, 'Name the user who gets the task');
        if (!['lead', 'account', 'contact', 'opportunity'].includes(kind.type)) throw invalid(`${at}.type`, `Tasks cannot be linked to a ${kind.type}`);
      },
      plan: async (ctx) => resolve(ctx),
      run: async (ctx) => {
        const task = await this.tasks.create(ctx.actor, resolve(ctx) as never);
        return { taskId: task.id, assigneeId: task.assigneeId };
      },
    };
  }

  private notify(): WorkflowActionHandler {
    const recipients = (ctx: ActionContext) => [...new Set([ctx.record.ownerId as string | null, ...(ctx.action.userIds ?? [])].filter((x): x is string => !!x))];
    const params = (ctx: ActionContext) => ({ rule: ctx.rule.name, name: String(ctx.record.name ?? ''), message: ctx.action.message ?? '' });
    return {
      type: 'notify',
      validate: (a, _kind, at) => {
        if (!a.message) throw invalid(`${at}.message`, 'A notification needs a message');
      },
      plan: async (ctx) => ({ userIds: recipients(ctx), kind: 'workflow.notify', params: params(ctx) }),
      run: async (ctx) => {
        const userIds = recipients(ctx);
        await this.ds.transaction((m) =>
          this.notifications.notify(m, userIds, { kind: 'workflow.notify', params: params(ctx), entityType: ctx.kind.type, entityId: ctx.recordId }),
        );
        return { userIds };
      },
    };
  }

  private updateField(): WorkflowActionHandler {
    const valueOf = (ctx: ActionContext) =>
      ctx.action.daysFromNow !== undefined ? new Date(ctx.now.getTime() + ctx.action.daysFromNow * DAY) : (ctx.action.value ?? null);
    return {
      type: 'updateField',
      validate: (a, kind, at) => {
        const field = kind.fields.find((f) => f.name === a.field);
        if (!field) throw badRequest(WorkflowErrorCode.WORKFLOW_UNKNOWN_FIELD, `${at}.field`, `Unknown field ${a.field}`);
        if (!field.updatable) throw badRequest(WorkflowErrorCode.WORKFLOW_FIELD_NOT_UPDATABLE, `${at}.field`, `Rules cannot set ${a.field}`);
        if (field.type === 'date') {
          if (a.daysFromNow === undefined && a.value !== null) throw invalid(`${at}.daysFromNow`, 'Set a date field by daysFromNow (or value null)');
        } else if (field.type === 'enum' && !field.options?.includes(String(a.value))) {
          throw badRequest(WorkflowErrorCode.WORKFLOW_INVALID_VALUE, `${at}.value`, `${a.field} takes one of ${field.options?.join(', ')}`);
        } else if (field.type === 'number' && typeof a.value !== 'number') {
          throw badRequest(WorkflowErrorCode.WORKFLOW_INVALID_VALUE, `${at}.value`, `${a.field} takes a number`);
        } else if (field.type === 'string' && a.value !== null && typeof a.value !== 'string') {
          throw badRequest(WorkflowErrorCode.WORKFLOW_INVALID_VALUE, `${at}.value`, `${a.field} takes a text`);
        }
      },
      plan: async (ctx) => ({ field: ctx.action.field, from: ctx.record[ctx.action.field!] ?? null, to: valueOf(ctx) }),
      run: async (ctx) => {
        const to = valueOf(ctx);
        await ctx.kind.update(ctx.actor, ctx.recordId, { [ctx.action.field!]: to }, ctx.record.version as number);
        return { field: ctx.action.field, to };
      },
    };
  }

  /** The next user of the group in turn: the rule row is locked so concurrent runs alternate. */
  private async nextInTurn(ctx: ActionContext, advance: boolean): Promise<string> {
    const group = ctx.action.userIds!;
    if (!advance) return group[(ctx.rule.roundRobin?.[ctx.index] ?? 0) % group.length];
    return this.ds.transaction(async (m) => {
      const rows: { round_robin: Record<string, number> }[] = await m.query(`SELECT round_robin FROM workflow_rules WHERE id = $1 FOR UPDATE`, [ctx.rule.id]);
      const turns = rows[0]?.round_robin ?? {};
      const idx = (turns[ctx.index] ?? 0) % group.length;
      turns[ctx.index] = (idx + 1) % group.length;
      await m.query(`UPDATE workflow_rules SET round_robin = $2 WHERE id = $1`, [ctx.rule.id, JSON.stringify(turns)]);
      return group[idx];
    });
  }

  private assignRoundRobin(): WorkflowActionHandler {
    return {
      type: 'assignRoundRobin',
      validate: (a, kind, at) => {
        if (!a.userIds?.length) throw invalid(`${at}.userIds`, 'Name the group receiving records in turn');
        if (!kind.pooled) throw invalid(`${at}.type`, `A ${kind.type} has no pool ownership`);
      },
      plan: async (ctx) => ({ ownerId: await this.nextInTurn(ctx, false) }),
      run: async (ctx) => {
        // an inactive member is skipped (its assignment fails) and the turn moves on
        let lastError: unknown;
        for (let tries = 0; tries < ctx.action.userIds!.length; tries++) {
          const ownerId = await this.nextInTurn(ctx, true);
          try {
            await this.ownership.assign(ctx.actor, ctx.kind.type, ctx.recordId, { ownerId, reason: ctx.rule.name.slice(0, 200) });
            return { ownerId };
          } catch (e) {
            lastError = e;
          }
        }
        throw lastError;
      },
    };
  }

  private moveToPool(): WorkflowActionHandler {
    return {
      type: 'moveToPool',
      validate: (a, kind, at) => {
        if (!kind.pooled) throw invalid(`${at}.type`, `A ${kind.type} cannot sit in a pool`);
        if (!a.reason) throw invalid(`${at}.reason`, 'Moving to a pool needs a reason');
      },
      plan: async (ctx) => ({ poolId: ctx.action.poolId ?? ctx.record.poolId ?? null, reason: ctx.action.reason }),
      run: async (ctx) => {
        const moved = await this.ownership.release<{ poolId: string | null }>(ctx.actor, ctx.kind.type, ctx.recordId, { reason: ctx.action.reason!, poolId: ctx.action.poolId });
        return { poolId: moved.poolId };
      },
    };
  }
}
