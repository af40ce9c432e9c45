import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import Decimal from 'decimal.js';
import { AuditService } from '@core/audit/audit.service';
import type { AuthUser } from '@core/auth/auth-user';
import { badRequest, conflict, DomainError, notFound } from '@core/http/domain-error';
import { AccountsService } from '@modules/accounts/accounts.service';
import { UsersService } from '@modules/admin/users/users.service';
import { CurrenciesService } from '@modules/currencies/currencies.service';
import {
  CreatePaymentDto,
  PaymentPage,
  PaymentResponse,
  QueryPaymentsDto,
  ReversePaymentDto,
} from './dto/payments.dto';
import type { ContractFacts } from '@modules/contracts/contracts.service';
import { FinanceLedger } from './finance-ledger';
import { decodeCursor, encodeCursor, escapeLike, Where } from './finance-page';
import { installmentStatus } from './payment-plans.service';
import { PaymentErrorCode } from './payments.errors';

interface PaymentRow {
  id: string;
  kind: 'payment' | 'reversal';
  contract_id: string;
  contract_number: string;
  contract_title: string;
  account_id: string;
  amount: string;
  currency: string;
  received_date: string;
  method: PaymentResponse['method'];
  reference_number: string | null;
  payer: string | null;
  notes: string | null;
  reverses_id: string | null;
  reversed_by_id: string | null;
  created_by_id: string | null;
  created_at: Date;
  version: number;
}

const COLUMNS = `p.id, p.kind, p.contract_id, l.contract_number, l.contract_title, p.account_id, p.amount::text AS amount, p.currency,
  to_char(p.received_date, 'YYYY-MM-DD') AS received_date, p.method, p.reference_number, p.payer, p.notes, p.reverses_id, p.reversed_by_id,
  p.created_by_id, p.created_at, p.version`;
const FROM = `FROM payments p JOIN finance_ledgers l ON l.contract_id = p.contract_id`;

/**
 * Payments (回款记录): recorded against a signed contract under its ledger lock (no overshoot, also when many
 * arrive at once), applied to the installments the payer names and then oldest-first; never changed or
 * deleted once confirmed: a reversal is a second, negative record that undoes the allocations.
 */
@Injectable()
export class PaymentsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly ledger: FinanceLedger,
    private readonly audit: AuditService,
    private readonly users: UsersService,
    private readonly accounts: AccountsService,
    private readonly currencies: CurrenciesService,
  ) {
    audit.registerKind({
      entityType: 'payment',
      module: 'payments',
      alias: 'pp',
      scope: { owner: 'pp.owner_id', department: 'pp.department_id' },
      table: () => 'payments',
      // committed events for webhooks and the change feed (`payment.received`, `payment.reversed`)
      events: true,
    });
  }

  async record(actor: AuthUser, dto: CreatePaymentDto): Promise<PaymentResponse> {
    const id = await this.ds.transaction(async (m) =>
      this.recordIn(m, actor, await this.ledger.signedContract(actor, dto.contractId, m), dto),
    );
    return this.get(actor, id);
  }

  /** Records the payment in the caller's transaction (the contract already checked); `actor` null for the demo seeder. Answers the id. */
  async recordIn(
    m: EntityManager,
    actor: AuthUser | null,
    c: ContractFacts,
    dto: CreatePaymentDto,
  ): Promise<string> {
    {
      const currency = dto.currency ?? c.currency;
      if (currency !== c.currency) {
        throw badRequest(
          PaymentErrorCode.PAYMENT_CURRENCY_MISMATCH,
          'currency',
          `A payment of this contract is in ${c.currency}`,
          { params: { currency: c.currency } },
        );
      }
      if (!new Decimal(dto.amount).gt(0))
        throw badRequest('VALIDATION_FAILED', 'amount', 'amount must be above zero');
      this.currencies.assertAmount(dto.amount, currency, 'amount');
      await this.currencies.assertEnabled(currency, 'currency', m);
      // converted at the rate of its received date: none is a 422, never a silent 1.0
      await this.currencies.rateOn(currency, dto.receivedDate, m);
      const l = await this.ledger.lock(m, c);
      const balance = new Decimal(l.amount).minus(l.received);
      if (new Decimal(dto.amount).gt(balance)) {
        const open = this.currencies.format(balance.toFixed(), l.currency);
        throw new DomainError(
          PaymentErrorCode.PAYMENT_EXCEEDS_BALANCE,
          HttpStatus.UNPROCESSABLE_ENTITY,
          `The payment of ${dto.amount} exceeds the contract's open balance of ${open} ${l.currency}`,
          undefined,
          { params: { balance: open, currency: l.currency } },
          { params: { amount: dto.amount, balance: open, currency: l.currency } },
        );
      }
      const [p]: { id: string }[] = await m.query(
        `INSERT INTO payments (contract_id, account_id, kind, amount, currency, received_date, method, reference_number, payer, notes, owner_id, department_id, created_by_id)
         VALUES ($1, $2, 'payment', $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
        [
          c.id,
          c.accountId,
          dto.amount,
          currency,
          dto.receivedDate,
          dto.method,
          dto.referenceNumber ?? null,
          dto.payer ?? null,
          dto.notes ?? null,
          l.owner_id,
          l.department_id,
          actor?.id ?? null,
        ],
      );
      await this.allocate(m, c.id, p.id, dto.amount, dto.installmentIds ?? []);
      await m.query(
        `UPDATE finance_ledgers SET received = received + $2, updated_at = now(), version = version + 1 WHERE contract_id = $1`,
        [c.id, dto.amount],
      );
      await this.audit.record(m, actor, 'create', 'payment', p.id, [
        { field: 'contractId', old: null, new: c.id },
        { field: 'amount', old: null, new: dto.amount },
        { field: 'currency', old: null, new: currency },
        { field: 'receivedDate', old: null, new: dto.receivedDate },
        { field: 'method', old: null, new: dto.method },
        { field: 'referenceNumber', old: null, new: dto.referenceNumber ?? null },
        { field: 'payer', old: null, new: dto.payer ?? null },
      ]);
      return p.id;
    }
  }

  /** Applies `amount` to the named installments in order, then to the rest by due date (oldest first). */
  private async allocate(
    m: EntityManager,
    contractId: string,
    paymentId: string,
    amount: string,
    named: string[],
  ): Promise<void> {
    const open: { id: string; amount: string; received: string; due_date: string }[] = await m.query(
      `SELECT id, amount::text AS amount, received::text AS received, to_char(due_date, 'YYYY-MM-DD') AS due_date
         FROM payment_installments WHERE contract_id = $1 AND deleted_at IS NULL AND received < amount ORDER BY due_date, position`,
      [contractId],
    );
    const byId = new Map(open.map((o) => [o.id, o]));
    for (const [i, id] of named.entries()) {
      if (!byId.has(id))
        throw badRequest(
          PaymentErrorCode.PAYMENT_UNKNOWN_INSTALLMENT,
          `installmentIds[${i}]`,
          'Not an open installment of this contract',
        );
    }
    // an installment named twice is applied once (each share is taken against what it still lacks)
    const first = [...new Set(named)];
    const order = [...first.map((id) => byId.get(id)!), ...open.filter((o) => !first.includes(o.id))];
    let left = new Decimal(amount);
    const today = this.ledger.today();
    for (const inst of order) {
      if (left.lte(0)) break;
      const take = Decimal.min(left, new Decimal(inst.amount).minus(inst.received));
      left = left.minus(take);
      const received = new Decimal(inst.received).plus(take).toFixed();
      await m.query(
        `INSERT INTO payment_allocations (payment_id, installment_id, amount) VALUES ($1, $2, $3)`,
        [paymentId, inst.id, take.toFixed()],
      );
      await m.query(
        `UPDATE payment_installments SET received = $2, status = $3, version = version + 1, updated_at = now() WHERE id = $1`,
        [inst.id, received, installmentStatus(inst.amount, received, inst.due_date, today)],
      );
    }
  }

  /** Undoes a payment with a reversing record (negative amount, negative allocations); the original stays. */
  async reverse(actor: AuthUser, id: string, dto: ReversePaymentDto): Promise<PaymentResponse> {
    const reversalId = await this.ds.transaction(async (m) => {
      const original = await this.row(actor, id, m);
      const c = await this.ledger.signedContract(actor, original.contract_id, m);
      await this.ledger.lock(m, c);
      const [fresh]: { reversed_by_id: string | null; kind: string }[] = await m.query(
        `SELECT reversed_by_id, kind FROM payments WHERE id = $1`,
        [id],
      );
      if (fresh.kind !== 'payment' || fresh.reversed_by_id) {
        throw conflict(
          PaymentErrorCode.PAYMENT_ALREADY_REVERSED,
          fresh.kind !== 'payment' ? 'A reversal cannot be reversed' : 'The payment was already reversed',
        );
      }
      const negative = new Decimal(original.amount).neg().toFixed();
      const reversedOn = dto.receivedDate ?? this.ledger.today();
      await this.currencies.rateOn(original.currency, reversedOn, m);
      const [r]: { id: string }[] = await m.query(
        `INSERT INTO payments (contract_id, account_id, kind, amount, currency, received_date, method, reference_number, payer, notes, reverses_id, owner_id, department_id, created_by_id)
         SELECT contract_id, account_id, 'reversal', $2, currency, $3, method, reference_number, payer, $4, id, owner_id, department_id, $5 FROM payments WHERE id = $1
         RETURNING id`,
        [id, negative, reversedOn, dto.reason ?? null, actor.id],
      );
      await m.query(
        `UPDATE payments SET reversed_by_id = $2, version = version + 1, updated_at = now() WHERE id = $1`,
        [id, r.id],
      );
      const allocations: { installment_id: string; amount: string }[] = await m.query(
        `SELECT installment_id, amount::text AS amount FROM payment_allocations WHERE payment_id = $1`,
        [id],
      );
      const today = this.ledger.today();
      for (const a of allocations) {
        await m.query(
          `INSERT INTO payment_allocations (payment_id, installment_id, amount) VALUES ($1, $2, $3)`,
          [r.id, a.installment_id, new Decimal(a.amount).neg().toFixed()],
        );
        const [inst]: { amount: string; received: string; due_date: string }[] = await m
          .query(
            `UPDATE payment_installments SET received = received - $2, version = version + 1, updated_at = now() WHERE id = $1
           RETURNING amount::text AS amount, received::text AS received, to_char(due_date, 'YYYY-MM-DD') AS due_date`,
            [a.installment_id, a.amount],
          )
          .then((x: [unknown[], number]) => x[0] as { amount: string; received: string; due_date: string }[]);
        await m.query(`UPDATE payment_installments SET status = $2 WHERE id = $1`, [
          a.installment_id,
          installmentStatus(inst.amount, inst.received, inst.due_date, today),
        ]);
      }
      await m.query(
        `UPDATE finance_ledgers SET received = received - $2, updated_at = now(), version = version + 1 WHERE contract_id = $1`,
        [original.contract_id, original.amount],
      );
      await this.audit.record(m, actor, 'reverse', 'payment', id, [
        { field: 'reversedById', old: null, new: r.id },
      ]);
      await this.audit.record(m, actor, 'reversal', 'payment', r.id, [
        { field: 'reversesId', old: null, new: id },
        { field: 'amount', old: null, new: this.currencies.format(negative, original.currency) },
        { field: 'notes', old: null, new: dto.reason ?? null },
      ]);
      return r.id;
    });
    return this.get(actor, reversalId);
  }

  private async row(actor: AuthUser, id: string, m: EntityManager = this.ds.manager): Promise<PaymentRow> {
    const w = new Where().add('p.id = ?', id).add('p.deleted_at IS NULL');
    const s = this.ledger.scope(actor, 'p.contract_id', w.next);
    w.raw(s.sql, s.params);
    const rows: PaymentRow[] = await m.query(`SELECT ${COLUMNS} ${FROM} ${w.sql}`, w.params);
    if (!rows.length) throw notFound('payment');
    return rows[0];
  }

  async get(actor: AuthUser, id: string): Promise<PaymentResponse> {
    return (await this.toResponses([await this.row(actor, id)]))[0];
  }

  /** A confirmed payment never changes: 409 PAYMENT_IMMUTABLE (after the 404 of a payment out of reach). */
  async refuseChange(actor: AuthUser, id: string): Promise<never> {
    await this.row(actor, id);
    throw conflict(
      PaymentErrorCode.PAYMENT_IMMUTABLE,
      'A confirmed payment is never changed or deleted: record a reversal',
    );
  }

  async ofContract(
    actor: AuthUser,
    contractId: string,
    m: EntityManager = this.ds.manager,
  ): Promise<PaymentResponse[]> {
    const w = new Where().add('p.contract_id = ?', contractId).add('p.deleted_at IS NULL');
    const s = this.ledger.scope(actor, 'p.contract_id', w.next);
    w.raw(s.sql, s.params);
    const rows: PaymentRow[] = await m.query(
      `SELECT ${COLUMNS} ${FROM} ${w.sql} ORDER BY p.received_date DESC, p.created_at DESC LIMIT 500`,
      w.params,
    );
    return this.toResponses(rows, m);
  }

  async list(actor: AuthUser, q: QueryPaymentsDto): Promise<PaymentPage> {
    const limit = q.limit ?? 50;
    const w = new Where().add('p.deleted_at IS NULL');
    if (q.contractId) w.add('p.contract_id = ?', q.contractId);
    if (q.accountId) w.add('p.account_id = ?', q.accountId);
    if (q.method) w.add('p.method = ?', q.method);
    if (q.kind) w.add('p.kind = ?', q.kind);
    if (q.receivedDateFrom) w.add('p.received_date >= ?::date', q.receivedDateFrom);
    if (q.receivedDateTo) w.add('p.received_date <= ?::date', q.receivedDateTo);
    if (q.q?.trim()) {
      const like = `%${escapeLike(q.q.trim())}%`;
      w.add('(p.reference_number ILIKE ? OR p.payer ILIKE ? OR l.contract_number ILIKE ?)', like, like, like);
    }
    const s = this.ledger.scope(actor, 'p.contract_id', w.next);
    w.raw(s.sql, s.params);
    const [{ total }]: { total: number }[] = await this.ds.query(
      `SELECT count(*)::int AS total ${FROM} ${w.sql}`,
      w.params,
    );
    if (q.cursor) {
      const [d, id] = decodeCursor(q.cursor);
      w.add('(p.received_date, p.id) < (?::date, ?::uuid)', d, id);
    }
    const rows: PaymentRow[] = await this.ds.query(
      `SELECT ${COLUMNS} ${FROM} ${w.sql} ORDER BY p.received_date DESC, p.id DESC LIMIT ${limit + 1}`,
      w.params,
    );
    const more = rows.length > limit;
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      data: await this.toResponses(page),
      nextCursor: more ? encodeCursor(last.received_date, last.id) : null,
      total,
    };
  }

  private async toResponses(
    rows: PaymentRow[],
    m: EntityManager = this.ds.manager,
  ): Promise<PaymentResponse[]> {
    if (!rows.length) return [];
    const users = await this.users.namesByIds(
      rows.map((r) => r.created_by_id),
      m,
    );
    const accounts = await this.accounts.namesByIds(
      rows.map((r) => r.account_id),
      m,
    );
    const allocations: {
      payment_id: string;
      installment_id: string;
      position: number;
      due_date: string;
      amount: string;
    }[] = await m.query(
      `SELECT a.payment_id, a.installment_id, i.position, to_char(i.due_date, 'YYYY-MM-DD') AS due_date, a.amount::text AS amount
         FROM payment_allocations a JOIN payment_installments i ON i.id = a.installment_id
        WHERE a.payment_id = ANY($1::uuid[]) ORDER BY i.due_date, i.position`,
      [rows.map((r) => r.id)],
    );
    const base = await this.currencies.baseCurrency(m);
    const rate = await this.currencies.rateLookup(
      rows.map((r) => ({ currency: r.currency, date: r.received_date })),
      m,
    );
    const money = (v: string, currency: string) => this.currencies.format(v, currency);
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      contractId: r.contract_id,
      contractNumber: r.contract_number,
      contractTitle: r.contract_title,
      accountId: r.account_id,
      accountName: accounts.get(r.account_id) ?? null,
      amount: money(r.amount, r.currency),
      currency: r.currency,
      ...this.currencies.baseFigures(r.amount, rate(r.currency, r.received_date), base),
      receivedDate: r.received_date,
      method: r.method,
      referenceNumber: r.reference_number,
      payer: r.payer,
      notes: r.notes,
      reversesId: r.reverses_id,
      reversedById: r.reversed_by_id,
      allocations: allocations
        .filter((a) => a.payment_id === r.id)
        .map((a) => ({
          installmentId: a.installment_id,
          position: a.position,
          dueDate: a.due_date,
          amount: money(a.amount, r.currency),
        })),
      createdById: r.created_by_id,
      createdByName: r.created_by_id ? (users.get(r.created_by_id) ?? null) : null,
      createdAt: r.created_at,
      version: r.version,
    }));
  }
}
