import { Inject, Injectable } from '@nestjs/common';
import { CurrenciesService } from '@modules/currencies/currencies.service';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import { AuditService } from '@core/audit/audit.service';
import { RecordHistoryResponse } from '@core/audit/dto/audit-log.dto';
import { DataSource, EntityManager } from 'typeorm';
import { QUOTE_EDITABLE_STATUSES, toChineseCapitalAmount } from '@keyuan/shared';
import type { AuthUser } from '@core/auth/auth-user';
import { APP_CONFIG, AppConfig } from '@core/config/app-config';
import { CsvLocale } from '@core/http/csv-export';
import { badRequest, conflict, DomainError } from '@core/http/domain-error';
import { Page } from '@core/http/keyset';
import { SequencesService } from '@core/sequences/sequences.service';
import { AccountsService } from '@modules/accounts/accounts.service';
import { UsersService } from '@modules/admin/users/users.service';
import { ApprovalsService } from '@modules/automation/approvals/approvals.service';
import { ContactsService } from '@modules/contacts/contacts.service';
import { OpportunitiesService } from '@modules/opportunities/opportunities.service';
import { CreateQuoteDto, ExportQuotesDto, QueryQuotesDto, QuoteResponse, QuoteSummaryResponse, QuoteVersionsResponse, UpdateQuoteDto } from './dto/quote.dto';
import { QuoteLines } from './quote-lines';
import { QuoteRecords } from './quote-records';
import { Quote } from './quote.entity';
import { QuoteErrorCode } from './quotes.errors';

/** The sequence quote numbers come from (core/sequences). */
export const QUOTE_SEQUENCE = 'quote';

/**
 * Quotes (报价): create and edit with the server's totals, reads with lines, versions, export. Status
 * moves live in QuoteTransitions; the shared record life (scope, list, remove, restore) is QuoteRecords'.
 */
@Injectable()
export class QuotesService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly audit: AuditService,
    private readonly currencies: CurrenciesService,
    private readonly records: QuoteRecords,
    private readonly lines: QuoteLines,
    private readonly sequences: SequencesService,
    private readonly accounts: AccountsService,
    private readonly contacts: ContactsService,
    private readonly opportunities: OpportunitiesService,
    private readonly users: UsersService,
    private readonly approvals: ApprovalsService,
  ) {}

  list(actor: AuthUser, query: QueryQuotesDto): Promise<Page<QuoteSummaryResponse>> {
    return this.records.list(actor, { ...query, q: query.q?.trim().toLowerCase() || undefined });
  }

  exportCsv(actor: AuthUser, query: ExportQuotesDto, res: Response, locale: CsvLocale): Promise<void> {
    return this.records.exportCsv(actor, { ...query, q: query.q?.trim().toLowerCase() || undefined }, res, locale);
  }

  /** The quote if the actor may read it, or must approve it (an approver reads that quote even outside their scope). */
  async readable(actor: AuthUser, id: string, m: EntityManager = this.ds.manager): Promise<Quote> {
    return this.records.find(actor, id, m).catch(async (e: unknown) => {
      if (!(e instanceof DomainError) || !(await this.approvals.isApproverOf('quote', id, actor, m))) throw e;
      return this.records.find(null, id, m);
    });
  }

  async get(actor: AuthUser, id: string): Promise<QuoteResponse> {
    return this.detail(actor, await this.readable(actor, id));
  }

  /** Every revision of the quote's number the actor may read, newest first (404 when the quote itself is out of reach). */
  async versions(actor: AuthUser, id: string): Promise<QuoteVersionsResponse> {
    const q = await this.readable(actor, id);
    const scoped = await this.records.store.query(actor).andWhere('qt.number = :n', { n: q.number }).orderBy('qt.revision', 'DESC').getMany();
    const rows = scoped.some((r) => r.id === q.id) ? scoped : [q];
    return { data: await this.records.toResponses(actor, rows) };
  }

  /** The quote's timeline: its audit entries (changes, status moves, approval steps), newest first; 404 out of reach. */
  async history(actor: AuthUser, id: string): Promise<RecordHistoryResponse> {
    return this.audit.historyOf(actor, 'quote', (await this.readable(actor, id)).id);
  }

  async create(actor: AuthUser, dto: CreateQuoteDto): Promise<QuoteResponse> {
    const saved = await this.ds.transaction(async (m) => {
      const account = await this.assertAccount(m, actor, dto.accountId);
      if (dto.contactId) await this.assertContact(m, actor, dto.contactId, dto.accountId);
      if (dto.opportunityId) await this.assertOpportunity(m, actor, dto.opportunityId, dto.accountId);
      const owner = await this.users.resolveOwner(m, actor, 'quotes', dto.ownerId);
      await this.currencies.assertEnabled(dto.currency ?? 'CNY', 'currency', m);
      const resolved = await this.lines.resolve(m, dto.lines, dto.currency ?? 'CNY');
      const draft = new Quote();
      draft.taxIncluded = dto.taxIncluded ?? true;
      draft.discountPercent = dto.discountPercent ?? '0';
      const totals = this.lines.totals(draft, resolved);
      this.lines.applyTotals(draft, totals);
      // the number last: its counter row stays locked until this transaction ends (gap-free, see SequencesService)
      const { number } = await this.sequences.next(m, QUOTE_SEQUENCE, this.config.quoteNumberFormat);
      const quote = await this.records.store.create(
        actor,
        {
          ...draft,
          number,
          revision: 1,
          superseded: false,
          previousId: null,
          name: dto.name ?? `${account.name} 报价`,
          status: 'draft',
          accountId: dto.accountId,
          contactId: dto.contactId ?? null,
          opportunityId: dto.opportunityId ?? null,
          currency: dto.currency ?? 'CNY',
          validUntil: dto.validUntil ?? null,
          paymentTerms: dto.paymentTerms ?? null,
          notes: dto.notes ?? null,
          custom: dto.custom,
          ownerId: owner.ownerId,
          departmentId: owner.departmentId,
          sentAt: null,
          decidedAt: null,
        },
        m,
      );
      await this.lines.replace(m, quote.id, resolved, totals);
      return quote;
    });
    return this.get(actor, saved.id);
  }

  async update(actor: AuthUser, id: string, dto: UpdateQuoteDto, ifMatch?: number): Promise<QuoteResponse> {
    const { version, lines, ownerId, ...fields } = dto;
    for (const f of ['name', 'currency', 'taxIncluded', 'discountPercent', 'accountId'] as const) {
      if (fields[f] === null) throw badRequest('VALIDATION_FAILED', f, `${f} cannot be empty`);
    }
    if (lines === null) throw badRequest('VALIDATION_FAILED', 'lines', 'lines cannot be empty');
    await this.ds.transaction(async (m) => {
      await this.approvals.assertNotPending('quote', id, m);
      await this.records.store.update(
        actor,
        id,
        ifMatch ?? version,
        async (q) => {
          this.assertEditable(q);
          if (fields.currency && fields.currency !== q.currency) await this.currencies.assertEnabled(fields.currency, 'currency', m);
          const accountId = fields.accountId ?? q.accountId;
          if (fields.accountId && fields.accountId !== q.accountId) await this.assertAccount(m, actor, fields.accountId);
          const contactId = fields.contactId === undefined ? q.contactId : fields.contactId;
          if (contactId && (contactId !== q.contactId || accountId !== q.accountId)) await this.assertContact(m, actor, contactId, accountId);
          const opportunityId = fields.opportunityId === undefined ? q.opportunityId : fields.opportunityId;
          if (opportunityId && (opportunityId !== q.opportunityId || accountId !== q.accountId)) await this.assertOpportunity(m, actor, opportunityId, accountId);
          if (ownerId && ownerId !== q.ownerId) {
            const owner = await this.users.resolveOwner(m, actor, 'quotes', ownerId);
            q.ownerId = owner.ownerId;
            q.departmentId = owner.departmentId;
          }
          Object.assign(q, fields);
          const before = await this.lines.of(q.id, m);
          const resolved = lines ? await this.lines.resolve(m, lines, q.currency) : before.map(QuoteLines.toResolved);
          if (!lines && fields.currency) await this.lines.assertCurrency(m, resolved, q.currency);
          const totals = this.lines.totals(q, resolved);
          this.lines.applyTotals(q, totals);
          await this.lines.replace(m, q.id, resolved, totals);
          return lines ? [{ field: 'lines', old: QuoteLines.summary(before), new: QuoteLines.summary(resolved) }] : [];
        },
        m,
      );
    });
    return this.get(actor, id);
  }

  async remove(actor: AuthUser, id: string, ifMatch?: number): Promise<void> {
    await this.approvals.assertNotPending('quote', id);
    return this.records.remove(actor, id, ifMatch);
  }

  restore(actor: AuthUser, id: string): Promise<QuoteSummaryResponse> {
    return this.records.restore(actor, id);
  }

  /** Accepted quotes (latest revisions) with their lines, oldest first, for other modules' demo seeders (seeding runs as the system: no scope). */
  async demoAccepted(m: EntityManager, limit: number): Promise<QuoteResponse[]> {
    const rows = await this.records.store.query(null, m).andWhere(`qt.status = 'accepted' AND NOT qt.superseded`).orderBy('qt.created_at', 'ASC').limit(limit).getMany();
    const out: QuoteResponse[] = [];
    for (const q of rows) out.push(await this.detail(null, q, m));
    return out;
  }

  /** Quote numbers by id (`-v2` for later revisions), for other modules' responses (no scope: a number is not sensitive). */
  async numbersByIds(ids: (string | null | undefined)[], m: EntityManager = this.ds.manager): Promise<Map<string, string>> {
    const unique = [...new Set(ids.filter((x): x is string => !!x))];
    if (!unique.length) return new Map();
    const rows: { id: string; number: string; revision: number }[] = await m.query(`SELECT id, number, revision FROM quotes WHERE id = ANY($1)`, [unique]);
    return new Map(rows.map((r) => [r.id, r.revision > 1 ? `${r.number}-v${r.revision}` : r.number]));
  }

  /** 409 QUOTE_READ_ONLY unless the quote is a draft or rejected, and the latest revision. */
  assertEditable(q: Quote): void {
    if (q.superseded || !QUOTE_EDITABLE_STATUSES.includes(q.status)) {
      throw conflict(
        QuoteErrorCode.QUOTE_READ_ONLY,
        q.superseded ? 'This revision was superseded by a newer one and stays as it was' : `A quote in status ${q.status} cannot change; revise it instead`,
        undefined,
        undefined,
        { params: { status: q.status } },
      );
    }
  }

  /** The full response: the summary, money, lines and groups, the 大写 amount, the pending approval. */
  async detail(actor: AuthUser | null, q: Quote, m: EntityManager = this.ds.manager): Promise<QuoteResponse> {
    const [summary] = await this.records.toResponses(actor, [q], m);
    const lines = await this.lines.of(q.id, m);
    const totals = this.lines.totals(q, lines.map(QuoteLines.toResolved));
    return {
      ...summary,
      paymentTerms: q.paymentTerms,
      notes: q.notes,
      discountPercent: q.discountPercent,
      subtotal: q.subtotal,
      discountAmount: q.discountAmount,
      taxTotal: q.taxTotal,
      netTotal: q.netTotal,
      grandTotal: q.grandTotal,
      grandTotalInWords: q.currency === 'CNY' ? toChineseCapitalAmount(q.grandTotal) : null,
      maxLineDiscount: q.maxLineDiscount,
      totalDiscount: q.totalDiscount,
      lines: lines.map(QuoteLines.toResponse),
      groups: totals.groups,
      approvalId: q.status === 'pending_approval' ? await this.approvals.pendingId('quote', q.id, m) : null,
    };
  }

  private async assertAccount(m: EntityManager, actor: AuthUser, accountId: string) {
    return this.accounts.getVisible(actor, accountId, m).catch((e: unknown) => {
      if (e instanceof DomainError && e.code === 'NOT_FOUND') throw badRequest(QuoteErrorCode.QUOTE_UNKNOWN_ACCOUNT, 'accountId', 'accountId is not an account you can read');
      throw e;
    });
  }

  /** The opportunity must be one of the quote's account that the actor may read (asked of the opportunities module). */
  private async assertOpportunity(m: EntityManager, actor: AuthUser, opportunityId: string, accountId: string): Promise<void> {
    const opportunity = await this.opportunities.getVisible(actor, opportunityId, m).catch((e: unknown) => {
      if (e instanceof DomainError && e.code === 'NOT_FOUND') return null;
      throw e;
    });
    if (!opportunity || opportunity.accountId !== accountId) {
      throw badRequest(QuoteErrorCode.QUOTE_UNKNOWN_OPPORTUNITY, 'opportunityId', 'opportunityId is not an opportunity of the account that you can read');
    }
  }

  private async assertContact(m: EntityManager, actor: AuthUser, contactId: string, accountId: string): Promise<void> {
    const contact = await this.contacts.getVisible(actor, contactId, m).catch((e: unknown) => {
      if (e instanceof DomainError && e.code === 'NOT_FOUND') throw badRequest(QuoteErrorCode.QUOTE_UNKNOWN_CONTACT, 'contactId', 'contactId is not a contact you can read');
      throw e;
    });
    if (contact.accountId !== accountId) throw badRequest(QuoteErrorCode.QUOTE_CONTACT_MISMATCH, 'contactId', 'contactId must be a contact of the quote\'s account');
  }
}
