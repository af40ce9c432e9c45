import { Injectable } from '@nestjs/common';
import { inTransaction, runBulkCreate } from '@core/records/bulk-create';
import { BulkCreateDto, BulkCreateQueryDto, BulkCreateResponseDto } from '@core/records/bulk-create.dto';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import type { PermissionModule } from '@keyuan/shared';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthUser } from '@core/auth/auth-user';
import type { RecordService } from '@core/records/record.service';
import { rejectNulls } from '@core/crud/record-rules';
import { DomainEvents } from '@core/events/domain-events';
import { CsvLocale } from '@core/http/csv-export';
import { Page } from '@core/http/keyset';
import { UsersService } from '@modules/admin/users/users.service';
import { ContactPointsService, DedupeEntity } from '@modules/dedupe/contact-points.service';
import type { DuplicateMatchDto } from '@modules/dedupe/duplicate-match.dto';
import { PoolsService } from '@modules/pools/pools.service';
import { Account } from './account.entity';
import { AccountRecords, RelatedCounter } from './account-records';
import { AccountApprovals } from './account-approvals';
import { ApprovalsService } from '@modules/automation/approvals/approvals.service';
import {
  AccountDetailResponse,
  AccountResponse,
  CreateAccountDto,
  MergeAccountsDto,
  QueryAccountsDto,
  RevealedAccountResponse,
  UpdateAccountDto,
} from './dto/account.dto';

export interface CreateAccountOptions {
  allowDuplicate?: boolean;
  /** Records not counted as duplicates, e.g. the lead being converted. */
  excludeFromDedupe?: { entityType: DedupeEntity; id: string }[];
}

/** Fields a PATCH may not set to null. */
const REQUIRED_FIELDS = ['name', 'type', 'lifecycleStage', 'tags', 'ownerId'];

/**
 * Accounts: create and update rules (dedupe, parent, owner); the shared record life (list, search,
 * export, reveal, duplicates, merge, remove, restore) is AccountRecords'. Pool moves live in
 * AccountOwnershipService.
 */
@Injectable()
export class AccountsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly events: DomainEvents,
    private readonly users: UsersService,
    private readonly contactPoints: ContactPointsService,
    private readonly pools: PoolsService,
    private readonly records: AccountRecords,
    private readonly approvals: ApprovalsService,
    private readonly accountApprovals: AccountApprovals,
  ) {}

  /**
   * Another module counts its records per account under `key` (`contacts` → `contactCount` on the
   * detail); an account with related records cannot be deleted.
   */
  registerRelatedCount(key: string, counter: RelatedCounter): void {
    this.records.registerRelatedCount(key, counter);
  }

  toResponses(actor: AuthUser | null, accounts: Account[], m?: EntityManager): Promise<AccountResponse[]> {
    return this.records.toResponses(actor, accounts, m);
  }

  /** Names of live accounts by id, for response mappers (this module's and others'). */
  namesByIds(ids: (string | null | undefined)[], m?: EntityManager): Promise<Map<string, string>> {
    return this.records.namesByIds(ids, m);
  }

  /** Which of `ids` the actor may read. */
  readable(actor: AuthUser, ids: string[], m?: EntityManager): Promise<Set<string>> {
    return this.records.readable(actor, ids, m);
  }

  /** Every account of the listing the actor may see, as CSV, masked like the screen. */
  exportCsv(actor: AuthUser, query: QueryAccountsDto, res: Response, locale: CsvLocale): Promise<void> {
    return this.records.exportCsv(actor, query, res, locale);
  }

  list(actor: AuthUser, query: QueryAccountsDto): Promise<Page<AccountResponse>> {
    return this.records.list(actor, query);
  }

  /** The account if the actor may read it, or must approve it (an approver reads that record even outside their scope). */
  async get(actor: AuthUser, id: string): Promise<AccountDetailResponse> {
    const response = await this.records.get(actor, id).catch(async (e: unknown) => {
      if (!(await this.approvals.isApproverOf('account', id, actor))) throw e;
      return (await this.records.toResponses(actor, [await this.records.find(null, id)]))[0];
    });
    const counts = await this.records.relatedCounts(this.ds.manager, id);
    return { ...response, contactCount: counts.contacts ?? 0 };
  }

  /** The account if the actor may read it; 404 otherwise (also for deleted ones). */
  /** The record if the actor may read it, also waiting in a pool they can browse (detail and timeline; never for changes). */
  getReadable(actor: AuthUser, id: string, m?: EntityManager): Promise<Account> {
    return this.records.findReadable(actor, id, m);
  }

  getVisible(actor: AuthUser | null, id: string, manager?: EntityManager): Promise<Account> {
    return this.records.find(actor, id, manager);
  }

  /** Accounts the actor may read matching `q` (the list's `q`), newest first, masked. */
  search(actor: AuthUser, q: string, limit: number): Promise<AccountResponse[]> {
    return this.records.search(actor, q, limit);
  }

  /** Up to 500 accounts, each through `create` (per-record results; `atomic`: all or nothing). */
  bulkCreate(actor: AuthUser, body: BulkCreateDto, q: BulkCreateQueryDto): Promise<BulkCreateResponseDto> {
    return runBulkCreate(this.ds, CreateAccountDto, body, q.atomic === true, (m, dto) => this.create(actor, dto, q.allowDuplicate, m));
  }

  /** With `manager`, inside that transaction (bulk create); else in its own. */
  async create(actor: AuthUser, dto: CreateAccountDto, allowDuplicate?: boolean, manager?: EntityManager): Promise<AccountResponse> {
    return inTransaction(this.ds, manager, async (m) => {
      const account = await this.createInTx(actor, m, dto, { allowDuplicate });
      if (allowDuplicate) await this.accountApprovals.afterDuplicateCreate(m, actor, account);
      return (await this.toResponses(actor, [account], m))[0];
    });
  }

  /** Creates an account inside the caller's transaction (the API and lead conversion). */
  async createInTx(actor: AuthUser, manager: EntityManager, dto: CreateAccountDto, opts: CreateAccountOptions = {}): Promise<Account> {
    const owner = await this.resolveOwner(manager, actor, 'accounts', dto.ownerId);
    await this.contactPoints.assertNoDuplicates(manager, actor, { phones: [dto.phone], emails: [dto.email] }, {
      allowDuplicate: opts.allowDuplicate,
      exclude: opts.excludeFromDedupe,
    });
    if (dto.parentId) await this.records.assertParent(manager, actor, null, dto.parentId);
    const account = await this.records.store.create(
      actor,
      {
        name: dto.name,
        type: dto.type ?? 'company',
        industry: dto.industry ?? null,
        size: dto.size ?? null,
        source: dto.source ?? null,
        level: dto.level ?? null,
        lifecycleStage: dto.lifecycleStage ?? 'prospect',
        phone: dto.phone ?? null,
        email: dto.email ?? null,
        website: dto.website ?? null,
        province: dto.province ?? null,
        city: dto.city ?? null,
        district: dto.district ?? null,
        street: dto.street ?? null,
        tags: dto.tags ?? [],
        parentId: dto.parentId ?? null,
        ownerId: owner.ownerId,
        departmentId: owner.departmentId,
        claimedAt: new Date(),
        nextFollowUpAt: dto.nextFollowUpAt ?? null,
        externalId: dto.externalId ?? null,
        custom: dto.custom,
      },
      manager,
    );
    await this.syncContactPoints(manager, account);
    return account;
  }

  /** PATCH rules (dedupe, parent, owner); joins the caller's transaction when given `manager` (imports). */
  async update(
    actor: AuthUser,
    id: string,
    dto: UpdateAccountDto,
    ifMatch?: number,
    allowDuplicate?: boolean,
    manager?: EntityManager,
  ): Promise<AccountResponse> {
    const { version, ownerId, ...fields } = dto;
    rejectNulls(dto, REQUIRED_FIELDS);
    return this.records.transaction(async (m) => {
      await this.approvals.assertNotPending('account', id, m);
      let fromOwner: string | null | undefined;
      // the dedupe locks come before the row lock, in the same order as import batches take them
      await this.contactPoints.lock(m, { phones: [fields.phone], emails: [fields.email] });
      const account = await this.records.store.update(
        actor,
        id,
        ifMatch ?? version,
        async (a) => {
          const phone = fields.phone !== undefined && fields.phone !== a.phone ? fields.phone : null;
          const email = fields.email !== undefined && fields.email !== a.email ? fields.email : null;
          await this.contactPoints.assertNoDuplicates(m, actor, { phones: [phone], emails: [email] }, {
            allowDuplicate,
            exclude: [{ entityType: 'account', id }],
          });
          if (fields.parentId && fields.parentId !== a.parentId) await this.records.assertParent(m, actor, id, fields.parentId);
          if (ownerId && ownerId !== a.ownerId) {
            const owner = await this.resolveOwner(m, actor, 'accounts', ownerId);
            fromOwner = a.ownerId;
            a.ownerId = owner.ownerId;
            a.departmentId = owner.departmentId;
            a.claimedAt = new Date();
          }
          Object.assign(a, fields);
        },
        m,
      );
      if (fromOwner !== undefined) await this.ownerChanged(m, account, fromOwner);
      await this.syncContactPoints(m, account);
      return (await this.toResponses(actor, [account], m))[0];
    }, manager);
  }

  async remove(actor: AuthUser, id: string, ifMatch?: number): Promise<void> {
    await this.approvals.assertNotPending('account', id);
    return this.records.remove(actor, id, ifMatch);
  }

  restore(actor: AuthUser, id: string): Promise<AccountResponse> {
    return this.records.restore(actor, id);
  }

  /** Full phone and email of one account the actor can read; each reveal is audited. */
  reveal(actor: AuthUser, id: string): Promise<RevealedAccountResponse> {
    return this.records.reveal<RevealedAccountResponse>(actor, id);
  }

  duplicates(actor: AuthUser, id: string): Promise<DuplicateMatchDto[]> {
    return this.records.duplicates(actor, id) as Promise<DuplicateMatchDto[]>;
  }

  /**
   * Merges duplicate accounts into this one (RecordService.merge): tags are united, subsidiaries move
   * here, and `account.merged` lets other modules (contacts...) move their references.
   */
  async merge(actor: AuthUser, id: string, dto: MergeAccountsDto): Promise<AccountDetailResponse> {
    await this.records.merge(actor, id, dto.duplicateIds);
    return this.get(actor, id);
  }

  /** Soft-deletes those of `ids` the actor may read and nothing hangs on (import reverts); answers the ids removed. */
  removeManyInTx(m: EntityManager, actor: AuthUser, ids: string[]): Promise<string[]> {
    return this.records.removeMany(m, actor, ids);
  }

  /** Ids of live accounts by external id (imports' upsert key). */
  idsByExternalId(values: string[], m?: EntityManager): Promise<Map<string, string>> {
    return this.records.idsByExternalId(values, m);
  }

  /** Ids of the accounts the actor may read, by exact name. */
  idsByName(actor: AuthUser, names: string[], m?: EntityManager): Promise<Map<string, string>> {
    return this.records.idsByName(actor, names, m);
  }

  /** Live records by list filters, oldest first, for demo seeders (RecordService.sample). */
  demoSample(m: EntityManager, opts: Parameters<RecordService<Account, unknown>['sample']>[1]): Promise<Account[]> {
    return this.records.sample(m, opts);
  }

  /** See UsersService.resolveOwner; kept here so contacts need not import the admin module for it. */
  resolveOwner(m: EntityManager, actor: AuthUser, module: PermissionModule, ownerId: string | null | undefined) {
    return this.users.resolveOwner(m, actor, module, ownerId);
  }


  /** Keeps the shared phone/email index in step with the account (inside the caller's transaction). */
  syncContactPoints(m: EntityManager, a: Account): Promise<void> {
    return this.records.syncContactPoints(m, a);
  }

  /** Tells followers (contacts, later tasks) that the account changed hands; a pool claim ends. */
  async ownerChanged(m: EntityManager, a: Account, fromOwnerId: string | null, keepClaim = false): Promise<void> {
    if (!keepClaim) await this.pools.endClaim(m, 'account', [a.id]);
    await this.events.emit(m, 'record.ownerChanged', { entityType: 'account', entityId: a.id, fromOwnerId, toOwnerId: a.ownerId });
  }
}
