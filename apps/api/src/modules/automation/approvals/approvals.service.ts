import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthUser } from '@core/auth/auth-user';
import { conflict } from '@core/http/domain-error';
import { Approval } from './approval.entity';
import { ApprovalFlowsService } from './approval-flows.service';
import { ApprovalKind, ApprovalKinds } from './approval-kinds';
import { ApprovalSteps } from './approval-steps.service';
import { ApprovalErrorCode } from './approvals.errors';
import { DELEGATORS_OF_ME, positional } from './approval-access';

/** The record a module submits: its id, a display name, and the fields its flows' conditions read. */
export type ApprovalRecord = { id: string; name: string } & Record<string, unknown>;

/** What a module learns when it asks: the approval started (pending), or null when no flow applies. */
export interface StartedApproval {
  id: string;
  status: Approval['status'];
}

const plain = (v: unknown): unknown => (v instanceof Date ? v.toISOString() : v);

/**
 * The approval engine as modules see it. A module registers its kind at start, asks
 * `requireApproval` when a record hits a trigger, refuses edits with `assertNotPending`, lets approvers
 * read the record with `isApproverOf`, and reacts to the `approval.approved` / `approval.rejected`
 * domain events. The engine never writes a module's tables.
 */
@Injectable()
export class ApprovalsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly kinds: ApprovalKinds,
    private readonly flows: ApprovalFlowsService,
    private readonly steps: ApprovalSteps,
  ) {}

  registerKind(kind: ApprovalKind): void {
    this.kinds.register(kind);
  }

  /**
   * Starts an approval when an enabled flow of the kind and trigger matches the record (inside the
   * caller's transaction when given). Answers it (pending, or approved at once when no step needed
   * anyone), or null when no flow applies. 409 APPROVAL_PENDING when the record already waits for one.
   */
  async requireApproval(kind: string, record: ApprovalRecord, actor: AuthUser, trigger = 'submit', manager?: EntityManager): Promise<StartedApproval | null> {
    const run = async (m: EntityManager) => {
      if (!this.kinds.get(kind)) throw new Error(`approval kind ${kind} is not registered`);
      await this.assertNotPending(kind, record.id, m);
      const values = Object.fromEntries(Object.entries(record).map(([k, v]) => [k, plain(v)]));
      const flow = await this.flows.match(m, kind, trigger, values);
      if (!flow) return null;
      const a = await m.getRepository(Approval).save(
        m.getRepository(Approval).create({
          flowId: flow.id,
          flowName: flow.name,
          kind,
          trigger,
          recordId: record.id,
          recordName: String(record.name).slice(0, 200),
          record: values,
          submitterId: actor.id,
          status: 'pending',
          currentStep: 0,
          steps: flow.steps,
          decidedAt: null,
        }),
      );
      await this.steps.log(m, a, 'submit', { user: actor });
      await this.steps.advance(m, a, 0, actor);
      return { id: a.id, status: a.status };
    };
    return manager ? run(manager) : this.ds.transaction(run);
  }

  /** The pending approval of the record, if any. */
  async pendingId(kind: string, id: string, m: EntityManager = this.ds.manager): Promise<string | null> {
    const rows: { id: string }[] = await m.query(`SELECT id FROM approvals WHERE kind = $1 AND record_id = $2 AND status = 'pending'`, [kind, id]);
    return rows[0]?.id ?? null;
  }

  /** Which of these records wait for an approval (one query for a page of records). */
  async pendingIds(kind: string, ids: string[], m: EntityManager = this.ds.manager): Promise<Set<string>> {
    if (!ids.length) return new Set();
    const rows: { record_id: string }[] = await m.query(`SELECT record_id FROM approvals WHERE kind = $1 AND record_id = ANY($2) AND status = 'pending'`, [kind, ids]);
    return new Set(rows.map((r) => r.record_id));
  }

  /** 409 APPROVAL_PENDING (with `approvalId`) while the record waits for an approval: modules call it before edits. */
  async assertNotPending(kind: string, id: string, m: EntityManager = this.ds.manager): Promise<void> {
    const approvalId = await this.pendingId(kind, id, m);
    if (approvalId) {
      throw conflict(ApprovalErrorCode.APPROVAL_PENDING, 'The record is waiting for an approval and cannot change until it is decided', undefined, { approvalId });
    }
  }

  /**
   * Whether the user must (or did) approve this record: an approver of one of its approvals, or the
   * delegate of one now. The owning module then lets them read that record, and only that one.
   */
  async isApproverOf(kind: string, id: string, user: AuthUser, m: EntityManager = this.ds.manager): Promise<boolean> {
    const rows: unknown[] = await m.query(
      positional(
        `SELECT 1 FROM approvals a JOIN approval_tasks t ON t.approval_id = a.id
          WHERE a.kind = :kind AND a.record_id = :id
            AND (t.user_id = :me OR t.acted_by_id = :me OR (a.status = 'pending' AND t.user_id IN (${DELEGATORS_OF_ME})))
          LIMIT 1`,
        ['kind', 'id', 'me'],
      ),
      [kind, id, user.id],
    );
    return rows.length > 0;
  }
}
