import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthUser } from '@core/auth/auth-user';
import { notFound } from '@core/http/domain-error';
import { ListSpec, paginate } from '@core/http/keyset';
import { UsersService } from '@modules/admin/users/users.service';
import { Approval } from './approval.entity';
import { CAN_ACT, DONE_BY_ME, PARTICIPANT, positional } from './approval-access';
import { ApprovalDetailResponse, ApprovalPage, ApprovalStepResponse, ApprovalSummary, QueryApprovalsDto } from './dto/approval.dto';

const LIST_SPEC: ListSpec = {
  idColumn: 'a.id',
  defaultSort: '-createdAt',
  sortable: { createdAt: { column: 'a.created_at', value: (a: Approval) => a.createdAt } },
  search: ['a.record_name'],
  filters: { status: 'a.status', kind: 'a.kind' },
};

type TaskRow = { id: string; step: number; user_id: string; status: string; acted_by_id: string | null; acted_at: Date | null };
type EventRow = {
  id: string;
  action: string;
  step: number | null;
  actor_id: string | null;
  on_behalf_of_id: string | null;
  target_id: string | null;
  comment: string | null;
  created_at: Date;
};

/** "My approvals" lists, the badge count and an approval's detail, for its people only (others: 404). */
@Injectable()
export class ApprovalQueries {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly users: UsersService,
  ) {}

  async list(user: AuthUser, query: QueryApprovalsDto): Promise<ApprovalPage> {
    const box = { pending: CAN_ACT, done: DONE_BY_ME, submitted: 'a.submitter_id = :me' }[query.box];
    const qb = this.ds.getRepository(Approval).createQueryBuilder('a').where(box, { me: user.id });
    const { box: _box, ...rest } = query;
    const page = await paginate(qb, rest, LIST_SPEC);
    return { ...page, data: await this.summaries(user, page.data) };
  }

  async counts(user: AuthUser): Promise<{ pending: number }> {
    const [{ n }] = await this.ds.query(positional(`SELECT count(*)::int AS n FROM approvals a WHERE ${CAN_ACT}`, ['me']), [user.id]);
    return { pending: n };
  }

  /** The approval if the user is one of its people (404 otherwise); `lock` for the deciding transaction. */
  async visible(m: EntityManager, user: AuthUser, id: string, lock = false): Promise<Approval> {
    const qb = m.getRepository(Approval).createQueryBuilder('a').where('a.id = :id', { id }).andWhere(PARTICIPANT, { me: user.id });
    // the row lock serialises every decision on one approval: two approvers of an `any` step, one decision
    if (lock) qb.setLock('pessimistic_write');
    const a = await qb.getOne();
    if (!a) throw notFound('approval');
    return a;
  }

  async detail(user: AuthUser, id: string, m: EntityManager = this.ds.manager): Promise<ApprovalDetailResponse> {
    return this.toDetail(m, user, await this.visible(m, user, id));
  }

  /** The record's latest approval the user may see (for the panel on its detail page). */
  async forRecord(user: AuthUser, kind: string, recordId: string): Promise<ApprovalDetailResponse | null> {
    const a = await this.ds
      .getRepository(Approval)
      .createQueryBuilder('a')
      .where('a.kind = :kind AND a.record_id = :recordId', { kind, recordId })
      .andWhere(PARTICIPANT, { me: user.id })
      .orderBy('a.created_at', 'DESC')
      .getOne();
    return a ? this.toDetail(this.ds.manager, user, a) : null;
  }

  /** Ids of these approvals whose current step the user may decide now. */
  private async actionable(m: EntityManager, user: AuthUser, ids: string[]): Promise<Set<string>> {
    if (!ids.length) return new Set();
    const rows: { id: string }[] = await m.query(positional(`SELECT a.id FROM approvals a WHERE a.id = ANY(:ids) AND ${CAN_ACT}`, ['ids', 'me']), [ids, user.id]);
    return new Set(rows.map((r) => r.id));
  }

  private async summaries(user: AuthUser, rows: Approval[], m: EntityManager = this.ds.manager): Promise<ApprovalSummary[]> {
    const names = await this.users.namesByIds(rows.map((a) => a.submitterId), m);
    const can = await this.actionable(m, user, rows.map((a) => a.id));
    return rows.map((a) => ({
      id: a.id,
      flowName: a.flowName,
      kind: a.kind,
      trigger: a.trigger,
      recordId: a.recordId,
      recordName: a.recordName,
      status: a.status,
      currentStep: a.currentStep,
      stepCount: a.steps.length,
      submitterId: a.submitterId,
      submitterName: names.get(a.submitterId) ?? null,
      canAct: can.has(a.id),
      decidedAt: a.decidedAt,
      createdAt: a.createdAt,
    }));
  }

  private async toDetail(m: EntityManager, user: AuthUser, a: Approval): Promise<ApprovalDetailResponse> {
    const tasks: TaskRow[] = await m.query(
      `SELECT id, step, user_id, status, acted_by_id, acted_at FROM approval_tasks WHERE approval_id = $1 ORDER BY step, created_at, id`,
      [a.id],
    );
    const events: EventRow[] = await m.query(
      `SELECT id, action, step, actor_id, on_behalf_of_id, target_id, comment, created_at FROM approval_events WHERE approval_id = $1 ORDER BY created_at, id`,
      [a.id],
    );
    const names = await this.users.namesByIds(
      [...tasks.flatMap((t) => [t.user_id, t.acted_by_id]), ...events.flatMap((e) => [e.actor_id, e.on_behalf_of_id, e.target_id])],
      m,
    );
    const name = (id: string | null) => (id ? (names.get(id) ?? null) : null);
    const steps: ApprovalStepResponse[] = a.steps.map((s, index) => {
      const mine = tasks.filter((t) => t.step === index);
      const current = a.status === 'rejected' ? 'rejected' : 'pending';
      const status = a.status === 'approved' || index < a.currentStep ? 'approved' : index === a.currentStep ? current : 'waiting';
      return {
        index,
        name: s.name ?? null,
        mode: s.mode,
        status,
        tasks: mine.map((t) => ({
          id: t.id,
          userId: t.user_id,
          userName: name(t.user_id),
          status: t.status,
          actedById: t.acted_by_id,
          actedByName: name(t.acted_by_id),
          actedAt: t.acted_at,
        })),
      };
    });
    const history = events.map((e) => ({
      id: e.id,
      action: e.action,
      step: e.step,
      actorId: e.actor_id,
      actorName: name(e.actor_id),
      onBehalfOfId: e.on_behalf_of_id,
      onBehalfOfName: name(e.on_behalf_of_id),
      targetId: e.target_id,
      targetName: name(e.target_id),
      comment: e.comment,
      createdAt: e.created_at,
    }));
    const [summary] = await this.summaries(user, [a], m);
    return { ...summary, record: a.record, steps, history };
  }
}
