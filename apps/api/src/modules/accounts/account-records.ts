import { CustomFieldsService } from '@core/custom-fields/custom-fields.service';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { AuditService } from '@core/audit/audit.service';
import type { AuthUser } from '@core/auth/auth-user';
import { DomainEvents } from '@core/events/domain-events';
import { badRequest, conflict, DomainError } from '@core/http/domain-error';
import { ListSpec } from '@core/http/keyset';
import { RecordKind } from '@core/records/record-kind';
import { RecordService } from '@core/records/record.service';
import { UsersService } from '@modules/admin/users/users.service';
import { ContactPointsService } from '@modules/dedupe/contact-points.service';
import { PoolsService } from '@modules/pools/pools.service';
import { ApprovalsService } from '@modules/automation/approvals/approvals.service';
import { ACCOUNT_LEVELS, ACCOUNT_SIZES, ACCOUNT_SOURCES, ACCOUNT_TYPES, LIFECYCLE_STAGES } from '@keyuan/shared';
import { Account } from './account.entity';
import { toAccountResponse } from './account.mapper';
import { mergedTags } from './account-rules';
import { AccountErrorCode } from './accounts.errors';
import { ACCOUNT_FIELDS } from './dto/account-fields';
import { AccountResponse } from './dto/account.dto';

export const ACCOUNT_LIST_SPEC: ListSpec = {
  idColumn: 'a.id',
  defaultSort: '-createdAt',
  sortable: {
    createdAt: { column: 'a.created_at', value: (a: Account) => a.createdAt },
    updatedAt: { column: 'a.updated_at', value: (a: Account) => a.updatedAt },
    name: { column: 'a.name', value: (a: Account) => a.name },
  },
  search: ['a.search_visible', 'a.search_sensitive'],
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
  fields: {
    name: { type: 'text', column: 'a.name' },
    type: { type: 'enum', column: 'a.type', options: ACCOUNT_TYPES },
    level: { type: 'enum', column: 'a.level', options: ACCOUNT_LEVELS },
    lifecycleStage: { type: 'enum', column: 'a.lifecycle_stage', options: LIFECYCLE_STAGES },
    size: { type: 'enum', column: 'a.size', options: ACCOUNT_SIZES },
    source: { type: 'enum', column: 'a.source', options: ACCOUNT_SOURCES },
    industry: { type: 'text', column: 'a.industry' },
    province: { type: 'text', column: 'a.province' },
    city: { type: 'text', column: 'a.city' },
    ownerId: { type: 'uuid', column: 'a.owner_id' },
    departmentId: { type: 'uuid', column: 'a.department_id' },
    parentId: { type: 'uuid', column: 'a.parent_id' },
    tags: { type: 'tags', column: 'a.tags' },
    createdAt: { type: 'date', column: 'a.created_at' },
    updatedAt: { type: 'date', column: 'a.updated_at' },
    nextFollowUpAt: { type: 'date', column: 'a.next_follow_up_at' },
    lastActivityAt: { type: 'date', column: 'a.last_activity_at', olderThan: 'COALESCE(a.last_activity_at, a.created_at)' },
  },
};

export const ACCOUNT_KIND: RecordKind<Account, AccountResponse> = {
  type: 'account',
  entity: Account,
  module: 'accounts',
  alias: 'a',
  scope: { owner: 'a.owner_id', department: 'a.department_id' },
  list: ACCOUNT_LIST_SPEC,
  visibleSearch: 'a.search_visible',
  csv: { name: 'accounts', fields: ACCOUNT_FIELDS },
  sensitive: [
    { field: 'phone', column: 'a.phone', kind: 'phone' },
    { field: 'email', column: 'a.email', kind: 'email' },
  ],
  displayName: (a) => a.name,
  mergeFill: ['industry', 'size', 'source', 'level', 'phone', 'email', 'website', 'province', 'city', 'district', 'street', 'parentId', 'nextFollowUpAt'],
  pooled: true,
};

/** Counts records of another module per account (e.g. contacts); modules register one at start. */
export type RelatedCounter = (manager: EntityManager, accountIds: string[]) => Promise<Map<string, number>>;

/**
 * The record machinery for accounts, with the account rules it needs: the `tag` filter, parents without
 * cycles, merged tags and subsidiaries moving to the survivor, no delete while other records hang on it.
 */
@Injectable()
export class AccountRecords extends RecordService<Account, AccountResponse> {
  private readonly relatedCounters = new Map<string, RelatedCounter>();

  constructor(
    @InjectDataSource() ds: DataSource,
    audit: AuditService,
    points: ContactPointsService,
    custom: CustomFieldsService,
    private readonly users: UsersService,
    private readonly pools: PoolsService,
    private readonly events: DomainEvents,
    private readonly approvals: ApprovalsService,
  ) {
    super(ds, audit, ACCOUNT_KIND, points, custom);
  }

  registerRelatedCount(key: string, counter: RelatedCounter): void {
    this.relatedCounters.set(key, counter);
  }

  /** Related records per registered counter for one account. */
  async relatedCounts(m: EntityManager, id: string): Promise<Record<string, number>> {
    const out: Record<string, number> = {};
    for (const [key, counter] of this.relatedCounters) out[key] = (await counter(m, [id])).get(id) ?? 0;
    return out;
  }

  protected async mapResponses(actor: AuthUser | null, accounts: Account[], m: EntityManager = this.ds.manager): Promise<Omit<AccountResponse, 'actions'>[]> {
    const names = {
      owners: await this.users.namesByIds(accounts.map((a) => a.ownerId), m),
      parents: await this.namesByIds(accounts.map((a) => a.parentId), m),
    };
    return accounts.map((a) => toAccountResponse(a, actor, names));
  }

  protected browsablePools(actor: AuthUser, m: EntityManager): Promise<string[]> {
    return this.pools.browsableIds(actor, m);
  }

  protected listQuery(qb: SelectQueryBuilder<Account>, query: Record<string, unknown>): void {
    if (query.tag) qb.andWhere('a.tags @> ARRAY[:__tag]::text[]', { __tag: query.tag });
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

  /** Tags are united; a survivor that hung under one of its duplicates takes that duplicate's place. */
  /** An account waiting for an approval (撞单) neither merges nor is merged away until it is decided. */
  protected locked(m: EntityManager, ids: string[]): Promise<Set<string>> {
    return this.approvals.pendingIds('account', ids, m);
  }

  protected async checkEdit(m: EntityManager, a: Account): Promise<void> {
    await this.approvals.assertNotPending('account', a.id, m);
  }

  protected async checkMerge(m: EntityManager, _actor: AuthUser, survivor: Account, dups: Account[]): Promise<void> {
    for (const a of [survivor, ...dups]) await this.approvals.assertNotPending('account', a.id, m);
  }

  protected async mergeValues(m: EntityManager, actor: AuthUser, a: Account, dups: Account[], before: Account): Promise<void> {
    const dupIds = dups.map((d) => d.id);
    const hadParent = !!before.parentId;
    a.tags = mergedTags([a.tags, ...dups.map((d) => d.tags)]);
    const seen = new Set<string>();
    while (a.parentId && dupIds.includes(a.parentId) && !seen.has(a.parentId)) {
      seen.add(a.parentId);
      a.parentId = dups.find((d) => d.id === a.parentId)!.parentId;
    }
    if (a.parentId === a.id || (a.parentId && dupIds.includes(a.parentId))) a.parentId = null;
    if (a.parentId && !hadParent) {
      // a parent taken from a duplicate must not be one of the survivor's own subsidiaries
      await this.assertParent(m, actor, a.id, a.parentId).catch((e: unknown) => {
        if (!(e instanceof DomainError)) throw e;
        a.parentId = null;
      });
    }
  }

  /** Subsidiaries of the duplicates move to the survivor; other modules follow `account.merged`. */
  protected async afterMerge(m: EntityManager, actor: AuthUser, survivor: Account, dups: Account[]): Promise<void> {
    const dupIds = dups.map((d) => d.id);
    const [children]: [{ id: string; old_parent: string }[], number] = await m.query(
      `UPDATE accounts c SET parent_id = $1, version = c.version + 1, updated_at = now()
         FROM accounts old
        WHERE old.id = c.id AND c.parent_id = ANY($2) AND c.id <> $1 AND c.deleted_at IS NULL
        RETURNING c.id, old.parent_id AS old_parent`,
      [survivor.id, dupIds],
    );
    for (const c of children) {
      await this.audit.record(m, actor, 'update', 'account', c.id, [{ field: 'parentId', old: c.old_parent, new: survivor.id }]);
    }
    await this.events.emit(m, 'account.merged', { fromIds: dupIds, intoId: survivor.id });
  }

  /** What still hangs on each account: registered related records (contacts...) and live subsidiaries. */
  private async holding(m: EntityManager, ids: string[]): Promise<Map<string, Record<string, number>>> {
    const out = new Map<string, Record<string, number>>(ids.map((id) => [id, {}]));
    const add = (key: string, counts: Map<string, number>) => {
      for (const [id, n] of counts) if (n > 0 && out.has(id)) out.get(id)![key] = n;
    };
    for (const [key, counter] of this.relatedCounters) add(key, await counter(m, ids));
    const subs: { parent_id: string; n: number }[] = await m.query(
      `SELECT parent_id, count(*)::int AS n FROM accounts WHERE parent_id = ANY($1) AND deleted_at IS NULL GROUP BY parent_id`,
      [ids],
    );
    add('subsidiaries', new Map(subs.map((r) => [r.parent_id, r.n])));
    return out;
  }

  /** Accounts nothing hangs on any more. */
  protected async removable(m: EntityManager, ids: string[]): Promise<string[]> {
    if (!ids.length) return [];
    const holding = await this.holding(m, ids);
    return ids.filter((id) => !Object.keys(holding.get(id)!).length);
  }

  /** An account with contacts (or other registered records) or live subsidiaries cannot be deleted. */
  protected async checkRemove(m: EntityManager, a: Account): Promise<void> {
    const held = Object.entries((await this.holding(m, [a.id])).get(a.id)!);
    if (held.length) {
      throw conflict(
        AccountErrorCode.ACCOUNT_HAS_RELATED,
        `The account still has ${held.map(([k, c]) => `${c} ${k}`).join(', ')}; move or delete them first (or merge the account)`,
        undefined,
        { related: Object.fromEntries(held) },
      );
    }
  }

  protected gone(m: EntityManager, ids: string[]): Promise<void> {
    return this.pools.endClaim(m, 'account', ids);
  }
}
