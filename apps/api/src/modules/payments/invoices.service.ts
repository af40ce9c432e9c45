import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import Decimal from 'decimal.js';
import { AuditService } from '@core/audit/audit.service';
import type { AuthUser } from '@core/auth/auth-user';
import { badRequest, conflict, DomainError, notFound } from '@core/http/domain-error';
import { SequencesService } from '@core/sequences/sequences.service';
import { AccountsService } from '@modules/accounts/accounts.service';
import {
  CreateInvoiceDto,
  InvoicePage,
  InvoiceResponse,
  InvoiceStatus,
  InvoiceTitleResponse,
  IssueInvoiceDto,
  InvoiceKind,
  QueryInvoicesDto,
  RedLetterInvoiceDto,
  VoidInvoiceDto,
} from './dto/invoices.dto';
import { CurrenciesService } from '@modules/currencies/currencies.service';
import type { ContractFacts } from '@modules/contracts/contracts.service';
import { FinanceLedger } from './finance-ledger';
import { decodeCursor, encodeCursor, escapeLike, Where } from './finance-page';
import { invoiceTax } from './invoice-tax';
import { PaymentErrorCode } from './payments.errors';
import { isValidUscc } from './uscc';

/** The sequence invoice numbers come from (core/sequences): FP, the month, 5 digits. */
export const INVOICE_SEQUENCE = 'invoice';
export const INVOICE_NUMBER_FORMAT = 'FP{yyyyMM}-{seq:5}';

/** Statuses whose amount counts against the contract (void and red-letter free it). */
const COUNTED: InvoiceStatus[] = ['requested', 'issued'];
const NEXT: Record<InvoiceStatus, ('issue' | 'void' | 'red-letter')[]> = {
  requested: ['issue', 'void'],
  issued: ['void', 'red-letter'],
  void: [],
  red_letter: [],
};

interface InvoiceRow {
  id: string;
  number: string;
  contract_id: string;
  contract_number: string;
  account_id: string;
  payment_id: string | null;
  type: InvoiceResponse['type'];
  status: InvoiceStatus;
  kind: InvoiceKind;
  reverses_invoice_id: string | null;
  reversed_by_invoice_id: string | null;
  linked_number: string | null;
  rate_date: string;
  buyer_title: string;
  buyer_tax_no: string | null;
  buyer_address: string | null;
  buyer_phone: string | null;
  buyer_bank: string | null;
  buyer_account: string | null;
  currency: string;
  amount: string;
  tax_rate: string;
  tax_amount: string;
  net_amount: string;
  issue_date: string | null;
  notes: string | null;
  void_reason: string | null;
  created_at: Date;
  version: number;
}

const COLUMNS = `v.id, v.number, v.contract_id, l.contract_number, v.account_id, v.payment_id, v.type, v.status, v.kind, v.reverses_invoice_id,
  v.reversed_by_invoice_id, (SELECT x.number FROM invoices x WHERE x.id = coalesce(v.reverses_invoice_id, v.reversed_by_invoice_id)) AS linked_number,
  to_char(coalesce(v.issue_date, v.created_at::date), 'YYYY-MM-DD') AS rate_date, v.buyer_title, v.buyer_tax_no, v.buyer_address,
  v.buyer_phone, v.buyer_bank, v.buyer_account, v.currency, v.amount::text AS amount, v.tax_rate::text AS tax_rate, v.tax_amount::text AS tax_amount,
  v.net_amount::text AS net_amount, to_char(v.issue_date, 'YYYY-MM-DD') AS issue_date, v.notes, v.void_reason, v.created_at, v.version`;
const FROM = `FROM invoices v JOIN finance_ledgers l ON l.contract_id = v.contract_id`;

/**
 * Invoices (发票记录): requested by finance against a signed contract (the invoiced total never beyond the
 * contract amount, checked under the contract's ledger lock), issued, voided or reversed by a red-letter
 * invoice (红冲), both of which free the amount again. An issued invoice never changes otherwise. The
 * buyer's title details are kept per account (`invoice_titles`, this module's table keyed by account id)
 * and offered for the next invoice.
 */
@Injectable()
export class InvoicesService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly ledger: FinanceLedger,
    private readonly audit: AuditService,
    private readonly sequences: SequencesService,
    private readonly accounts: AccountsService,
    private readonly currencies: CurrenciesService,
  ) {
    audit.registerKind({
      entityType: 'invoice',
      module: 'payments',
      alias: 'iv',
      scope: { owner: 'iv.owner_id', department: 'iv.department_id' },
      table: () => 'invoices',
    });
  }

  async create(actor: AuthUser, dto: CreateInvoiceDto): Promise<InvoiceResponse> {
    if (dto.buyerTaxNo && !isValidUscc(dto.buyerTaxNo)) {
      throw badRequest(
        PaymentErrorCode.INVOICE_TAX_NUMBER_INVALID,
        'buyerTaxNo',
        'buyerTaxNo is not a unified social credit code (18 characters with a valid check character)',
      );
    }
    if (dto.type === 'vat_special') {
      for (const f of ['buyerTaxNo', 'buyerAddress', 'buyerPhone', 'buyerBank', 'buyerAccount'] as const) {
        if (!dto[f])
          throw badRequest(
            PaymentErrorCode.INVOICE_SPECIAL_FIELDS_REQUIRED,
            f,
            `${f} is required on a VAT special invoice`,
            { params: { field: f } },
          );
      }
    }
    if (!new Decimal(dto.amount).gt(0))
      throw badRequest('VALIDATION_FAILED', 'amount', 'amount must be above zero');
    const id = await this.ds.transaction(async (m) =>
      this.createIn(m, actor, await this.ledger.signedContract(actor, dto.contractId, m), dto),
    );
    return this.get(actor, id);
  }

  /** Requests the invoice in the caller's transaction (the contract already checked, the input validated); `actor` null for the demo seeder. */
  async createIn(
    m: EntityManager,
    actor: AuthUser | null,
    c: ContractFacts,
    dto: CreateInvoiceDto,
  ): Promise<string> {
    {
      this.currencies.assertAmount(dto.amount, c.currency, 'amount');
      const l = await this.ledger.lock(m, c);
      if (dto.paymentId) {
        const [p] = await m.query(
          `SELECT 1 FROM payments WHERE id = $1 AND contract_id = $2 AND kind = 'payment' AND deleted_at IS NULL`,
          [dto.paymentId, c.id],
        );
        if (!p)
          throw badRequest(
            PaymentErrorCode.INVOICE_UNKNOWN_PAYMENT,
            'paymentId',
            'paymentId is not a payment of this contract',
          );
      }
      const left = new Decimal(l.amount).minus(l.invoiced);
      if (new Decimal(dto.amount).gt(left)) {
        const available = this.currencies.format(left.toFixed(), l.currency);
        throw new DomainError(
          PaymentErrorCode.INVOICE_EXCEEDS_CONTRACT,
          HttpStatus.UNPROCESSABLE_ENTITY,
          `The invoice of ${dto.amount} exceeds what is left to invoice on the contract: ${available} ${l.currency}`,
          undefined,
          { params: { available, currency: l.currency } },
          { params: { amount: dto.amount, available, currency: l.currency } },
        );
      }
      const tax = invoiceTax(dto.amount, dto.taxRate, this.currencies.minorUnits(l.currency));
      await m.query(
        `UPDATE finance_ledgers SET invoiced = invoiced + $2, updated_at = now(), version = version + 1 WHERE contract_id = $1`,
        [c.id, dto.amount],
      );
      await this.keepTitle(m, c.accountId, dto);
      const { number } = await this.sequences.next(m, INVOICE_SEQUENCE, INVOICE_NUMBER_FORMAT);
      const [row]: { id: string }[] = await m.query(
        `INSERT INTO invoices (number, contract_id, account_id, payment_id, type, status, buyer_title, buyer_tax_no, buyer_address, buyer_phone, buyer_bank, buyer_account,
                               currency, amount, tax_rate, tax_amount, net_amount, notes, owner_id, department_id, created_by_id)
         VALUES ($1, $2, $3, $4, $5, 'requested', $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20) RETURNING id`,
        [
          number,
          c.id,
          c.accountId,
          dto.paymentId ?? null,
          dto.type,
          dto.buyerTitle,
          dto.buyerTaxNo ?? null,
          dto.buyerAddress ?? null,
          dto.buyerPhone ?? null,
          dto.buyerBank ?? null,
          dto.buyerAccount ?? null,
          l.currency,
          dto.amount,
          dto.taxRate,
          tax.taxAmount,
          tax.netAmount,
          dto.notes ?? null,
          l.owner_id,
          l.department_id,
          actor?.id ?? null,
        ],
      );
      await this.audit.record(m, actor, 'create', 'invoice', row.id, [
        { field: 'number', old: null, new: number },
        { field: 'contractId', old: null, new: c.id },
        { field: 'type', old: null, new: dto.type },
        { field: 'amount', old: null, new: dto.amount },
        { field: 'taxRate', old: null, new: dto.taxRate },
        { field: 'buyerTitle', old: null, new: dto.buyerTitle },
      ]);
      return row.id;
    }
  }

  private async keepTitle(m: EntityManager, accountId: string, dto: CreateInvoiceDto): Promise<void> {
    await m.query(
      `INSERT INTO invoice_titles (account_id, buyer_title, buyer_tax_no, buyer_address, buyer_phone, buyer_bank, buyer_account)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (account_id) DO UPDATE SET buyer_title = EXCLUDED.buyer_title,
         buyer_tax_no = coalesce(EXCLUDED.buyer_tax_no, invoice_titles.buyer_tax_no), buyer_address = coalesce(EXCLUDED.buyer_address, invoice_titles.buyer_address),
         buyer_phone = coalesce(EXCLUDED.buyer_phone, invoice_titles.buyer_phone), buyer_bank = coalesce(EXCLUDED.buyer_bank, invoice_titles.buyer_bank),
         buyer_account = coalesce(EXCLUDED.buyer_account, invoice_titles.buyer_account), updated_at = now(), version = invoice_titles.version + 1`,
      [
        accountId,
        dto.buyerTitle,
        dto.buyerTaxNo ?? null,
        dto.buyerAddress ?? null,
        dto.buyerPhone ?? null,
        dto.buyerBank ?? null,
        dto.buyerAccount ?? null,
      ],
    );
  }

  /** The title details last used for the account (404 for an account you cannot read, or none kept yet). */
  async title(actor: AuthUser, accountId: string): Promise<InvoiceTitleResponse> {
    await this.accounts.getVisible(actor, accountId);
    const [t]: {
      account_id: string;
      buyer_title: string;
      buyer_tax_no: string | null;
      buyer_address: string | null;
      buyer_phone: string | null;
      buyer_bank: string | null;
      buyer_account: string | null;
      updated_at: Date;
    }[] = await this.ds.query(`SELECT * FROM invoice_titles WHERE account_id = $1`, [accountId]);
    if (!t) throw notFound('invoice_title');
    return {
      accountId: t.account_id,
      buyerTitle: t.buyer_title,
      buyerTaxNo: t.buyer_tax_no,
      buyerAddress: t.buyer_address,
      buyerPhone: t.buyer_phone,
      buyerBank: t.buyer_bank,
      buyerAccount: t.buyer_account,
      updatedAt: t.updated_at,
    };
  }

  issue(actor: AuthUser, id: string, dto: IssueInvoiceDto): Promise<InvoiceResponse> {
    return this.move(actor, id, 'issue', 'issued', { issueDate: dto.issueDate ?? this.ledger.today() });
  }

  void(actor: AuthUser, id: string, dto: VoidInvoiceDto): Promise<InvoiceResponse> {
    return this.move(actor, id, 'void', 'void', { reason: dto.reason ?? null });
  }

  /**
   * Red letter (红冲): a negative invoice of its own (the next number, status issued, the original's amount,
   * tax and net negated, `reverses_invoice_id` set) and the original moves to red_letter with
   * `reversed_by_invoice_id`, freeing its amount; both audited. Under the ledger lock and the original's row
   * lock, so a second request (also in parallel) sees the first and gets 409 INVOICE_ALREADY_REVERSED (the
   * unique index on reverses_invoice_id backs it). Answers the red-letter invoice.
   */
  async redLetter(actor: AuthUser, id: string, dto: RedLetterInvoiceDto): Promise<InvoiceResponse> {
    const redId = await this.ds.transaction(async (m) => {
      const inv = await this.row(actor, id, m);
      const c = await this.ledger.signedContract(actor, inv.contract_id, m);
      await this.ledger.lock(m, c);
      const [fresh]: { status: InvoiceStatus; kind: InvoiceKind; amount: string; reversed_by_invoice_id: string | null }[] = await m.query(
        `SELECT status, kind, amount::text AS amount, reversed_by_invoice_id FROM invoices WHERE id = $1 FOR UPDATE`,
        [id],
      );
      if (fresh.kind === 'red_letter' || fresh.reversed_by_invoice_id) {
        throw conflict(
          PaymentErrorCode.INVOICE_ALREADY_REVERSED,
          fresh.kind === 'red_letter' ? 'A red-letter invoice cannot be reversed' : 'The invoice already has a red-letter invoice',
        );
      }
      this.assertAllowed(fresh.status, fresh.kind, 'red-letter');
      const issueDate = dto.issueDate ?? this.ledger.today();
      await this.currencies.rateOn(inv.currency, issueDate, m);
      const { number } = await this.sequences.next(m, INVOICE_SEQUENCE, INVOICE_NUMBER_FORMAT);
      const [red]: { id: string; amount: string }[] = await m.query(
        `INSERT INTO invoices (number, kind, contract_id, account_id, payment_id, type, status, buyer_title, buyer_tax_no, buyer_address, buyer_phone, buyer_bank,
                               buyer_account, currency, amount, tax_rate, tax_amount, net_amount, issue_date, notes, reverses_invoice_id, owner_id, department_id, created_by_id)
         SELECT $2, 'red_letter', contract_id, account_id, payment_id, type, 'issued', buyer_title, buyer_tax_no, buyer_address, buyer_phone, buyer_bank,
                buyer_account, currency, -amount, tax_rate, -tax_amount, -net_amount, $3::date, $4, id, owner_id, department_id, $5
           FROM invoices WHERE id = $1
         RETURNING id, amount::text AS amount`,
        [id, number, issueDate, dto.reason ?? null, actor.id],
      );
      await m.query(
        `UPDATE invoices SET status = 'red_letter', reversed_by_invoice_id = $2, void_reason = coalesce($3, void_reason), version = version + 1, updated_at = now() WHERE id = $1`,
        [id, red.id, dto.reason ?? null],
      );
      await m.query(
        `UPDATE finance_ledgers SET invoiced = invoiced - $2, updated_at = now(), version = version + 1 WHERE contract_id = $1`,
        [inv.contract_id, fresh.amount],
      );
      await this.audit.record(m, actor, 'red_letter', 'invoice', id, [
        { field: 'status', old: fresh.status, new: 'red_letter' },
        { field: 'reversedByInvoiceId', old: null, new: red.id },
        ...(dto.reason ? [{ field: 'voidReason', old: null, new: dto.reason }] : []),
      ]);
      await this.audit.record(m, actor, 'create', 'invoice', red.id, [
        { field: 'number', old: null, new: number },
        { field: 'reversesInvoiceId', old: null, new: id },
        { field: 'amount', old: null, new: this.currencies.format(red.amount, inv.currency) },
        { field: 'issueDate', old: null, new: issueDate },
      ]);
      return red.id;
    });
    return this.get(actor, redId);
  }

  /** 409 INVOICE_ILLEGAL_TRANSITION unless `action` is allowed from `status` (a red-letter invoice allows none). */
  private assertAllowed(status: InvoiceStatus, kind: InvoiceKind, action: 'issue' | 'void' | 'red-letter'): void {
    const allowed = kind === 'red_letter' ? [] : NEXT[status];
    if (allowed.includes(action)) return;
    throw conflict(
      PaymentErrorCode.INVOICE_ILLEGAL_TRANSITION,
      `An invoice in status ${status} cannot ${action}; allowed: ${allowed.join(', ') || 'none'}`,
      undefined,
      { allowed },
      { params: { action, status, allowed: allowed.join(', ') || '—' } },
    );
  }

  /** A status move under the contract's ledger lock; leaving a counted status frees the amount. */
  private async move(
    actor: AuthUser,
    id: string,
    action: 'issue' | 'void',
    to: InvoiceStatus,
    o: { issueDate?: string; reason?: string | null },
  ): Promise<InvoiceResponse> {
    await this.ds.transaction(async (m) => {
      const inv = await this.row(actor, id, m);
      const c = await this.ledger.signedContract(actor, inv.contract_id, m);
      await this.ledger.lock(m, c);
      const [fresh]: { status: InvoiceStatus; kind: InvoiceKind; amount: string }[] = await m.query(
        `SELECT status, kind, amount::text AS amount FROM invoices WHERE id = $1 FOR UPDATE`,
        [id],
      );
      this.assertAllowed(fresh.status, fresh.kind, action);
      // an issued invoice is booked at the rate of its issue date: none is a 422, never 1.0
      if (o.issueDate) await this.currencies.rateOn(inv.currency, o.issueDate, m);
      await m.query(
        `UPDATE invoices SET status = $2, issue_date = coalesce($3::date, issue_date), void_reason = coalesce($4, void_reason), version = version + 1, updated_at = now() WHERE id = $1`,
        [id, to, o.issueDate ?? null, o.reason ?? null],
      );
      if (COUNTED.includes(fresh.status) && !COUNTED.includes(to)) {
        await m.query(
          `UPDATE finance_ledgers SET invoiced = invoiced - $2, updated_at = now(), version = version + 1 WHERE contract_id = $1`,
          [inv.contract_id, fresh.amount],
        );
      }
      const changes = [{ field: 'status', old: fresh.status, new: to }];
      if (o.issueDate) changes.push({ field: 'issueDate', old: null as never, new: o.issueDate as never });
      if (o.reason) changes.push({ field: 'voidReason', old: null as never, new: o.reason as never });
      await this.audit.record(m, actor, action, 'invoice', id, changes);
    });
    return this.get(actor, id);
  }

  /** An invoice never changes once requested but through its status moves: 409 INVOICE_ILLEGAL_TRANSITION (404 out of reach). */
  async refuseChange(actor: AuthUser, id: string): Promise<never> {
    const inv = await this.row(actor, id);
    const allowed = inv.kind === 'red_letter' ? [] : NEXT[inv.status];
    throw conflict(
      PaymentErrorCode.INVOICE_ILLEGAL_TRANSITION,
      `An invoice is not edited (status ${inv.status}): void it or issue a red-letter invoice`,
      undefined,
      { allowed },
      { params: { action: 'edit', status: inv.status, allowed: allowed.join(', ') || '—' } },
    );
  }

  private async row(actor: AuthUser, id: string, m: EntityManager = this.ds.manager): Promise<InvoiceRow> {
    const w = new Where().add('v.id = ?', id).add('v.deleted_at IS NULL');
    const s = this.ledger.scope(actor, 'v.contract_id', w.next);
    w.raw(s.sql, s.params);
    const rows: InvoiceRow[] = await m.query(`SELECT ${COLUMNS} ${FROM} ${w.sql}`, w.params);
    if (!rows.length) throw notFound('invoice');
    return rows[0];
  }

  async get(actor: AuthUser, id: string): Promise<InvoiceResponse> {
    return (await this.toResponses([await this.row(actor, id)]))[0];
  }

  async ofContract(
    actor: AuthUser,
    contractId: string,
    m: EntityManager = this.ds.manager,
  ): Promise<InvoiceResponse[]> {
    const w = new Where().add('v.contract_id = ?', contractId).add('v.deleted_at IS NULL');
    const s = this.ledger.scope(actor, 'v.contract_id', w.next);
    w.raw(s.sql, s.params);
    const rows: InvoiceRow[] = await m.query(
      `SELECT ${COLUMNS} ${FROM} ${w.sql} ORDER BY v.created_at DESC, v.id DESC LIMIT 500`,
      w.params,
    );
    return this.toResponses(rows, m);
  }

  async list(actor: AuthUser, q: QueryInvoicesDto): Promise<InvoicePage> {
    const limit = q.limit ?? 50;
    const w = new Where().add('v.deleted_at IS NULL');
    if (q.contractId) w.add('v.contract_id = ?', q.contractId);
    if (q.accountId) w.add('v.account_id = ?', q.accountId);
    if (q.type) w.add('v.type = ?', q.type);
    if (q.status) w.add('v.status = ?', q.status);
    if (q.kind) w.add('v.kind = ?', q.kind);
    if (q.issueDateFrom) w.add('v.issue_date >= ?::date', q.issueDateFrom);
    if (q.issueDateTo) w.add('v.issue_date <= ?::date', q.issueDateTo);
    if (q.q?.trim()) {
      const like = `%${escapeLike(q.q.trim())}%`;
      w.add('(v.number ILIKE ? OR v.buyer_title ILIKE ?)', like, like);
    }
    const s = this.ledger.scope(actor, 'v.contract_id', w.next);
    w.raw(s.sql, s.params);
    const [{ total }]: { total: number }[] = await this.ds.query(
      `SELECT count(*)::int AS total ${FROM} ${w.sql}`,
      w.params,
    );
    if (q.cursor) {
      const [at, id] = decodeCursor(q.cursor);
      w.add('(v.created_at, v.id) < (?::timestamptz, ?::uuid)', at, id);
    }
    const rows: InvoiceRow[] = await this.ds.query(
      `SELECT ${COLUMNS} ${FROM} ${w.sql} ORDER BY v.created_at DESC, v.id DESC LIMIT ${limit + 1}`,
      w.params,
    );
    const more = rows.length > limit;
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      data: await this.toResponses(page),
      nextCursor: more ? encodeCursor(new Date(last.created_at).toISOString(), last.id) : null,
      total,
    };
  }

  private async toResponses(
    rows: InvoiceRow[],
    m: EntityManager = this.ds.manager,
  ): Promise<InvoiceResponse[]> {
    const accounts = await this.accounts.namesByIds(
      rows.map((r) => r.account_id),
      m,
    );
    const base = await this.currencies.baseCurrency(m);
    const rate = await this.currencies.rateLookup(
      rows.map((r) => ({ currency: r.currency, date: r.rate_date })),
      m,
    );
    const money = (v: string, currency: string) => this.currencies.format(v, currency);
    return rows.map((r) => ({
      id: r.id,
      number: r.number,
      contractId: r.contract_id,
      contractNumber: r.contract_number,
      accountId: r.account_id,
      accountName: accounts.get(r.account_id) ?? null,
      paymentId: r.payment_id,
      type: r.type,
      status: r.status,
      kind: r.kind,
      reversesInvoiceId: r.reverses_invoice_id,
      reversedByInvoiceId: r.reversed_by_invoice_id,
      linkedInvoiceNumber: r.linked_number,
      buyerTitle: r.buyer_title,
      buyerTaxNo: r.buyer_tax_no,
      buyerAddress: r.buyer_address,
      buyerPhone: r.buyer_phone,
      buyerBank: r.buyer_bank,
      buyerAccount: r.buyer_account,
      currency: r.currency,
      amount: money(r.amount, r.currency),
      ...this.currencies.baseFigures(r.amount, rate(r.currency, r.rate_date), base),
      taxRate: new Decimal(r.tax_rate).toFixed(),
      taxAmount: money(r.tax_amount, r.currency),
      netAmount: money(r.net_amount, r.currency),
      issueDate: r.issue_date,
      notes: r.notes,
      voidReason: r.void_reason,
      createdAt: r.created_at,
      version: r.version,
    }));
  }
}
