import { CustomFieldsService } from '@core/custom-fields/custom-fields.service';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { allowedQuoteActions, QUOTE_EDITABLE_STATUSES, QUOTE_STATUSES } from '@keyuan/shared';
import { AuditService } from '@core/audit/audit.service';
import type { AuthUser } from '@core/auth/auth-user';
import { conflict } from '@core/http/domain-error';
import { ListSpec } from '@core/http/keyset';
import { NO_CONTACT_INDEX, RecordAction, RecordKind } from '@core/records/record-kind';
import { RecordService } from '@core/records/record.service';
import { AccountsService } from '@modules/accounts/accounts.service';
import { UsersService } from '@modules/admin/users/users.service';
import { ApprovalsService } from '@modules/automation/approvals/approvals.service';
import { ContactsService } from '@modules/contacts/contacts.service';
import { QUOTE_FIELDS } from './dto/quote-fields';
import { QuoteSummaryResponse } from './dto/quote.dto';
import { Quote } from './quote.entity';
import { QuoteErrorCode } from './quotes.errors';

export const QUOTE_LIST_SPEC: ListSpec = {
  idColumn: 'qt.id',
  defaultSort: '-createdAt',
  sortable: {
    createdAt: { column: 'qt.created_at', value: (q: Quote) => q.createdAt },
    grandTotal: { column: 'qt.grand_total', value: (q: Quote) => q.grandTotal },
    validUntil: { column: 'qt.valid_until', value: (q: Quote) => q.validUntil },
    number: { column: 'qt.number', value: (q: Quote) => q.number },
  },
  search: ['qt.search_text'],
  filters: {
    status: 'qt.status',
    accountId: 'qt.account_id',
    opportunityId: 'qt.opportunity_id',
    ownerId: 'qt.owner_id',
    departmentId: 'qt.department_id',
  },
  ranges: { createdAt: 'qt.created_at' },
  fields: {
    name: { type: 'text', column: 'qt.name' },
    number: { type: 'text', column: 'qt.number' },
    status: { type: 'enum', column: 'qt.status', options: QUOTE_STATUSES },
    accountId: { type: 'uuid', column: 'qt.account_id' },
    ownerId: { type: 'uuid', column: 'qt.owner_id' },
    departmentId: { type: 'uuid', column: 'qt.department_id' },
    grandTotal: { type: 'number', column: 'qt.grand_total' },
    validUntil: { type: 'date', column: 'qt.valid_until' },
    createdAt: { type: 'date', column: 'qt.created_at' },
  },
};

export const QUOTE_KIND: RecordKind<Quote, QuoteSummaryResponse> = {
  type: 'quote',
  entity: Quote,
  module: 'quotes',
  alias: 'qt',
  scope: { owner: 'qt.owner_id', department: 'qt.department_id' },
  list: QUOTE_LIST_SPEC,
  visibleSearch: 'qt.search_text',
  csv: { name: 'quotes', fields: QUOTE_FIELDS },
  sensitive: [],
  displayName: (q) => `${q.number} ${q.name}`,
  mergeFill: [],
  pooled: false,
};

/**
 * The record kit for quotes: scope, lists (the latest revision of each number), actions by status
 * (only drafts and rejected quotes edit or delete; a quote waiting for its approval offers nothing).
 */
@Injectable()
export class QuoteRecords extends RecordService<Quote, QuoteSummaryResponse> {
  constructor(
    @InjectDataSource() ds: DataSource,
    audit: AuditService,
    custom: CustomFieldsService,
    private readonly users: UsersService,
    private readonly accounts: AccountsService,
    private readonly contacts: ContactsService,
    private readonly approvals: ApprovalsService,
  ) {
    super(ds, audit, QUOTE_KIND, NO_CONTACT_INDEX, custom);
  }

  protected async mapResponses(_actor: AuthUser | null, rows: Quote[], m: EntityManager = this.ds.manager): Promise<Omit<QuoteSummaryResponse, 'actions'>[]> {
    const owners = await this.users.namesByIds(rows.map((q) => q.ownerId), m);
    const accounts = await this.accounts.namesByIds(rows.map((q) => q.accountId), m);
    const contacts = await this.contacts.namesByIds(rows.map((q) => q.contactId), m);
    return rows.map((q) => ({
      id: q.id,
      number: q.number,
      revision: q.revision,
      superseded: q.superseded,
      previousId: q.previousId,
      name: q.name,
      status: q.status,
      accountId: q.accountId,
      accountName: accounts.get(q.accountId) ?? null,
      contactId: q.contactId,
      contactName: q.contactId ? (contacts.get(q.contactId) ?? null) : null,
      opportunityId: q.opportunityId,
      currency: q.currency,
      validUntil: q.validUntil,
      taxIncluded: q.taxIncluded,
      grandTotal: q.grandTotal,
      allowedActions: allowedQuoteActions(q.status, q.superseded),
      ownerId: q.ownerId,
      ownerName: q.ownerId ? (owners.get(q.ownerId) ?? null) : null,
      departmentId: q.departmentId,
      sentAt: q.sentAt,
      decidedAt: q.decidedAt,
      version: q.version,
      createdAt: q.createdAt,
      updatedAt: q.updatedAt,
    }));
  }

  /** Lists show the latest revision of each number; `GET /quotes/{id}/versions` shows the others. */
  protected listQuery(qb: SelectQueryBuilder<Quote>): void {
    qb.andWhere('qt.superseded = false');
  }

  protected kindActions(_actor: AuthUser, q: Quote, actions: RecordAction[]): RecordAction[] {
    const editable = !q.superseded && QUOTE_EDITABLE_STATUSES.includes(q.status);
    return actions.filter((a) => (a === 'edit' || a === 'delete' ? editable : a === 'assign'));
  }

  protected locked(m: EntityManager, ids: string[]): Promise<Set<string>> {
    return this.approvals.pendingIds('quote', ids, m);
  }

  protected async checkEdit(m: EntityManager, q: Quote): Promise<void> {
    await this.approvals.assertNotPending('quote', q.id, m);
  }

  /** Only drafts and rejected quotes are deleted; a sent or decided quote is a business document. */
  protected async checkRemove(_m: EntityManager, q: Quote): Promise<void> {
    if (q.superseded || !QUOTE_EDITABLE_STATUSES.includes(q.status)) {
      throw conflict(QuoteErrorCode.QUOTE_READ_ONLY, `A quote in status ${q.status} cannot be deleted`, undefined, undefined, { params: { status: q.status } });
    }
  }
}
