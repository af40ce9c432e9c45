import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '@core/audit/audit.service';
import type { AuthUser } from '@core/auth/auth-user';
import { DomainEvents } from '@core/events/domain-events';
import { DepartmentsService } from '@modules/admin/departments/departments.service';
import { UsersService } from '@modules/admin/users/users.service';
import { NotificationsService } from '@modules/notifications/notifications.service';
import type { ApproverSpec, FlowStep } from './approval-flow.entity';
import { Approval } from './approval.entity';

export type ApprovalAction = 'submit' | 'approve' | 'reject' | 'comment' | 'transfer' | 'complete';

/** Who is acting: the user, and whom they stand in for when acting as a delegate. */
export interface Acting {
  user: AuthUser;
  onBehalfOf?: string | null;
}

/**
 * The engine's moving parts shared by submit and the approver actions: resolving a step's approvers,
 * opening a step (tasks + notifications), and journaling every step in the approval's history, in the
 * audit log of the record (so it shows on the record's timeline) and to the people concerned.
 */
@Injectable()
export class ApprovalSteps {
  constructor(
    private readonly departments: DepartmentsService,
    private readonly users: UsersService,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
    private readonly events: DomainEvents,
  ) {}

  /** The users a step names for this approval (active users, submitter included when named). */
  async resolve(m: EntityManager, a: Approval, step: FlowStep): Promise<string[]> {
    const out = new Set<string>();
    for (const spec of step.approvers) for (const id of await this.resolveOne(m, a, spec)) out.add(id);
    return [...out];
  }

  private async resolveOne(m: EntityManager, a: Approval, spec: ApproverSpec): Promise<string[]> {
    if (spec.type === 'manager') {
      const subject = spec.of ? a.record[spec.of] : a.submitterId;
      const manager = typeof subject === 'string' ? await this.departments.managerOf(subject, m) : null;
      return manager ? [manager] : [];
    }
    if (spec.type === 'role') return this.users.roleHoldersNear(spec.roleKey ?? '', a.submitterId, m);
    return this.users.activeIds(spec.userIds ?? [], m);
  }

  /**
   * Opens step `index`: creates one task per approver and notifies them. A step whose approvers include
   * the submitter on `any`, or that resolves to nobody even after the administrators, passes at once
   * (answers false); otherwise true (the step waits).
   */
  async open(m: EntityManager, a: Approval, index: number, by: AuthUser | null): Promise<boolean> {
    const step = a.steps[index];
    let approvers = await this.resolve(m, a, step);
    if (step.mode === 'any' && approvers.includes(a.submitterId)) return false;
    approvers = approvers.filter((u) => u !== a.submitterId);
    if (!approvers.length) approvers = await this.users.roleHoldersNear('admin', a.submitterId, m);
    if (!approvers.length) return false;
    await m.query(`INSERT INTO approval_tasks (approval_id, step, user_id) SELECT $1, $2, unnest($3::uuid[])`, [a.id, index, approvers]);
    await this.notifyRequested(m, a, approvers, by);
    return true;
  }

  async notifyRequested(m: EntityManager, a: Approval, userIds: string[], by: AuthUser | null): Promise<void> {
    await this.notifications.notify(m, userIds, {
      kind: 'approval.requested',
      params: { by: by?.name ?? '', flow: a.flowName, name: a.recordName },
      entityType: 'approval',
      entityId: a.id,
    });
  }

  /**
   * Moves the approval to step `from` or the first later step that waits for someone; past the last
   * step the approval is approved (and the owning module told). Saves the approval.
   */
  async advance(m: EntityManager, a: Approval, from: number, by: AuthUser | null): Promise<void> {
    for (let i = from; i < a.steps.length; i++) {
      if (await this.open(m, a, i, by)) {
        a.currentStep = i;
        await m.getRepository(Approval).save(a);
        return;
      }
      await this.log(m, a, 'approve', null, { step: i });
    }
    a.status = 'approved';
    a.decidedAt = new Date();
    await m.getRepository(Approval).save(a);
    await this.log(m, a, 'complete', null);
    await this.finish(m, a, by, null);
  }

  /** One history entry, plus its audit entry on the record (the record's timeline shows it). */
  async log(
    m: EntityManager,
    a: Approval,
    action: ApprovalAction,
    acting: Acting | null,
    extra: { step?: number | null; comment?: string | null; targetId?: string | null } = {},
  ): Promise<void> {
    await m.query(
      `INSERT INTO approval_events (approval_id, step, action, actor_id, on_behalf_of_id, target_id, comment) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [a.id, extra.step ?? null, action, acting?.user.id ?? null, acting?.onBehalfOf ?? null, extra.targetId ?? null, extra.comment ?? null],
    );
    const changes = [
      { field: 'approvalId', old: null, new: a.id },
      { field: 'flow', old: null, new: a.flowName },
      ...(extra.step !== undefined && extra.step !== null ? [{ field: 'step', old: null, new: extra.step + 1 }] : []),
      ...(extra.targetId ? [{ field: 'transferredTo', old: null, new: extra.targetId }] : []),
      ...(extra.comment ? [{ field: 'comment', old: null, new: extra.comment }] : []),
    ];
    await this.audit.record(m, acting?.user ?? null, `approval.${action}`, a.kind, a.recordId, changes);
  }

  /** The approval ended: the owning module reacts to the event, the submitter is told. */
  async finish(m: EntityManager, a: Approval, by: AuthUser | null, comment: string | null): Promise<void> {
    const payload = { approvalId: a.id, kind: a.kind, recordId: a.recordId, trigger: a.trigger, submitterId: a.submitterId };
    if (a.status === 'approved') await this.events.emit(m, 'approval.approved', payload);
    else await this.events.emit(m, 'approval.rejected', { ...payload, comment: comment ?? '' });
    await this.notifications.notify(m, [a.submitterId], {
      kind: a.status === 'approved' ? 'approval.approved' : 'approval.rejected',
      params: { by: by?.name ?? '', flow: a.flowName, name: a.recordName, comment: comment ?? '' },
      entityType: 'approval',
      entityId: a.id,
    });
  }

  /** Tells the other people of an approval about a comment. */
  async notifyComment(m: EntityManager, a: Approval, by: AuthUser, userIds: string[], comment: string): Promise<void> {
    await this.notifications.notify(m, userIds.filter((u) => u !== by.id), {
      kind: 'approval.commented',
      params: { by: by.name, flow: a.flowName, name: a.recordName, comment },
      entityType: 'approval',
      entityId: a.id,
    });
  }
}
