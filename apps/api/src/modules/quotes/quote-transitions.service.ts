import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { allowedQuoteActions, type QuoteAction, type QuoteStatus } from '@keyuan/shared';
import { AuditService } from '@core/audit/audit.service';
import { APP_CONFIG, AppConfig } from '@core/config/app-config';
import type { AuthUser } from '@core/auth/auth-user';
import { DomainEvents } from '@core/events/domain-events';
import { conflict, unprocessable } from '@core/http/domain-error';
import { ApprovalsService } from '@modules/automation/approvals/approvals.service';
import { OpportunitiesService } from '@modules/opportunities/opportunities.service';
import { QuoteResponse } from './dto/quote.dto';
import { QuoteLines } from './quote-lines';
import { QuoteRecords } from './quote-records';
import { Quote } from './quote.entity';
import { QuotesService } from './quotes.service';
import { QuoteErrorCode } from './quotes.errors';
import { QuoteLine } from './quote-line.entity';

/** The fields quote approval flows may test (`maxLineDiscount`, `totalDiscount`: %). */
export const QUOTE_APPROVAL_FIELDS = {
  name: 'string',
  number: 'string',
  currency: 'string',
  grandTotal: 'number',
  maxLineDiscount: 'number',
  totalDiscount: 'number',
  taxIncluded: 'boolean',
  ownerId: 'user',
} as const;

/**
 * The quote's status machine: draft → submit → (pending_approval → approved | rejected) → send → sent →
 * accept | decline (| expired by the daily job); revise makes revision n+1 of a sent, declined or expired
 * quote. An action the status does not allow is a 409 listing the allowed ones. Submitting asks the
 * approval engine (kind `quote`, trigger `submit`); without a matching flow the quote is approved at once.
 * Accepting wins the quote's opportunity when `QUOTE_ACCEPT_WINS_OPPORTUNITY` is on (the default).
 */
@Injectable()
export class QuoteTransitions implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly records: QuoteRecords,
    private readonly quotes: QuotesService,
    private readonly approvals: ApprovalsService,
    private readonly events: DomainEvents,
    private readonly audit: AuditService,
    private readonly opportunities: OpportunitiesService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.approvals.registerKind({ kind: 'quote', triggers: ['submit'], fields: { ...QUOTE_APPROVAL_FIELDS } });
    this.events.on('approval.approved', async (m, e) => {
      if (e.kind === 'quote') await this.decided(m, e.recordId, 'approved');
    });
    this.events.on('approval.rejected', async (m, e) => {
      if (e.kind === 'quote') await this.decided(m, e.recordId, 'rejected');
    });
  }

  async act(actor: AuthUser, id: string, action: Exclude<QuoteAction, 'revise'>, ifMatch?: number): Promise<QuoteResponse> {
    await this.ds.transaction(async (m) => {
      const q = await this.records.store.update(
        actor,
        id,
        ifMatch,
        async (quote) => {
          this.assertAllowed(quote, action);
          if (action === 'submit') {
            const lines = await m.getRepository(QuoteLine).count({ where: { quoteId: quote.id } });
            if (!lines) throw unprocessable(QuoteErrorCode.QUOTE_NO_LINES, 'A quote needs at least one line before it is submitted');
            quote.status = 'pending_approval';
          } else if (action === 'send') {
            quote.status = 'sent';
            quote.sentAt = new Date();
          } else {
            quote.status = action === 'accept' ? 'accepted' : 'declined';
            quote.decidedAt = new Date();
          }
        },
        m,
        action,
      );
      if (action === 'accept' && q.opportunityId && this.config.quoteAcceptWinsOpportunity) {
        await this.opportunities.winInTx(actor, q.opportunityId, m);
      }
      if (action !== 'submit') return;
      const started = await this.approvals.requireApproval('quote', approvalRecord(q), actor, 'submit', m);
      // no flow applies (discounts under the threshold), or nobody had to decide: approved now
      if (!started || started.status === 'approved') await this.decided(m, q.id, 'approved', actor);
    });
    return this.quotes.get(actor, id);
  }

  /**
   * Revision n+1 of a sent, declined or expired quote: the same number, its values and lines, as a new
   * draft; the old revision is superseded and read-only from now on. Two revises at once: one wins, the
   * other answers 409 (the old row is locked and re-checked).
   */
  async revise(actor: AuthUser, id: string, ifMatch?: number): Promise<QuoteResponse> {
    const created = await this.ds.transaction(async (m) => {
      const old = await this.records.store.update(
        actor,
        id,
        ifMatch,
        (q) => {
          this.assertAllowed(q, 'revise');
          q.superseded = true;
        },
        m,
        'revise',
      );
      const { id: _id, createdAt: _c, updatedAt: _u, deletedAt: _d, version: _v, ...values } = old;
      const next = await this.records.store.create(
        actor,
        { ...values, revision: old.revision + 1, superseded: false, previousId: old.id, status: 'draft', sentAt: null, decidedAt: null },
        m,
      );
      const lines = await m.getRepository(QuoteLine).find({ where: { quoteId: old.id }, order: { position: 'ASC' } });
      if (lines.length) await m.getRepository(QuoteLine).insert(lines.map((l) => ({ ...QuoteLines.toResolved(l), quoteId: next.id, amount: l.amount, taxAmount: l.taxAmount })));
      return next;
    });
    return this.quotes.get(actor, created.id);
  }

  /**
   * The daily expiry: sent quotes (latest revisions) whose `validUntil` is before `today` (a business
   * date) become `expired`, in one statement with one audit entry each. Answers how many.
   */
  async expireStale(today: string): Promise<number> {
    return this.ds.transaction(async (m) => {
      const [rows]: [{ id: string }[], number] = await m.query(
        `UPDATE quotes SET status = 'expired', decided_at = now(), version = version + 1, updated_at = now()
          WHERE status = 'sent' AND NOT superseded AND deleted_at IS NULL AND valid_until < $1::date
          RETURNING id`,
        [today],
      );
      await this.audit.recordMany(m, null, 'expire', 'quote', rows.map((r) => ({ entityId: r.id, changes: [{ field: 'status', old: 'sent', new: 'expired' }] })));
      return rows.length;
    });
  }

  private assertAllowed(q: Quote, action: QuoteAction): void {
    const allowed = allowedQuoteActions(q.status, q.superseded);
    if (!allowed.includes(action)) {
      throw conflict(
        QuoteErrorCode.QUOTE_ILLEGAL_TRANSITION,
        `A ${q.superseded ? 'superseded ' : ''}quote in status ${q.status} cannot ${action}; allowed: ${allowed.join(', ') || 'none'}`,
        undefined,
        { allowed },
        { params: { action, status: q.status, allowed: allowed.join(', ') || '—' } },
      );
    }
  }

  /** The approval's outcome, in its transaction: a quote still waiting becomes approved or rejected. */
  private async decided(m: EntityManager, id: string, status: Extract<QuoteStatus, 'approved' | 'rejected'>, actor: AuthUser | null = null): Promise<void> {
    const q = await this.records.store.get(null, id, m, { lock: true });
    if (q.status !== 'pending_approval') return;
    q.status = status;
    await m.getRepository(Quote).save(q);
    await this.audit.record(m, actor, status === 'approved' ? 'approve' : 'reject', 'quote', id, [{ field: 'status', old: 'pending_approval', new: status }]);
  }
}

function approvalRecord(q: Quote) {
  return {
    id: q.id,
    name: `${q.number} ${q.name}`,
    number: q.number,
    currency: q.currency,
    grandTotal: Number(q.grandTotal),
    maxLineDiscount: Number(q.maxLineDiscount),
    totalDiscount: Number(q.totalDiscount),
    taxIncluded: q.taxIncluded,
    ownerId: q.ownerId,
  };
}
