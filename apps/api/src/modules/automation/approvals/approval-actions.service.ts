import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthUser } from '@core/auth/auth-user';
import { badRequest, conflict } from '@core/http/domain-error';
import { UsersService } from '@modules/admin/users/users.service';
import { Approval } from './approval.entity';
import { DELEGATORS_OF_ME, positional } from './approval-access';
import { ApprovalQueries } from './approval-queries.service';
import { ApprovalSteps } from './approval-steps.service';
import { ApprovalErrorCode } from './approvals.errors';
import { ApprovalDetailResponse } from './dto/approval.dto';

type Task = { id: string; user_id: string };

/**
 * What approvers do: approve, reject (with a comment), transfer, comment. Each runs in one transaction
 * holding the approval's row lock, so decisions on one approval happen one at a time and a second
 * decision on an `any` step finds nothing left to decide (409).
 */
@Injectable()
export class ApprovalActions {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly queries: ApprovalQueries,
    private readonly steps: ApprovalSteps,
    private readonly users: UsersService,
  ) {}

  approve(user: AuthUser, id: string, comment?: string): Promise<ApprovalDetailResponse> {
    return this.decide(user, id, 'approve', comment?.trim() || null);
  }

  reject(user: AuthUser, id: string, comment?: string): Promise<ApprovalDetailResponse> {
    if (!comment?.trim()) throw badRequest(ApprovalErrorCode.APPROVAL_COMMENT_REQUIRED, 'comment', 'A rejection needs a comment');
    return this.decide(user, id, 'reject', comment.trim());
  }

  async transfer(user: AuthUser, id: string, toUserId: string, comment?: string): Promise<ApprovalDetailResponse> {
    return this.ds.transaction(async (m) => {
      const { a, task } = await this.myTurn(m, user, id);
      const invalid = (message: string) => badRequest(ApprovalErrorCode.APPROVAL_INVALID_TRANSFER, 'toUserId', message);
      if (!(await this.users.activeIds([toUserId], m)).length) throw invalid('toUserId is not an active user');
      if (toUserId === a.submitterId) throw invalid('the submitter cannot approve their own request');
      const taken: unknown[] = await m.query(
        `SELECT 1 FROM approval_tasks WHERE approval_id = $1 AND step = $2 AND user_id = $3 AND status = 'pending'`,
        [a.id, a.currentStep, toUserId],
      );
      if (taken.length) throw invalid('that user already decides this step');
      await this.close(m, task, 'transferred', user);
      await m.query(`INSERT INTO approval_tasks (approval_id, step, user_id) VALUES ($1, $2, $3)`, [a.id, a.currentStep, toUserId]);
      await this.steps.log(m, a, 'transfer', this.acting(user, task), { step: a.currentStep, targetId: toUserId, comment: comment?.trim() || null });
      await this.steps.notifyRequested(m, a, [toUserId], user);
      return this.queries.detail(user, id, m);
    });
  }

  /** A remark in the history, for any of the approval's people, pending or not; the others are notified. */
  async comment(user: AuthUser, id: string, comment: string): Promise<ApprovalDetailResponse> {
    return this.ds.transaction(async (m) => {
      const a = await this.queries.visible(m, user, id, true);
      await this.steps.log(m, a, 'comment', { user }, { comment });
      const people: { user_id: string }[] = await m.query(`SELECT DISTINCT user_id FROM approval_tasks WHERE approval_id = $1`, [a.id]);
      await this.steps.notifyComment(m, a, user, [a.submitterId, ...people.map((p) => p.user_id)], comment);
      return this.queries.detail(user, id, m);
    });
  }

  private async decide(user: AuthUser, id: string, action: 'approve' | 'reject', comment: string | null): Promise<ApprovalDetailResponse> {
    return this.ds.transaction(async (m) => {
      const { a, task } = await this.myTurn(m, user, id);
      const step = a.currentStep;
      await this.close(m, task, action === 'approve' ? 'approved' : 'rejected', user);
      await this.steps.log(m, a, action, this.acting(user, task), { step, comment });
      if (action === 'reject') {
        await this.skipRest(m, a);
        a.status = 'rejected';
        a.decidedAt = new Date();
        await m.getRepository(Approval).save(a);
        await this.steps.finish(m, a, user, comment);
      } else {
        const [{ left }] = await m.query(
          `SELECT count(*)::int AS left FROM approval_tasks WHERE approval_id = $1 AND step = $2 AND status = 'pending'`,
          [a.id, step],
        );
        if (a.steps[step].mode === 'any' || left === 0) {
          await this.skipRest(m, a);
          await this.steps.advance(m, a, step + 1, user);
        }
      }
      return this.queries.detail(user, id, m);
    });
  }

  /**
   * Locks the approval and finds the user's pending task on its current step (their own first, else one
   * of someone they stand in for). 404 if not one of its people; 409 when decided or not theirs (anymore).
   */
  private async myTurn(m: EntityManager, user: AuthUser, id: string): Promise<{ a: Approval; task: Task }> {
    const a = await this.queries.visible(m, user, id, true);
    if (a.status !== 'pending') throw conflict(ApprovalErrorCode.APPROVAL_NOT_PENDING, `The approval was already ${a.status}`);
    const tasks: Task[] = await m.query(
      positional(
        `SELECT id, user_id FROM approval_tasks
          WHERE approval_id = :id AND step = :step AND status = 'pending'
            AND (user_id = :me OR ((:submitter)::text <> (:me)::text AND user_id IN (${DELEGATORS_OF_ME})))
          ORDER BY (user_id = :me) DESC, created_at LIMIT 1`,
        ['id', 'step', 'me', 'submitter'],
      ),
      // a delegate never decides their own request
      [a.id, a.currentStep, user.id, a.submitterId],
    );
    if (!tasks.length) throw conflict(ApprovalErrorCode.APPROVAL_NOT_YOURS, 'This approval step is not yours (anymore)');
    return { a, task: tasks[0] };
  }

  private acting(user: AuthUser, task: Task) {
    return { user, onBehalfOf: task.user_id === user.id ? null : task.user_id };
  }

  private async close(m: EntityManager, task: Task, status: string, user: AuthUser): Promise<void> {
    await m.query(`UPDATE approval_tasks SET status = $2, acted_by_id = $3, acted_at = now() WHERE id = $1`, [task.id, status, user.id]);
  }

  /** The step is decided: the other approvers' tasks of it no longer wait. */
  private async skipRest(m: EntityManager, a: Approval): Promise<void> {
    await m.query(`UPDATE approval_tasks SET status = 'skipped' WHERE approval_id = $1 AND step = $2 AND status = 'pending'`, [a.id, a.currentStep]);
  }
}
