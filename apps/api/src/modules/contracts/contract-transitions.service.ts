import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import Decimal from 'decimal.js';
import { allowedContractActions, type ContractAction } from '@keyuan/shared';
import { AuditService } from '@core/audit/audit.service';
import { atLocalTime, businessDate } from '@core/util/business-date';
import { CurrenciesService } from '@modules/currencies/currencies.service';
import type { AuthUser } from '@core/auth/auth-user';
import { APP_CONFIG, AppConfig } from '@core/config/app-config';
import { DomainEvents } from '@core/events/domain-events';
import { conflict, unprocessable } from '@core/http/domain-error';
import { ApprovalsService } from '@modules/automation/approvals/approvals.service';
import { TasksService } from '@modules/tasks/tasks.service';
import { ContractResponse } from './dto/contract.dto';
import { ContractLines } from './contract-lines';
import { ContractRecords } from './contract-records';
import { Contract } from './contract.entity';
import { ContractsService } from './contracts.service';
import { ContractErrorCode } from './contracts.errors';

/** The fields contract approval flows may test (`amount` in the contract's currency). */
export const CONTRACT_APPROVAL_FIELDS = {
  name: 'string',
  number: 'string',
  currency: 'string',
  amount: 'number',
  /** The amount in the base currency at the day's rate (thresholds hold whatever the contract's currency). */
  baseAmount: 'number',
  /** The largest line discount and the whole discount against list value, % (as quotes). */
  maxLineDiscount: 'number',
  totalDiscount: 'number',
  ownerId: 'user',
  endDate: 'date',
} as const;

/**
 * The contract's status machine: draft → submit → (pending_approval → approved: active | rejected: draft)
 * or active at once when no flow matches; active → terminate → terminated; active → expired (daily job).
 * An action the status does not allow is a 409 listing the allowed ones. Becoming active emits
 * `contract.signed` once, in the activating transaction.
 */
@Injectable()
export class ContractTransitions implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly records: ContractRecords,
    private readonly contracts: ContractsService,
    private readonly approvals: ApprovalsService,
    private readonly tasks: TasksService,
    private readonly events: DomainEvents,
    private readonly audit: AuditService,
    private readonly lines: ContractLines,
    private readonly currencies: CurrenciesService,
  ) {}

  onModuleInit(): void {
    this.approvals.registerKind({ kind: 'contract', triggers: ['submit'], fields: { ...CONTRACT_APPROVAL_FIELDS } });
    this.events.on('approval.approved', async (m, e) => {
      if (e.kind === 'contract') await this.decided(m, e.recordId, 'approved');
    });
    this.events.on('approval.rejected', async (m, e) => {
      if (e.kind === 'contract') await this.decided(m, e.recordId, 'rejected');
    });
  }

  /** Submit a draft: pending_approval when a flow matches, otherwise active (signed) at once. */
  async submit(actor: AuthUser, id: string, ifMatch?: number): Promise<ContractResponse> {
    await this.ds.transaction(async (m) => {
      const c = await this.records.store.update(
        actor,
        id,
        ifMatch,
        (contract) => {
          this.assertAllowed(contract, 'submit');
          if (!new Decimal(contract.amount).gt(0)) throw unprocessable(ContractErrorCode.CONTRACT_NO_AMOUNT, 'A contract needs an amount above zero before it is submitted');
          contract.status = 'pending_approval';
        },
        m,
        'submit',
      );
      const started = await this.approvals.requireApproval('contract', await this.approvalValues(m, c), actor, 'submit', m);
      // no flow applies (under the threshold), or nobody had to decide: signed now
      if (!started || started.status === 'approved') await this.decided(m, c.id, 'approved', actor);
    });
    return this.contracts.get(actor, id);
  }

  /**
   * What approval flows test of a contract: its fields, `baseAmount` (the amount in the base currency at
   * today's rate: a missing rate is a 422, never a silent 1.0) and its lines' discounts, so a contract priced
   * down is seen like a quote.
   */
  async approvalValues(m: EntityManager, c: Contract): Promise<ReturnType<typeof approvalRecord> & { baseAmount: number; maxLineDiscount: number; totalDiscount: number }> {
    const lines = (await this.lines.of(c.id, m)).map(ContractLines.toResolved);
    const t = this.lines.totals(c, lines);
    const base = await this.currencies.convert(c.amount, c.currency, businessDate(new Date(), this.config.timezone), m);
    return { ...approvalRecord(c), baseAmount: Number(base.baseAmount), maxLineDiscount: Number(t.maxLineDiscount), totalDiscount: Number(t.totalDiscount) };
  }

  /** End an active contract early, with a reason. */
  async terminate(actor: AuthUser, id: string, reason: string | undefined, ifMatch?: number): Promise<ContractResponse> {
    await this.records.store.update(
      actor,
      id,
      ifMatch,
      (c) => {
        this.assertAllowed(c, 'terminate');
        c.status = 'terminated';
        c.endedAt = new Date();
        c.terminationReason = reason ?? null;
      },
      undefined,
      'terminate',
    );
    return this.contracts.get(actor, id);
  }

  /**
   * The daily run for business date `today`: active contracts whose end date is before it become
   * `expired` (one audit entry each), and active contracts ending within CONTRACT_RENEWAL_DAYS get one
   * renewal task for their owner: the contract keeps the task's id, set by the same statement that picks
   * it, so a contract never gets a second one, even from two runs at once. Answers the counts.
   */
  async daily(today: string): Promise<{ expired: number; reminded: number }> {
    return this.ds.transaction(async (m) => {
      const expired: { id: string }[] = (
        await m.query(
          `UPDATE contracts SET status = 'expired', ended_at = now(), version = version + 1, updated_at = now()
            WHERE status = 'active' AND deleted_at IS NULL AND end_date < $1::date
            RETURNING id`,
          [today],
        )
      )[0];
      await this.audit.recordMany(m, null, 'expire', 'contract', expired.map((r) => ({ entityId: r.id, changes: [{ field: 'status', old: 'active', new: 'expired' }] })));
      const due: { id: string; number: string; title: string; owner_id: string; department_id: string | null; account_id: string; end_date: string; renewal_task_id: string }[] = (
        await m.query(
          `UPDATE contracts SET renewal_task_id = gen_random_uuid()
            WHERE status = 'active' AND deleted_at IS NULL AND renewal_task_id IS NULL AND owner_id IS NOT NULL
              AND end_date >= $1::date AND end_date <= $1::date + $2::int
            RETURNING id, number, title, owner_id, department_id, account_id, to_char(end_date, 'YYYY-MM-DD') AS end_date, renewal_task_id`,
          [today, this.config.contractRenewalDays],
        )
      )[0];
      await this.tasks.createSystemTasks(
        m,
        due.map((c) => ({
          id: c.renewal_task_id,
          title: `续约跟进 Renewal: ${c.number} ${c.title}`,
          description: `合同 ${c.number} 将于 ${c.end_date} 到期，请联系客户续约。 Contract ${c.number} ends on ${c.end_date}: talk to the customer about renewing.`,
          dueAt: atLocalTime(c.end_date, '09:00', this.config.timezone),
          assigneeId: c.owner_id,
          departmentId: c.department_id,
          accountId: c.account_id,
          priority: 'high',
        })),
      );
      await this.audit.recordMany(m, null, 'renewal', 'contract', due.map((c) => ({ entityId: c.id, changes: [{ field: 'renewalTaskId', old: null, new: c.renewal_task_id }] })));
      return { expired: expired.length, reminded: due.length };
    });
  }

  private assertAllowed(c: Contract, action: ContractAction): void {
    const allowed = allowedContractActions(c.status);
    if (!allowed.includes(action)) {
      throw conflict(
        ContractErrorCode.CONTRACT_ILLEGAL_TRANSITION,
        `A contract in status ${c.status} cannot ${action}; allowed: ${allowed.join(', ') || 'none'}`,
        undefined,
        { allowed },
        { params: { action, status: c.status, allowed: allowed.join(', ') || '—' } },
      );
    }
  }

  /** The approval's outcome, in its transaction: a contract still waiting becomes active (signed, with the event) or goes back to draft. */
  private async decided(m: EntityManager, id: string, outcome: 'approved' | 'rejected', actor: AuthUser | null = null): Promise<void> {
    const c = await this.records.store.get(null, id, m, { lock: true });
    if (c.status !== 'pending_approval') return;
    if (outcome === 'rejected') {
      c.status = 'draft';
      await m.getRepository(Contract).save(c);
      await this.audit.record(m, actor, 'reject', 'contract', id, [{ field: 'status', old: 'pending_approval', new: 'draft' }]);
      return;
    }
    c.status = 'active';
    c.activatedAt = new Date();
    await m.getRepository(Contract).save(c);
    await this.audit.record(m, actor, 'activate', 'contract', id, [{ field: 'status', old: 'pending_approval', new: 'active' }]);
    await this.events.emit(m, 'contract.signed', {
      contractId: c.id,
      number: c.number,
      accountId: c.accountId,
      amount: c.amount,
      currency: c.currency,
      paymentTerms: c.paymentTerms,
      ownerId: c.ownerId,
      signDate: c.signDate,
      startDate: c.startDate,
      endDate: c.endDate,
    });
  }
}

export function approvalRecord(c: Contract) {
  return {
    id: c.id,
    name: `${c.number} ${c.name}`,
    number: c.number,
    currency: c.currency,
    amount: Number(c.amount),
    ownerId: c.ownerId,
    endDate: c.endDate,
  };
}
