import { Inject, Injectable } from '@nestjs/common';
import { CurrenciesService } from '@modules/currencies/currencies.service';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import { AuditService } from '@core/audit/audit.service';
import { RecordHistoryResponse } from '@core/audit/dto/audit-log.dto';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { CONTRACT_EDITABLE_STATUSES, toChineseCapitalAmount, type ContractStatus, type PermissionModule } from '@keyuan/shared';
import { scopeCondition, scopeParams } from '@core/access/data-scope';
import { type AuthUser, scopeOf } from '@core/auth/auth-user';
import { APP_CONFIG, AppConfig } from '@core/config/app-config';
import { CsvLocale } from '@core/http/csv-export';
import { badRequest, conflict, DomainError, notFound } from '@core/http/domain-error';
import { Page } from '@core/http/keyset';
import { SequencesService } from '@core/sequences/sequences.service';
import { DomainEvents } from '@core/events/domain-events';
import { AccountsService } from '@modules/accounts/accounts.service';
import { UsersService } from '@modules/admin/users/users.service';
import { ApprovalsService } from '@modules/automation/approvals/approvals.service';
import { OpportunitiesService } from '@modules/opportunities/opportunities.service';
import { QuotesService } from '@modules/quotes/quotes.service';
import {
  ContractFromQuoteDto,
  ContractResponse,
  ContractSummaryResponse,
  CreateContractDto,
  ExportContractsDto,
  QueryContractsDto,
  TransferContractDto,
  UpdateContractDto,
} from './dto/contract.dto';
import { ContractLines, ResolvedContractLine } from './contract-lines';
import { ContractRecords } from './contract-records';
import { Contract } from './contract.entity';
import { ContractErrorCode } from './contracts.errors';

/** The sequence contract numbers come from (core/sequences). */
export const CONTRACT_SEQUENCE = 'contract';

/** What other modules (finance) need of a contract: plain data, never the entity. */
export interface ContractFacts {
  id: string;
  number: string;
  title: string;
  status: ContractStatus;
  accountId: string;
  currency: string;
  amount: string;
  paymentTerms: string | null;
  signDate: string | null;
  activatedAt: Date | null;
  ownerId: string | null;
  departmentId: string | null;
}

/** A SQL condition on contract ids with its named parameters (TypeORM query builder style). */
export interface ContractScopeFilter {
  /** `SELECT id FROM contracts ...` of the contracts inside the scope; embed as `x.contract_id IN (<sql>)`. */
  sql: string;
  params: Record<string, unknown>;
}

type ContractValues = Omit<Partial<Contract>, 'id' | 'number' | 'version' | 'createdAt' | 'updatedAt' | 'deletedAt'>;

/**
 * Contracts (合同): create (directly or from an accepted quote) and edit with the server's totals, reads
 * with lines, history, export. Status moves live in ContractTransitions; the shared record life (scope,
 * list, remove, restore) is ContractRecords'.
 */
@Injectable()
export class ContractsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly audit: AuditService,
    private readonly records: ContractRecords,
    private readonly lines: ContractLines,
    private readonly sequences: SequencesService,
    private readonly accounts: AccountsService,
    private readonly opportunities: OpportunitiesService,
    private readonly quotes: QuotesService,
    private readonly users: UsersService,
    private readonly approvals: ApprovalsService,
    private readonly events: DomainEvents,
    private readonly currencies: CurrenciesService,
  ) {}

  list(actor: AuthUser, query: QueryContractsDto): Promise<Page<ContractSummaryResponse>> {
    return this.records.list(actor, { ...query, q: query.q?.trim().toLowerCase() || undefined });
  }

  exportCsv(actor: AuthUser, query: ExportContractsDto, res: Response, locale: CsvLocale): Promise<void> {
    return this.records.exportCsv(actor, { ...query, q: query.q?.trim().toLowerCase() || undefined }, res, locale);
  }

  /** The contract if the actor may read it, or must approve it (an approver reads that contract even outside their scope). */
  async readable(actor: AuthUser, id: string, m: EntityManager = this.ds.manager): Promise<Contract> {
    return this.records.find(actor, id, m).catch(async (e: unknown) => {
      if (!(e instanceof DomainError) || !(await this.approvals.isApproverOf('contract', id, actor, m))) throw e;
      return this.records.find(null, id, m);
    });
  }

  /** The contract if it is inside the actor's data scope (approvers outside it may read, not change): 404 otherwise. */
  inScope(actor: AuthUser, id: string, m?: EntityManager): Promise<Contract> {
    return this.records.find(actor, id, m);
  }

  /**
   * The contract if it lies inside the actor's data scope of `module`'s grant (finance reads contracts by
   * its `payments` grant: a rep's own contracts, a manager's department, finance all); 404 otherwise.
   * `actor` null: any live contract (event handlers, seeders).
   */
  async factsInScope(actor: AuthUser | null, id: string, module: PermissionModule, m: EntityManager = this.ds.manager): Promise<ContractFacts> {
    const qb = this.records.store.query(null, m).andWhere('ct.id = :__cid', { __cid: id });
    const scoped = actor ? this.scopeFilter(actor, module) : null;
    if (scoped) qb.andWhere(`ct.id IN (${scoped.sql})`, scoped.params);
    const c = await qb.getOne();
    if (!c) throw notFound('contract');
    return {
      id: c.id,
      number: c.number,
      title: c.name,
      status: c.status,
      accountId: c.accountId,
      currency: c.currency,
      amount: c.amount,
      paymentTerms: c.paymentTerms,
      signDate: c.signDate,
      activatedAt: c.activatedAt,
      ownerId: c.ownerId,
      departmentId: c.departmentId,
    };
  }

  /** Signed demo contracts (active, expired, terminated) with an owner, oldest first: the finance demo seeder's. */
  async demoSigned(m: EntityManager, limit = 20): Promise<ContractFacts[]> {
    const rows = await this.records.store
      .query(null, m)
      .andWhere(`ct.status IN ('active', 'expired', 'terminated')`)
      .andWhere('ct.owner_id IS NOT NULL')
      .orderBy('ct.created_at', 'ASC')
      .addOrderBy('ct.id', 'ASC')
      .limit(limit)
      .getMany();
    return Promise.all(rows.map((c) => this.factsInScope(null, c.id, 'payments', m)));
  }

  /**
   * The contracts inside the actor's data scope of `module`'s grant, as a sub-select for another module's
   * query (`x.contract_id IN (sql)`); null when the scope is everything (no condition needed).
   */
  scopeFilter(actor: AuthUser, module: PermissionModule): ContractScopeFilter | null {
    const condition = scopeCondition(actor, scopeOf(actor, module), { owner: 'sct.owner_id', department: 'sct.department_id' });
    if (!condition) return null;
    return { sql: `SELECT sct.id FROM contracts sct WHERE sct.deleted_at IS NULL AND ${condition}`, params: scopeParams(actor) };
  }

  /** Titles of live contracts by id (no scope: other modules name the contracts their records link to). */
  titlesByIds(ids: (string | null | undefined)[], m?: EntityManager): Promise<Map<string, string>> {
    return this.records.namesByIds(ids, m);
  }

  async get(actor: AuthUser, id: string): Promise<ContractResponse> {
    return this.detail(actor, await this.readable(actor, id));
  }

  /** The contract's timeline: its audit entries (changes, status moves, approval steps, attachments), newest first; 404 out of reach. */
  async history(actor: AuthUser, id: string): Promise<RecordHistoryResponse> {
    return this.audit.historyOf(actor, 'contract', (await this.readable(actor, id)).id);
  }

  async create(actor: AuthUser, dto: CreateContractDto): Promise<ContractResponse> {
    const saved = await this.ds.transaction(async (m) => {
      const account = await this.assertAccount(m, actor, dto.accountId);
      if (dto.opportunityId) await this.assertOpportunity(m, actor, dto.opportunityId, dto.accountId);
      const currency = dto.currency ?? 'CNY';
      await this.currencies.assertEnabled(currency, 'currency', m);
      const resolved = await this.lines.resolve(m, dto.lines ?? [], currency);
      if (!resolved.length && dto.amount === undefined) throw badRequest(ContractErrorCode.CONTRACT_AMOUNT_REQUIRED, 'amount', 'amount is required for a contract without lines');
      return this.insert(m, actor, dto.ownerId, resolved, {
        name: dto.title ?? `${account.name} 合同`,
        accountId: dto.accountId,
        opportunityId: dto.opportunityId ?? null,
        quoteId: null,
        currency,
        amount: dto.amount ?? '0',
        taxIncluded: dto.taxIncluded ?? true,
        discountPercent: dto.discountPercent ?? '0',
        ...this.terms(dto),
      });
    });
    return this.get(actor, saved.id);
  }

  /**
   * A draft contract from an accepted quote (409 CONTRACT_QUOTE_NOT_ACCEPTED otherwise; 404 for a quote out
   * of reach): its account, opportunity, currency, price convention, discount and lines are copied, so the
   * amount is the quote's grand total. One live contract per quote (409 CONTRACT_QUOTE_TAKEN).
   */
  async createFromQuote(actor: AuthUser, quoteId: string, dto: ContractFromQuoteDto): Promise<ContractResponse> {
    const quote = await this.quotes.get(actor, quoteId);
    if (quote.status !== 'accepted') {
      throw conflict(ContractErrorCode.CONTRACT_QUOTE_NOT_ACCEPTED, `A contract is made from an accepted quote; this one is ${quote.status}`, undefined, undefined, { params: { status: quote.status } });
    }
    const saved = await this.ds
      .transaction(async (m) => {
        await this.assertQuoteFree(m, quoteId);
        const resolved: ResolvedContractLine[] = quote.lines.map((l) => ({
          position: l.position,
          groupName: l.group,
          productId: l.productId,
          name: l.name,
          description: l.description,
          unit: l.unit,
          quantity: l.quantity,
          unitPrice: l.unitPrice,
          discountPercent: l.discountPercent,
          taxRate: l.taxRate,
        }));
        return this.insert(m, actor, dto.ownerId, resolved, {
          name: dto.title ?? quote.name.replace(/报价$/, '合同'),
          accountId: quote.accountId,
          opportunityId: quote.opportunityId,
          quoteId: quote.id,
          currency: quote.currency,
          amount: quote.grandTotal,
          taxIncluded: quote.taxIncluded,
          discountPercent: quote.discountPercent,
          ...this.terms({ paymentTerms: quote.paymentTerms, ...dto }),
        });
      })
      .catch((e: unknown) => {
        // two at once: the unique index on quote_id decides
        if (e instanceof QueryFailedError && (e.driverError as { constraint?: string }).constraint === 'uq_contracts_quote') {
          throw conflict(ContractErrorCode.CONTRACT_QUOTE_TAKEN, 'This quote already has a contract');
        }
        throw e;
      });
    return this.get(actor, saved.id);
  }

  async update(actor: AuthUser, id: string, dto: UpdateContractDto, ifMatch?: number): Promise<ContractResponse> {
    const { version, lines, ownerId, title, ...fields } = dto;
    for (const f of ['currency', 'taxIncluded', 'discountPercent', 'accountId', 'amount'] as const) {
      if (fields[f] === null) throw badRequest('VALIDATION_FAILED', f, `${f} cannot be empty`);
    }
    if (title === null) throw badRequest('VALIDATION_FAILED', 'title', 'title cannot be empty');
    if (lines === null) throw badRequest('VALIDATION_FAILED', 'lines', 'lines cannot be empty');
    await this.ds.transaction(async (m) => {
      await this.approvals.assertNotPending('contract', id, m);
      let fromOwnerId: string | null = null;
      const saved = await this.records.store.update(
        actor,
        id,
        ifMatch ?? version,
        async (c) => {
          this.assertEditable(c);
          if (fields.currency && fields.currency !== c.currency) await this.currencies.assertEnabled(fields.currency, 'currency', m);
          const accountId = fields.accountId ?? c.accountId;
          if (fields.accountId && fields.accountId !== c.accountId) await this.assertAccount(m, actor, fields.accountId);
          const opportunityId = fields.opportunityId === undefined ? c.opportunityId : fields.opportunityId;
          if (opportunityId && (opportunityId !== c.opportunityId || accountId !== c.accountId)) await this.assertOpportunity(m, actor, opportunityId, accountId);
          fromOwnerId = c.ownerId;
          if (ownerId && ownerId !== c.ownerId) {
            const owner = await this.users.resolveOwner(m, actor, 'contracts', ownerId);
            c.ownerId = owner.ownerId;
            c.departmentId = owner.departmentId;
          }
          if (fields.ourSignerId && fields.ourSignerId !== c.ourSignerId) await this.users.activeUserDepartment(m, fields.ourSignerId, 'ourSignerId');
          Object.assign(c, fields);
          if (title !== undefined) c.name = title;
          this.assertDates(c.startDate, c.endDate);
          const before = await this.lines.of(c.id, m);
          const resolved = lines ? await this.lines.resolve(m, lines, c.currency) : before.map(ContractLines.toResolved);
          if (!lines && fields.currency) await this.lines.assertCurrency(m, resolved, c.currency);
          const totals = this.lines.totals(c, resolved);
          this.lines.applyTotals(c, resolved, totals);
          await this.lines.replace(m, c.id, resolved, totals);
          return lines ? [{ field: 'lines', old: ContractLines.summary(before), new: ContractLines.summary(resolved) }] : [];
        },
        m,
      );
      await this.ownerChanged(m, id, fromOwnerId, saved.ownerId);
    });
    return this.get(actor, id);
  }

  /**
   * Hands the contract to another owner in any status (a signed contract changes hands when its rep leaves):
   * one `assign` audit entry (ownerId, departmentId, reason) and `record.ownerChanged` in the same
   * transaction, so what follows the contract (finance: its open installments and their reminders) moves at once.
   */
  async transfer(actor: AuthUser, id: string, dto: TransferContractDto, ifMatch?: number): Promise<ContractResponse> {
    await this.ds.transaction(async (m) => {
      let fromOwnerId: string | null = null;
      const saved = await this.records.store.update(
        actor,
        id,
        ifMatch ?? dto.version,
        async (c) => {
          fromOwnerId = c.ownerId;
          if (dto.ownerId === c.ownerId) return [];
          const owner = await this.users.resolveOwner(m, actor, 'contracts', dto.ownerId);
          c.ownerId = owner.ownerId;
          c.departmentId = owner.departmentId;
          return dto.reason ? [{ field: 'reason', old: null, new: dto.reason }] : [];
        },
        m,
        'assign',
      );
      await this.ownerChanged(m, id, fromOwnerId, saved.ownerId);
    });
    return this.get(actor, id);
  }

  private async ownerChanged(m: EntityManager, id: string, fromOwnerId: string | null, toOwnerId: string | null): Promise<void> {
    if (fromOwnerId === toOwnerId) return;
    await this.events.emit(m, 'record.ownerChanged', { entityType: 'contract', entityId: id, fromOwnerId, toOwnerId });
  }

  async remove(actor: AuthUser, id: string, ifMatch?: number): Promise<void> {
    await this.approvals.assertNotPending('contract', id);
    return this.records.remove(actor, id, ifMatch);
  }

  restore(actor: AuthUser, id: string): Promise<ContractSummaryResponse> {
    return this.records.restore(actor, id);
  }

  /** 409 CONTRACT_READ_ONLY unless the contract is a draft. */
  assertEditable(c: Contract): void {
    if (!CONTRACT_EDITABLE_STATUSES.includes(c.status)) {
      throw conflict(ContractErrorCode.CONTRACT_READ_ONLY, `A contract in status ${c.status} cannot change`, undefined, undefined, { params: { status: c.status } });
    }
  }

  /** The full response: the summary, money, lines and groups, the 大写 amount, the pending approval. */
  async detail(actor: AuthUser, c: Contract, m: EntityManager = this.ds.manager): Promise<ContractResponse> {
    const [summary] = await this.records.toResponses(actor, [c], m);
    const lines = await this.lines.of(c.id, m);
    const totals = this.lines.totals(c, lines.map(ContractLines.toResolved));
    return {
      ...summary,
      paymentTerms: c.paymentTerms,
      notes: c.notes,
      taxIncluded: c.taxIncluded,
      discountPercent: c.discountPercent,
      subtotal: c.subtotal,
      discountAmount: c.discountAmount,
      taxTotal: c.taxTotal,
      netTotal: c.netTotal,
      amountInWords: c.currency === 'CNY' ? toChineseCapitalAmount(c.amount) : null,
      terminationReason: c.terminationReason,
      renewalTaskId: c.renewalTaskId,
      lines: lines.map(ContractLines.toResponse),
      groups: lines.length ? totals.groups : [],
      approvalId: c.status === 'pending_approval' ? await this.approvals.pendingId('contract', c.id, m) : null,
    };
  }

  /** Creates the draft: owner, totals, then the number last (its counter row stays locked until the transaction ends: gap-free). */
  private async insert(m: EntityManager, actor: AuthUser, ownerId: string | undefined, resolved: ResolvedContractLine[], values: ContractValues): Promise<Contract> {
    const owner = await this.users.resolveOwner(m, actor, 'contracts', ownerId);
    if (values.ourSignerId) await this.users.activeUserDepartment(m, values.ourSignerId, 'ourSignerId');
    this.assertDates(values.startDate ?? null, values.endDate ?? null);
    const draft = Object.assign(new Contract(), values);
    const totals = this.lines.totals(draft, resolved);
    this.lines.applyTotals(draft, resolved, totals);
    const { number } = await this.sequences.next(m, CONTRACT_SEQUENCE, this.config.contractNumberFormat);
    const { id: _id, ...fields } = draft;
    const contract = await this.records.store.create(
      actor,
      { ...fields, number, status: 'draft', ownerId: owner.ownerId, departmentId: owner.departmentId, activatedAt: null, endedAt: null, terminationReason: null, renewalTaskId: null },
      m,
    );
    await this.lines.replace(m, contract.id, resolved, totals);
    return contract;
  }

  private terms(dto: Partial<Pick<CreateContractDto, 'signDate' | 'startDate' | 'endDate' | 'paymentTerms' | 'customerSigner' | 'ourSignerId' | 'notes' | 'custom'>>): ContractValues {
    return {
      custom: dto.custom,
      signDate: dto.signDate ?? null,
      startDate: dto.startDate ?? null,
      endDate: dto.endDate ?? null,
      paymentTerms: dto.paymentTerms ?? null,
      customerSigner: dto.customerSigner ?? null,
      ourSignerId: dto.ourSignerId ?? null,
      notes: dto.notes ?? null,
    };
  }

  private assertDates(start: string | null, end: string | null): void {
    if (start && end && end < start) throw badRequest(ContractErrorCode.CONTRACT_DATES_ORDER, 'endDate', 'endDate must be on or after startDate');
  }

  private async assertQuoteFree(m: EntityManager, quoteId: string): Promise<void> {
    const existing = await this.records.store.query(null, m).select('ct.id', 'id').andWhere('ct.quote_id = :quoteId', { quoteId }).getRawOne<{ id: string }>();
    if (existing) throw conflict(ContractErrorCode.CONTRACT_QUOTE_TAKEN, 'This quote already has a contract', undefined, { contractId: existing.id });
  }

  private async assertAccount(m: EntityManager, actor: AuthUser, accountId: string) {
    return this.accounts.getVisible(actor, accountId, m).catch((e: unknown) => {
      if (e instanceof DomainError && e.code === 'NOT_FOUND') throw badRequest(ContractErrorCode.CONTRACT_UNKNOWN_ACCOUNT, 'accountId', 'accountId is not an account you can read');
      throw e;
    });
  }

  /** The opportunity must be one of the contract's account that the actor may read (asked of the opportunities module). */
  private async assertOpportunity(m: EntityManager, actor: AuthUser, opportunityId: string, accountId: string): Promise<void> {
    const opportunity = await this.opportunities.getVisible(actor, opportunityId, m).catch((e: unknown) => {
      if (e instanceof DomainError && e.code === 'NOT_FOUND') return null;
      throw e;
    });
    if (!opportunity || opportunity.accountId !== accountId) {
      throw badRequest(ContractErrorCode.CONTRACT_UNKNOWN_OPPORTUNITY, 'opportunityId', 'opportunityId is not an opportunity of the account that you can read');
    }
  }
}
