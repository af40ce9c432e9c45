import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import { CsvLocale, streamCsv } from '@core/http/csv-export';
import { ACCOUNT_FIELDS } from './dto/account-fields';
import type { PermissionModule } from '@keyuan/shared';
import { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { AuditService } from '@core/audit/audit.service';
import type { AuthUser } from '@core/auth/auth-user';
import { RecordStore } from '@core/crud/record-store';
import { DomainEvents } from '@core/events/domain-events';
import { badRequest, conflict } from '@core/http/domain-error';
import { escapeLike, ListSpec, Page } from '@core/http/keyset';
import { UsersService } from '@modules/admin/users/users.service';
import { ContactPointsService, DedupeEntity } from '@modules/dedupe/contact-points.service';
import { PoolsService } from '@modules/pools/pools.service';
import { Account } from './account.entity';
import { AccountNames, toAccountResponse } from './account.mapper';
import { rejectNulls } from '@core/crud/record-rules';
import {
  AccountDetailResponse,
  AccountResponse,
  CreateAccountDto,
  QueryAccountsDto,
  RevealedAccountResponse,
  UpdateAccountDto,
} from './dto/account.dto';
import { AccountErrorCode } from './accounts.errors';

export const ACCOUNT_LIST_SPEC: ListSpec = {
  idColumn: 'a.id',
  defaultSort: '-createdAt',
  sortable: {
    createdAt: { column: 'a.created_at', value: (a: Account) => a.createdAt },
    updatedAt: { column: 'a.updated_at', value: (a: Account) => a.updatedAt },
    name: { column: 'a.name', value: (a: Account) => a.name },
  },
  search: ['a.search_text'],
  bigramColumn: 'a.search_bigrams',
  filters: {
    ownerId: 'a.owner_id',
    departmentId: 'a.department_id',
    type: 'a.type',
    level: 'a.level',
    lifecycleStage: 'a.lifecycle_stage',
    industry: 'a.industry',
    source: 'a.source',
    parentId: 'a.parent_id',
  },
  ranges: { createdAt: 'a.created_at', nextFollowUpAt: 'a.next_follow_up_at' },
};

export interface CreateAccountOptions {
  allowDuplicate?: boolean;
  /** Records not counted as duplicates, e.g. the lead being converted. */
  excludeFromDedupe?: { entityType: DedupeEntity; id: string }[];
}

/** Counts records of another module per account (e.g. contacts); modules register one at start. */
export type RelatedCounter = (manager: EntityManager, accountIds: string[]) => Promise<Map<string, number>>;

/** Fields a PATCH may not set to null. */
const REQUIRED_FIELDS = ['name', 'type', 'lifecycleStage', 'tags', 'ownerId'];

/**
 * Accounts: CRUD with dedupe, masking, the audited reveal and owner rules. Pool moves live in
 * AccountOwnershipService and merging in AccountMergeService; both build on this service.
 */
@Injectable()
export class AccountsService {
  readonly store: RecordStore<Account>;
  private readonly relatedCounters = new Map<string, RelatedCounter>();

  constructor(
    @InjectDataSource() readonly ds: DataSource,
    readonly audit: AuditService,
    readonly events: DomainEvents,
    private readonly users: UsersService,
    private readonly contactPoints: ContactPointsService,
    readonly pools: PoolsService,
  ) {
    this.store = new RecordStore(ds, audit, Account, {
      entityType: 'account',
      module: 'accounts',
      alias: 'a',
      scope: { owner: 'a.owner_id', department: 'a.department_id' },
    });
  }

  /**
   * Another module counts its records per account under `key` (`contacts` → `contactCount` on the
   * detail); an account with related records cannot be deleted.
   */
  registerRelatedCount(key: string, counter: RelatedCounter): void {
    this.relatedCounters.set(key, counter);
  }

  async toResponses(actor: AuthUser | null, accounts: Account[], m: EntityManager = this.ds.manager): Promise<AccountResponse[]> {
    const names: AccountNames = {
      owners: await this.users.namesByIds(accounts.map((a) => a.ownerId), m),
      parents: await this.namesByIds(accounts.map((a) => a.parentId), m),
    };
    return accounts.map((a) => toAccountResponse(a, actor, names));
  }

  /** Names of active accounts by id, for response mappers (this module's and contacts'). */
  async namesByIds(ids: (string | null | undefined)[], m: EntityManager = this.ds.manager): Promise<Map<string, string>> {
    const unique = [...new Set(ids.filter((i): i is string => !!i))];
    if (!unique.length) return new Map();
    const rows: { id: string; name: string }[] = await m.query(
      `SELECT id, name FROM accounts WHERE id = ANY($1) AND deleted_at IS NULL`,
      [unique],
    );
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  /** Every account of the listing the actor may see, as CSV, masked like the screen. */
  async exportCsv(actor: AuthUser, query: QueryAccountsDto, res: Response, locale: CsvLocale): Promise<void> {
    const date = new Date().toISOString().slice(0, 10);
    await streamCsv(res, `accounts-${date}.csv`, ACCOUNT_FIELDS, locale, async (cursor) => {
      const page = await this.store.list(actor, { ...query, cursor, limit: 1000 }, ACCOUNT_LIST_SPEC, this.withTag(this.store.query(actor), query.tag), { count: false });
      return { data: await this.toResponses(actor, page.data), nextCursor: page.nextCursor };
    });
  }

  async list(actor: AuthUser, query: QueryAccountsDto): Promise<Page<AccountResponse>> {
    const page = await this.store.list(actor, query, ACCOUNT_LIST_SPEC, this.withTag(this.store.query(actor), query.tag));
    return { ...page, data: await this.toResponses(actor, page.data) };
  }

  withTag(qb: SelectQueryBuilder<Account>, tag: string | undefined): SelectQueryBuilder<Account> {
    if (tag) qb.andWhere('a.tags @> ARRAY[:__tag]::text[]', { __tag: tag });
    return qb;
  }

  async get(actor: AuthUser, id: string): Promise<AccountDetailResponse> {
    const account = await this.store.get(actor, id);
    const [response] = await this.toResponses(actor, [account]);
    const counts = await this.relatedCounts(this.ds.manager, id);
    return { ...response, contactCount: counts.contacts ?? 0 };
  }

  /** The account if the actor may read it; 404 otherwise (also for deleted ones). */
  getVisible(actor: AuthUser, id: string, manager?: EntityManager): Promise<Account> {
    return this.store.get(actor, id, manager);
  }

  /** Accounts the actor may read whose name, phone or email contains `q`, best matches first, masked. */
  async search(actor: AuthUser, q: string, limit: number): Promise<AccountResponse[]> {
    const term = q.trim();
    if (!term) return [];
    const rows = await this.store
      .query(actor)
      .andWhere('a.search_text ILIKE :__like', { __like: `%${escapeLike(term)}%` })
      .orderBy('similarity(a.search_text, :__term)', 'DESC')
      .addOrderBy('a.name', 'ASC')
      .setParameter('__term', term)
      .limit(Math.min(Math.max(limit, 1), 50))
      .getMany();
    return this.toResponses(actor, rows);
  }

  async create(actor: AuthUser, dto: CreateAccountDto, allowDuplicate?: boolean): Promise<AccountResponse> {
    return this.ds.transaction(async (m) => {
      const account = await this.createInTx(actor, m, dto, { allowDuplicate });
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
    if (dto.parentId) await this.assertParent(manager, actor, null, dto.parentId);
    const account = await this.store.create(
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
    return this.store.transaction(async (m) => {
      let fromOwner: string | null | undefined;
      const account = await this.store.update(
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
          if (fields.parentId && fields.parentId !== a.parentId) await this.assertParent(m, actor, id, fields.parentId);
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
    await this.store.softDelete(actor, id, ifMatch, async (a, m) => {
      const counts = await this.relatedCounts(m, id);
      const [{ n }] = await m.query(`SELECT count(*)::int AS n FROM accounts WHERE parent_id = $1 AND deleted_at IS NULL`, [id]);
      if (n) counts.subsidiaries = n;
      const held = Object.entries(counts).filter(([, c]) => c > 0);
      if (held.length) {
        throw conflict(
          AccountErrorCode.ACCOUNT_HAS_RELATED,
          `The account still has ${held.map(([k, c]) => `${c} ${k}`).join(', ')}; move or delete them first (or merge the account)`,
          undefined,
          { related: Object.fromEntries(held) },
        );
      }
      await this.contactPoints.remove(m, 'account', a.id);
      await this.pools.endClaim(m, 'account', [a.id]);
    });
  }

  async restore(actor: AuthUser, id: string): Promise<AccountResponse> {
    const account = await this.store.restore(actor, id, (a, m) => this.syncContactPoints(m, a));
    return (await this.toResponses(actor, [account]))[0];
  }

  /** Full phone and email of one account the actor can read; each reveal is audited. */
  async reveal(actor: AuthUser, id: string): Promise<RevealedAccountResponse> {
    return this.ds.transaction(async (m) => {
      const a = await this.store.get(actor, id, m);
      const revealed = (['phone', 'email'] as const).filter((f) => a[f]);
      await this.audit.record(m, actor, 'reveal', 'account', id, [{ field: 'revealed', old: null, new: revealed }]);
      return { id: a.id, phone: a.phone, email: a.email };
    });
  }

  /** See UsersService.resolveOwner; kept here so contacts need not import the admin module for it. */
  resolveOwner(m: EntityManager, actor: AuthUser, module: PermissionModule, ownerId: string | null | undefined) {
    return this.users.resolveOwner(m, actor, module, ownerId);
  }


  /** Keeps the shared phone/email index in step with the account (inside the caller's transaction). */
  async syncContactPoints(m: EntityManager, a: Account): Promise<void> {
    if (a.deletedAt) return this.contactPoints.remove(m, 'account', a.id);
    await this.contactPoints.sync(m, 'account', a.id, {
      displayName: a.name,
      phones: [a.phone],
      emails: [a.email],
      ownerId: a.ownerId,
      departmentId: a.departmentId,
    });
  }

  /** Tells followers (contacts, later tasks) that the account changed hands; a pool claim ends. */
  async ownerChanged(m: EntityManager, a: Account, fromOwnerId: string | null, keepClaim = false): Promise<void> {
    if (!keepClaim) await this.pools.endClaim(m, 'account', [a.id]);
    await this.events.emit(m, 'record.ownerChanged', { entityType: 'account', entityId: a.id, fromOwnerId, toOwnerId: a.ownerId });
  }

  /** The parent must be an account the actor can read and must not be the account or one of its descendants. */
  async assertParent(m: EntityManager, actor: AuthUser, id: string | null, parentId: string): Promise<void> {
    const visible = await this.store.query(actor, m).andWhere('a.id = :pid', { pid: parentId }).getCount();
    if (!visible) throw badRequest(AccountErrorCode.ACCOUNT_UNKNOWN_PARENT, 'parentId', 'parentId is not an account you can read');
    if (!id) return;
    const cycle: unknown[] = await m.query(
      `WITH RECURSIVE up(id, parent_id, depth) AS (
         SELECT id, parent_id, 0 FROM accounts WHERE id = $1
         UNION ALL SELECT a.id, a.parent_id, up.depth + 1 FROM accounts a JOIN up ON a.id = up.parent_id WHERE up.depth < 100
       ) SELECT 1 FROM up WHERE id = $2 LIMIT 1`,
      [parentId, id],
    );
    if (cycle.length) {
      throw badRequest(AccountErrorCode.ACCOUNT_PARENT_CYCLE, 'parentId', 'parentId cannot be the account itself or one of its subsidiaries');
    }
  }

  /** Related records per registered counter for one account. */
  async relatedCounts(m: EntityManager, id: string): Promise<Record<string, number>> {
    const out: Record<string, number> = {};
    for (const [key, counter] of this.relatedCounters) out[key] = (await counter(m, [id])).get(id) ?? 0;
    return out;
  }
}
