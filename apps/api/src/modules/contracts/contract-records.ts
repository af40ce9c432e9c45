import { CustomFieldsService } from '@core/custom-fields/custom-fields.service';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { allowedContractActions, CONTRACT_EDITABLE_STATUSES, CONTRACT_STATUSES } from '@keyuan/shared';
import { AuditService } from '@core/audit/audit.service';
import type { AuthUser } from '@core/auth/auth-user';
import { conflict } from '@core/http/domain-error';
import { ListSpec } from '@core/http/keyset';
import { NO_CONTACT_INDEX, RecordAction, RecordKind } from '@core/records/record-kind';
import { RecordService } from '@core/records/record.service';
import { AccountsService } from '@modules/accounts/accounts.service';
import { UsersService } from '@modules/admin/users/users.service';
import { ApprovalsService } from '@modules/automation/approvals/approvals.service';
import { QuotesService } from '@modules/quotes/quotes.service';
import { CONTRACT_FIELDS } from './dto/contract-fields';
import { ContractSummaryResponse } from './dto/contract.dto';
import { Contract } from './contract.entity';
import { ContractErrorCode } from './contracts.errors';

export const CONTRACT_LIST_SPEC: ListSpec = {
  idColumn: 'ct.id',
  defaultSort: '-createdAt',
  sortable: {
    createdAt: { column: 'ct.created_at', value: (c: Contract) => c.createdAt },
    amount: { column: 'ct.amount', value: (c: Contract) => c.amount },
    endDate: { column: 'ct.end_date', value: (c: Contract) => c.endDate },
    signDate: { column: 'ct.sign_date', value: (c: Contract) => c.signDate },
    number: { column: 'ct.number', value: (c: Contract) => c.number },
  },
  search: ['ct.search_text'],
  filters: {
    status: 'ct.status',
    accountId: 'ct.account_id',
    opportunityId: 'ct.opportunity_id',
    quoteId: 'ct.quote_id',
    ownerId: 'ct.owner_id',
    departmentId: 'ct.department_id',
  },
  ranges: { createdAt: 'ct.created_at', endDate: 'ct.end_date', signDate: 'ct.sign_date' },
  fields: {
    title: { type: 'text', column: 'ct.title' },
    number: { type: 'text', column: 'ct.number' },
    status: { type: 'enum', column: 'ct.status', options: CONTRACT_STATUSES },
    accountId: { type: 'uuid', column: 'ct.account_id' },
    ownerId: { type: 'uuid', column: 'ct.owner_id' },
    departmentId: { type: 'uuid', column: 'ct.department_id' },
    amount: { type: 'number', column: 'ct.amount' },
    signDate: { type: 'date', column: 'ct.sign_date' },
    endDate: { type: 'date', column: 'ct.end_date' },
    createdAt: { type: 'date', column: 'ct.created_at' },
  },
};

export const CONTRACT_KIND: RecordKind<Contract, ContractSummaryResponse> = {
  type: 'contract',
  entity: Contract,
  module: 'contracts',
  alias: 'ct',
  scope: { owner: 'ct.owner_id', department: 'ct.department_id' },
  list: CONTRACT_LIST_SPEC,
  visibleSearch: 'ct.search_text',
  csv: { name: 'contracts', fields: CONTRACT_FIELDS },
  sensitive: [],
  displayName: (c) => `${c.number} ${c.name}`,
  mergeFill: [],
  pooled: false,
};

/**
 * The record kit for contracts: scope, lists, export, actions by status (only drafts edit or delete; a
 * contract waiting for its approval offers nothing).
 */
@Injectable()
export class ContractRecords extends RecordService<Contract, ContractSummaryResponse> {
  constructor(
    @InjectDataSource() ds: DataSource,
    audit: AuditService,
    custom: CustomFieldsService,
    private readonly users: UsersService,
    private readonly accounts: AccountsService,
    private readonly quotes: QuotesService,
    private readonly approvals: ApprovalsService,
  ) {
    super(ds, audit, CONTRACT_KIND, NO_CONTACT_INDEX, custom);
  }

  protected async mapResponses(_actor: AuthUser | null, rows: Contract[], m: EntityManager = this.ds.manager): Promise<Omit<ContractSummaryResponse, 'actions'>[]> {
    const users = await this.users.namesByIds(rows.flatMap((c) => [c.ownerId, c.ourSignerId]), m);
    const accounts = await this.accounts.namesByIds(rows.map((c) => c.accountId), m);
    const quotes = await this.quotes.numbersByIds(rows.map((c) => c.quoteId), m);
    return rows.map((c) => ({
      id: c.id,
      number: c.number,
      title: c.name,
      status: c.status,
      accountId: c.accountId,
      accountName: accounts.get(c.accountId) ?? null,
      opportunityId: c.opportunityId,
      quoteId: c.quoteId,
      quoteNumber: c.quoteId ? (quotes.get(c.quoteId) ?? null) : null,
      currency: c.currency,
      amount: c.amount,
      signDate: c.signDate,
      startDate: c.startDate,
      endDate: c.endDate,
      customerSigner: c.customerSigner,
      ourSignerId: c.ourSignerId,
      ourSignerName: c.ourSignerId ? (users.get(c.ourSignerId) ?? null) : null,
      allowedActions: allowedContractActions(c.status),
      ownerId: c.ownerId,
      ownerName: c.ownerId ? (users.get(c.ownerId) ?? null) : null,
      departmentId: c.departmentId,
      activatedAt: c.activatedAt,
      endedAt: c.endedAt,
      version: c.version,
      createdAt: c.createdAt,
      updatedAt: c.updatedAt,
    }));
  }

  protected kindActions(_actor: AuthUser, c: Contract, actions: RecordAction[]): RecordAction[] {
    const editable = CONTRACT_EDITABLE_STATUSES.includes(c.status);
    return actions.filter((a) => (a === 'edit' || a === 'delete' ? editable : a === 'assign'));
  }

  protected locked(m: EntityManager, ids: string[]): Promise<Set<string>> {
    return this.approvals.pendingIds('contract', ids, m);
  }

  protected async checkEdit(m: EntityManager, c: Contract): Promise<void> {
    await this.approvals.assertNotPending('contract', c.id, m);
  }

  /** Only drafts are deleted; a signed contract is a business document. */
  protected async checkRemove(_m: EntityManager, c: Contract): Promise<void> {
    if (!CONTRACT_EDITABLE_STATUSES.includes(c.status)) {
      throw conflict(ContractErrorCode.CONTRACT_READ_ONLY, `A contract in status ${c.status} cannot be deleted`, undefined, undefined, { params: { status: c.status } });
    }
  }
}
