import { HttpStatus, Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import Decimal from 'decimal.js';
import { AuditService } from '@core/audit/audit.service';
import type { AuthUser } from '@core/auth/auth-user';
import { DomainEvents } from '@core/events/domain-events';
import { badRequest, conflict, DomainError, notFound } from '@core/http/domain-error';
import { UsersService } from '@modules/admin/users/users.service';
import { CurrenciesService } from '@modules/currencies/currencies.service';
import { CurrencyErrorCode } from '@modules/currencies/currencies.errors';
import { TasksService } from '@modules/tasks/tasks.service';
import {
  CreatePaymentPlanDto,
  InstallmentPage,
  InstallmentResponse,
  InstallmentStatus,
  QueryInstallmentsDto,
} from './dto/payments.dto';
import { FinanceLedger, LedgerRow } from './finance-ledger';
import { decodeCursor, encodeCursor, Where } from './finance-page';
import { addDays, planDigits, planDifference, percentTotal, proposePlan, splitByPercent } from './payment-terms';
import { PaymentErrorCode } from './payments.errors';

export interface InstallmentRow {
  id: string;
  contract_id: string;
  contract_number: string;
  contract_title: string;
  account_id: string;
  position: number;
  due_date: string;
  amount: string;
  percent: string | null;
  received: string;
  status: InstallmentStatus;
  currency: string;
  owner_id: string | null;
  department_id: string | null;
  reminder_task_id: string | null;
  version: number;
}

export const INSTALLMENT_COLUMNS = `i.id, i.contract_id, l.contract_number, l.contract_title, l.account_id, i.position, to_char(i.due_date, 'YYYY-MM-DD') AS due_date,
  i.amount::text AS amount, i.percent::text AS percent, i.received::text AS received, i.status, i.currency, i.owner_id, i.department_id, i.reminder_task_id, i.version`;

/** The status an installment has with `received` on business date `today`. */
export function installmentStatus(
  amount: string,
  received: string,
  dueDate: string,
  today: string,
): InstallmentStatus {
  const r = new Decimal(received);
  if (r.gte(amount)) return 'paid';
  if (dueDate < today) return 'overdue';
  return r.gt(0) ? 'partially_paid' : 'pending';
}

/**
 * Payment plans (回款计划): the installments of a contract. Given by finance (amounts or percentages that
 * must add up to the contract amount exactly) or proposed from the payment terms when `contract.signed`
 * fires. The daily job marks installments past due as overdue and gives each one reminder task.
 */
@Injectable()
export class PaymentPlansService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly ledger: FinanceLedger,
    private readonly audit: AuditService,
    private readonly events: DomainEvents,
    private readonly users: UsersService,
    private readonly tasks: TasksService,
    private readonly currencies: CurrenciesService,
  ) {
    audit.registerKind({
      entityType: 'payment_installment',
      module: 'payments',
      alias: 'pi',
      scope: { owner: 'pi.owner_id', department: 'pi.department_id' },
      table: () => 'payment_installments',
    });
  }

  onModuleInit(): void {
    // a contract changing hands takes its finance along in the same transaction: the open installments (and
    // their open overdue reminders) belong to the new owner at once, so the next reminders go to them
    this.events.on('record.ownerChanged', async (m, e) => {
      if (e.entityType !== 'contract') return;
      const c = await this.ledger.follow(m, e.entityId);
      const reminders: { reminder_task_id: string }[] = await m.query(
        `SELECT reminder_task_id FROM payment_installments
          WHERE contract_id = $1 AND deleted_at IS NULL AND reminder_task_id IS NOT NULL AND received < amount`,
        [c.id],
      );
      await this.tasks.reassignOpen(m, reminders.map((r) => r.reminder_task_id), c.ownerId, c.departmentId);
    });
    // the proposal is made in the signing transaction: a contract is never active without its plan
    this.events.on('contract.signed', async (m, e) => {
      const c = await this.ledger.signedContract(null, e.contractId, m);
      const l = await this.ledger.lock(m, c);
      const [{ n }]: { n: number }[] = await m.query(
        `SELECT count(*)::int AS n FROM payment_installments WHERE contract_id = $1 AND deleted_at IS NULL`,
        [c.id],
      );
      if (n > 0 || !new Decimal(c.amount).gt(0)) return;
      const digits = planDigits(c.amount, this.currencies.minorUnits(c.currency));
      const plan = proposePlan(c.amount, c.paymentTerms, e.signDate ?? l.rate_date, digits);
      await this.insert(
        m,
        null,
        l,
        plan.map((p) => ({ dueDate: p.dueDate, amount: p.amount, percent: p.percent })),
      );
    });
  }

  /** Replaces the plan of a signed contract (409 once money was received against it). */
  async create(
    actor: AuthUser,
    contractId: string,
    dto: CreatePaymentPlanDto,
  ): Promise<InstallmentResponse[]> {
    await this.ds.transaction(async (m) => {
      const c = await this.ledger.signedContract(actor, contractId, m);
      const l = await this.ledger.lock(m, c);
      const digits = planDigits(c.amount, this.currencies.minorUnits(c.currency));
      const items = [...dto.installments].sort((a, b) => a.dueDate.localeCompare(b.dueDate));
      const byPercent = items.every((i) => i.percent !== undefined && i.amount === undefined);
      const byAmount = items.every((i) => i.amount !== undefined && i.percent === undefined);
      if (!byPercent && !byAmount) {
        throw badRequest(
          PaymentErrorCode.PAYMENT_PLAN_MIXED,
          'installments',
          'Give every installment an amount, or every installment a percent',
        );
      }
      if (byAmount) {
        for (const [i, it] of dto.installments.entries()) {
          if (new Decimal(it.amount!).decimalPlaces() > digits) {
            throw badRequest(
              CurrencyErrorCode.AMOUNT_TOO_PRECISE,
              `installments[${i}].amount`,
              `${c.currency} amounts have at most ${digits} decimals`,
              { params: { currency: c.currency, minorUnits: digits } },
            );
          }
          if (!new Decimal(it.amount!).gt(0)) {
            throw badRequest(
              'VALIDATION_FAILED',
              `installments[${i}].amount`,
              `amount must be above zero with at most ${digits} decimals`,
            );
          }
        }
      }
      const amounts = byPercent
        ? splitByPercent(
            c.amount,
            items.map((i) => i.percent!),
            digits,
          )
        : items.map((i) => new Decimal(i.amount!).toFixed(digits));
      const zero = amounts.findIndex((a) => !new Decimal(a).gt(0));
      if (zero >= 0 && byPercent) {
        throw badRequest('VALIDATION_FAILED', `installments[${zero}].percent`, 'The share rounds to nothing of the contract amount');
      }
      const difference = planDifference(c.amount, amounts, digits);
      const percentOff = byPercent && percentTotal(items.map((i) => i.percent!)) !== '100';
      if (
        percentOff ||
        difference !== new Decimal(0).toFixed(digits) ||
        amounts.some((a) => !new Decimal(a).gt(0))
      ) {
        const actual = byPercent
          ? percentTotal(items.map((i) => i.percent!))
          : new Decimal(c.amount).minus(difference).toFixed(digits);
        throw new DomainError(
          PaymentErrorCode.PAYMENT_PLAN_SUM_MISMATCH,
          HttpStatus.UNPROCESSABLE_ENTITY,
          byPercent
            ? `The percentages add up to ${actual}%, not 100%`
            : `The installments add up to ${actual}, the contract amount is ${c.amount} (difference ${difference})`,
          undefined,
          {
            params: {
              expected: byPercent ? '100' : new Decimal(c.amount).toFixed(digits),
              actual,
              difference: byPercent ? new Decimal(100).minus(actual).toFixed() : difference,
              unit: byPercent ? 'percent' : c.currency,
            },
          },
          {
            params: {
              expected: byPercent ? '100%' : c.amount,
              actual: byPercent ? `${actual}%` : actual,
              difference: byPercent ? `${new Decimal(100).minus(actual).toFixed()}%` : difference,
            },
          },
        );
      }
      const [{ paid }]: { paid: boolean }[] = await m.query(
        // money in without a plan (a contract signed before finance existed) counts too: a new plan would owe it again
        `SELECT EXISTS (SELECT 1 FROM payment_installments WHERE contract_id = $1 AND deleted_at IS NULL AND received > 0)
             OR EXISTS (SELECT 1 FROM finance_ledgers WHERE contract_id = $1 AND received > 0) AS paid`,
        [c.id],
      );
      if (paid)
        throw conflict(
          PaymentErrorCode.PAYMENT_PLAN_HAS_PAYMENTS,
          'The plan has received payments; reverse them before replacing it',
        );
      const old: { id: string }[] = (
        await m.query(
          `UPDATE payment_installments SET deleted_at = now(), updated_at = now() WHERE contract_id = $1 AND deleted_at IS NULL RETURNING id`,
          [c.id],
        )
      )[0];
      await this.audit.recordMany(
        m,
        actor,
        'delete',
        'payment_installment',
        old.map((o) => ({ entityId: o.id, changes: [] })),
      );
      await this.insert(
        m,
        actor,
        l,
        items.map((it, i) => ({ dueDate: it.dueDate, amount: amounts[i], percent: it.percent ?? null })),
      );
    });
    return this.ofContract(actor, contractId);
  }

  /** Inserts installments (their sum already checked) under the ledger lock `l`. */
  async insert(
    m: EntityManager,
    actor: AuthUser | null,
    l: LedgerRow,
    items: { dueDate: string; amount: string; percent: string | null }[],
  ): Promise<void> {
    const today = this.ledger.today();
    const rows: { id: string; position: number; due_date: string; amount: string }[] = await m.query(
      `INSERT INTO payment_installments (contract_id, position, due_date, amount, percent, status, currency, owner_id, department_id)
       SELECT $1, p.ord, p.due, p.amount, p.percent, CASE WHEN p.due < $6::date THEN 'overdue' ELSE 'pending' END, $2, $3, $4
         FROM unnest($5::date[], $7::numeric[], $8::numeric[]) WITH ORDINALITY AS p(due, amount, percent, ord)
       RETURNING id, position, to_char(due_date, 'YYYY-MM-DD') AS due_date, amount::text AS amount`,
      [
        l.contract_id,
        l.currency,
        l.owner_id,
        l.department_id,
        items.map((i) => i.dueDate),
        today,
        items.map((i) => i.amount),
        items.map((i) => i.percent),
      ],
    );
    await this.audit.recordMany(
      m,
      actor,
      'create',
      'payment_installment',
      rows.map((r) => ({
        entityId: r.id,
        changes: [
          { field: 'contractId', old: null, new: l.contract_id },
          { field: 'dueDate', old: null, new: r.due_date },
          { field: 'amount', old: null, new: r.amount },
        ],
      })),
    );
  }

  /** The plan of a contract in the actor's finance scope (404 otherwise). */
  async forContract(actor: AuthUser, contractId: string): Promise<InstallmentResponse[]> {
    await this.ledger.contractInScope(actor, contractId);
    return this.ofContract(actor, contractId);
  }

  async ofContract(
    actor: AuthUser,
    contractId: string,
    m: EntityManager = this.ds.manager,
  ): Promise<InstallmentResponse[]> {
    const w = new Where().add('i.contract_id = ?', contractId).add('i.deleted_at IS NULL');
    const s = this.ledger.scope(actor, 'i.contract_id', w.next);
    w.raw(s.sql, s.params);
    const rows: InstallmentRow[] = await m.query(
      `SELECT ${INSTALLMENT_COLUMNS} FROM payment_installments i JOIN finance_ledgers l ON l.contract_id = i.contract_id ${w.sql} ORDER BY i.due_date, i.position`,
      w.params,
    );
    return this.toResponses(rows, m);
  }

  async list(actor: AuthUser, q: QueryInstallmentsDto): Promise<InstallmentPage> {
    const limit = q.limit ?? 50;
    const w = new Where().add('i.deleted_at IS NULL');
    if (q.contractId) w.add('i.contract_id = ?', q.contractId);
    if (q.accountId) w.add('l.account_id = ?', q.accountId);
    if (q.status) w.add('i.status = ?', q.status);
    if (q.ownerId) w.add('i.owner_id = ?', q.ownerId);
    if (q.dueDateFrom) w.add('i.due_date >= ?::date', q.dueDateFrom);
    if (q.dueDateTo) w.add('i.due_date <= ?::date', q.dueDateTo);
    const s = this.ledger.scope(actor, 'i.contract_id', w.next);
    w.raw(s.sql, s.params);
    const from = `FROM payment_installments i JOIN finance_ledgers l ON l.contract_id = i.contract_id`;
    const [{ total }]: { total: number }[] = await this.ds.query(
      `SELECT count(*)::int AS total ${from} ${w.sql}`,
      w.params,
    );
    if (q.cursor) {
      const [due, id] = decodeCursor(q.cursor);
      w.add('(i.due_date, i.id) > (?::date, ?::uuid)', due, id);
    }
    const rows: InstallmentRow[] = await this.ds.query(
      `SELECT ${INSTALLMENT_COLUMNS} ${from} ${w.sql} ORDER BY i.due_date, i.id LIMIT ${limit + 1}`,
      w.params,
    );
    const more = rows.length > limit;
    const page = rows.slice(0, limit);
    return {
      data: await this.toResponses(page),
      nextCursor: more ? encodeCursor(page[page.length - 1].due_date, page[page.length - 1].id) : null,
      total,
    };
  }

  async get(actor: AuthUser, id: string): Promise<InstallmentResponse> {
    const w = new Where().add('i.id = ?', id).add('i.deleted_at IS NULL');
    const s = this.ledger.scope(actor, 'i.contract_id', w.next);
    w.raw(s.sql, s.params);
    const rows: InstallmentRow[] = await this.ds.query(
      `SELECT ${INSTALLMENT_COLUMNS} FROM payment_installments i JOIN finance_ledgers l ON l.contract_id = i.contract_id ${w.sql}`,
      w.params,
    );
    if (!rows.length) throw notFound('payment_installment');
    return (await this.toResponses(rows))[0];
  }

  async toResponses(
    rows: InstallmentRow[],
    m: EntityManager = this.ds.manager,
  ): Promise<InstallmentResponse[]> {
    const names = await this.users.namesByIds(
      rows.map((r) => r.owner_id),
      m,
    );
    return rows.map((r) => ({
      id: r.id,
      contractId: r.contract_id,
      contractNumber: r.contract_number,
      contractTitle: r.contract_title,
      accountId: r.account_id,
      position: r.position,
      dueDate: r.due_date,
      amount: this.currencies.format(r.amount, r.currency),
      percent: r.percent === null ? null : new Decimal(r.percent).toFixed(),
      received: this.currencies.format(r.received, r.currency),
      outstanding: this.currencies.format(new Decimal(r.amount).minus(r.received).toFixed(), r.currency),
      currency: r.currency,
      status: r.status,
      ownerId: r.owner_id,
      ownerName: r.owner_id ? (names.get(r.owner_id) ?? null) : null,
      reminderTaskId: r.reminder_task_id,
      version: r.version,
    }));
  }

  /**
   * The daily run for business date `today`: open installments past due become `overdue` (audited), and
   * each overdue installment with an owner gets one reminder task, its id set by the statement that picks
   * it, so two runs never remind twice. Answers the counts.
   */
  async daily(today: string): Promise<{ overdue: number; reminded: number }> {
    return this.ds.transaction(async (m) => {
      const marked: { id: string; status: string }[] = (
        await m.query(
          // rows a payment is settling right now are skipped (no wait, no deadlock with its lock order): the
          // payment sets their status itself, and tomorrow's run sees them again
          `UPDATE payment_installments SET status = 'overdue', version = version + 1, updated_at = now()
            WHERE id IN (SELECT id FROM payment_installments
                          WHERE deleted_at IS NULL AND status IN ('pending', 'partially_paid') AND due_date < $1::date AND received < amount
                          FOR UPDATE SKIP LOCKED)
              AND status IN ('pending', 'partially_paid') AND received < amount
            RETURNING id`,
          [today],
        )
      )[0];
      await this.audit.recordMany(
        m,
        null,
        'overdue',
        'payment_installment',
        marked.map((r) => ({ entityId: r.id, changes: [{ field: 'status', old: null, new: 'overdue' }] })),
      );
      const due: {
        id: string;
        reminder_task_id: string;
        owner_id: string;
        department_id: string | null;
        due_date: string;
        outstanding: string;
        currency: string;
        contract_number: string;
        account_id: string;
      }[] = (
        await m.query(
          `UPDATE payment_installments i SET reminder_task_id = gen_random_uuid()
             FROM finance_ledgers l
            WHERE l.contract_id = i.contract_id AND i.reminder_task_id IS NULL AND i.status = 'overdue'
              AND i.id IN (SELECT id FROM payment_installments
                            WHERE deleted_at IS NULL AND status = 'overdue' AND reminder_task_id IS NULL AND owner_id IS NOT NULL
                            FOR UPDATE SKIP LOCKED)
            RETURNING i.id, i.reminder_task_id, i.owner_id, i.department_id, to_char(i.due_date, 'YYYY-MM-DD') AS due_date,
                      (i.amount - i.received)::text AS outstanding, i.currency, l.contract_number, l.account_id`,
        )
      )[0];
      await this.tasks.createSystemTasks(
        m,
        due.map((r) => ({ ...r, outstanding: this.currencies.format(r.outstanding, r.currency) })).map((r) => ({
          id: r.reminder_task_id,
          title: `催收回款 Overdue payment: ${r.contract_number} ${r.outstanding} ${r.currency}`,
          description: `合同 ${r.contract_number} 的回款计划于 ${r.due_date} 到期，尚有 ${r.outstanding} ${r.currency} 未收。 The installment of contract ${r.contract_number} due on ${r.due_date} has ${r.outstanding} ${r.currency} outstanding.`,
          dueAt: new Date(`${addDays(today, 1)}T01:00:00Z`),
          assigneeId: r.owner_id,
          departmentId: r.department_id,
          accountId: r.account_id,
          priority: 'high',
        })),
      );
      return { overdue: marked.length, reminded: due.length };
    });
  }
}
