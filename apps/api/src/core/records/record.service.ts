import type { Response } from 'express';
import { DataSource, EntityManager, In, SelectQueryBuilder } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { REFERENCE_KINDS, type ReferenceKind } from '../audit/change-types';
import { can } from '@keyuan/shared';
import { scopeCondition, scopeParams } from '../access/data-scope';
import { type AuthUser, scopeOf } from '../auth/auth-user';
import { fillFromDuplicates, latest } from '../crud/record-rules';
import { RecordStore } from '../crud/record-store';
import { badRequest, conflict, notFound } from '../http/domain-error';
import { CsvLocale, exportFormat, streamExport } from '../http/csv-export';
import { ListSpec, Page } from '../http/keyset';
import { ListQueryDto } from '../http/list-query.dto';
import { canViewSensitive, seesUnmasked } from '../util/mask';
import { ContactIndex, OwnedRecord, RecordAction, RecordKind } from './record-kind';
import type { CustomFieldsService } from '../custom-fields/custom-fields.service';
import { CustomFieldErrorCode } from '../custom-fields/custom-field.errors';

import type { CustomFieldKind } from '@keyuan/shared';
import { RecordErrorCode } from './record.errors';

/** What `reveal` answers for every kind: the id and each sensitive field unmasked. */
export type Revealed = { id: string } & Record<string, string | null>;

/**
 * The shared life of an owned record kind, written once over RecordStore: scoped list / get / search /
 * export, readable ids and names for other modules, reveal, duplicates, merge, remove and restore.
 * Each module subclasses it once (`LeadRecords`: a provider its module does not export) with its
 * RecordKind and overrides the hooks below for its own rules; its service keeps the rules that are only
 * its own (create, update, ownership) and delegates the rest.
 */
export abstract class RecordService<T extends OwnedRecord, R> {
  /** RecordStore of the kind; the owning module's services only (the provider is never exported). */
  readonly store: RecordStore<T>;

  constructor(
    protected readonly ds: DataSource,
    protected readonly audit: AuditService,
    readonly kind: RecordKind<T, R>,
    private readonly points: ContactIndex<unknown>,
    /** Given by kinds that carry custom fields (a `custom` JSONB column): values validated, listed, filtered, exported. */
    protected readonly custom?: CustomFieldsService,
  ) {
    const kindName = kind.module as CustomFieldKind;
    const hook = custom && {
      create: (m: EntityManager, raw: unknown, lenient?: boolean, actor?: AuthUser | null) => custom.forCreate(m, kindName, raw, { lenient, actor }),
      update: (m: EntityManager, id: string, before: Record<string, unknown> | null, patch: unknown, actor?: AuthUser | null) => custom.forUpdate(m, kindName, id, before, patch, actor),
    };
    this.store = new RecordStore(ds, audit, kind.entity, { entityType: kind.type, module: kind.module, alias: kind.alias, scope: kind.scope, events: true, custom: hook });
    custom?.registerKind({ kind: kindName, type: kind.type, alias: kind.alias, table: () => ds.getMetadata(kind.entity).tableName, readable: (actor, ids, m) => this.readable(actor, ids, m) });
    // histories that reference a record of this kind name it for readers who may read it
    if ((REFERENCE_KINDS as readonly string[]).includes(kind.type)) {
      audit.registerNames(kind.type as ReferenceKind, async (reader, ids, m) => this.namesByIds([...(await this.readable(reader, ids, m))], m));
    }
  }

  transaction<X>(fn: (m: EntityManager) => Promise<X>, manager?: EntityManager): Promise<X> {
    return this.store.transaction(fn, manager);
  }

  /** The kind's name as the contact index types it. */
  private get t(): never {
    return this.kind.type as never;
  }

  // ---- hooks: a kind overrides what its rules need ----

  /** Entities to API responses, masked for the actor (the kit adds `actions`). */
  protected abstract mapResponses(actor: AuthUser | null, rows: T[], m?: EntityManager): Promise<Omit<R, 'actions'>[]>;
  /** Pools whose ownerless records the actor may read before claiming (pooled kinds ask the pools module). */
  protected async browsablePools(_actor: AuthUser, _m: EntityManager): Promise<string[]> {
    return [];
  }
  /** The kind's own say on the actions (a converted lead is read-only, a lead converts...). */
  /** Records of `ids` that no action may change now (e.g. waiting for an approval): they offer only `reveal`. */
  protected async locked(_m: EntityManager, _ids: string[]): Promise<Set<string>> {
    return new Set();
  }
  protected kindActions(_actor: AuthUser, _r: T, actions: RecordAction[]): RecordAction[] {
    return actions;
  }
  /** Conditions of list parameters the ListSpec cannot express (e.g. an account's `tag`). */
  protected listQuery(_qb: SelectQueryBuilder<T>, _query: Record<string, unknown>): void {}
  /** False when a live record leaves the phone/email index (a converted lead). */
  protected indexed(_r: T): boolean {
    return true;
  }
  /** Refuses a merge (409) before anything changes; every record is locked. */
  protected async checkMerge(_m: EntityManager, _actor: AuthUser, _survivor: T, _duplicates: T[]): Promise<void> {}
  /** Merge rules beyond `mergeFill`, applied to the survivor before it is saved (`before`: its values before the merge). */
  protected async mergeValues(_m: EntityManager, _actor: AuthUser, _survivor: T, _duplicates: T[], _before: T): Promise<void> {}
  /** After a merge, in its transaction: references move (domain events), scores change... */
  protected async afterMerge(_m: EntityManager, _actor: AuthUser, _survivor: T, _duplicates: T[]): Promise<void> {}
  /** Refuses a delete (409) before it happens; the record is locked. */
  protected async checkRemove(_m: EntityManager, _r: T): Promise<void> {}
  /** Those of `ids` (live, readable) the kind's rules let a bulk delete remove (import reverts). */
  protected async removable(_m: EntityManager, ids: string[]): Promise<string[]> {
    return ids;
  }
  /** Refuses a change of the record's own fields (409) on shared edits such as bulk tags (a converted lead, a pending approval). */
  protected async checkEdit(_m: EntityManager, _r: T): Promise<void> {}
  /** Records gone for good (deleted or merged away), e.g. to end their pool claims. */
  protected async gone(_m: EntityManager, _ids: string[]): Promise<void> {}

  // ---- the shared actions ----

  /** Entities to API responses, masked for the actor, each with the actions the actor has on it now. */
  async toResponses(actor: AuthUser | null, rows: T[], m: EntityManager = this.ds.manager, pools?: string[]): Promise<R[]> {
    const mapped = (await this.mapResponses(actor, rows, m)) as (Omit<R, 'actions'> & { custom?: unknown; actions?: RecordAction[] })[];
    const actions = actor ? await this.actionsOf(actor, rows, m, pools) : rows.map(() => []);
    // the mapped objects are this call's own: completed in place (a copy of every row's fields per page was
    // garbage for nothing); a key they already have keeps its place, new ones come last, as a spread would do
    const defs = this.custom ? await this.custom.defs(this.kind.module, m) : null;
    mapped.forEach((r, i) => {
      if (defs) {
        const row = rows[i] as T & { custom?: Record<string, unknown> };
        r.custom = this.custom!.present(defs, row.custom, actor, row.ownerId);
      }
      r.actions = actions[i];
    });
    return mapped as R[];
  }

  /**
   * Per record, what the actor may do now: the grant's actions on records inside the data scope; claim on
   * an ownerless record waiting in a pool the actor can browse; assign only when it can offer someone
   * else (scope `own` could only assign to oneself); then the kind's own rules.
   */
  async actionsOf(actor: AuthUser, rows: T[], m: EntityManager = this.ds.manager, browsable?: string[]): Promise<RecordAction[][]> {
    if (!rows.length) return [];
    const mine = await this.readableRows(actor, rows, m);
    const pooled = this.kind.pooled && rows.some((r) => !r.ownerId);
    const pools = new Set(pooled ? (browsable ?? (await this.browsablePools(actor, m))) : []);
    // the grant is the same for every row: looked up once per page, not per row and action
    const granted = { update: can(actor.grants, this.kind.module, 'update'), delete: can(actor.grants, this.kind.module, 'delete') };
    const grant = (action: 'update' | 'delete') => granted[action];
    const assigns = scopeOf(actor, this.kind.module) !== 'own';
    const locked = await this.locked(m, rows.map((r) => r.id));
    return rows.map((r) => {
      const out: RecordAction[] = [];
      const row = r as T & { poolId?: string | null };
      if (mine.has(r.id)) {
        if (grant('update')) out.push('edit');
        if (grant('delete')) out.push('delete');
        if (grant('update') && grant('delete')) out.push('merge');
        if (grant('update') && assigns && (!this.kind.pooled || r.ownerId)) out.push('assign');
        if (grant('update') && this.kind.pooled && r.ownerId) out.push('release');
        if (!seesUnmasked(actor, r.ownerId) && this.kind.sensitive.some((f) => r[f.field])) out.push('reveal');
      }
      if (this.kind.pooled && !r.ownerId && row.poolId && pools.has(row.poolId) && grant('update')) out.push('claim');
      const actions = this.kindActions(actor, r, out);
      // a record waiting for an approval answers 409 to every change: offer none (reveal reads only)
      return locked.has(r.id) ? actions.filter((a) => a === 'reveal') : actions;
    });
  }

  /**
   * The list spec as `actor` may use it. Without `viewSensitive`, `q` searches names and the digits the
   * mask shows, and matches a phone or email only as a whole normalized value (issue 9, item 3).
   */
  specFor(actor: AuthUser | null): ListSpec {
    if (canViewSensitive(actor)) return this.kind.list;
    const col = (kind: 'phone' | 'email') => this.kind.sensitive.filter((s) => s.kind === kind).map((s) => s.column);
    return { ...this.kind.list, search: [this.kind.visibleSearch], exact: { phones: col('phone'), emails: col('email') } };
  }

  /** A page of the records the actor may read; `qb` narrows the base query (e.g. a pool's records). */
  async list(actor: AuthUser, query: ListQueryDto & object, qb?: SelectQueryBuilder<T>, opts?: { count?: boolean }): Promise<Page<R>> {
    const base = qb ?? this.store.query(actor);
    this.listQuery(base, query as Record<string, unknown>);
    const customFilters = (query as { custom?: unknown }).custom;
    let spec = this.specFor(actor);
    if (this.custom) {
      await this.custom.applyFilters(this.kind.module, this.kind.alias, base, customFilters);
      spec = await this.custom.listSpec(this.kind.module, this.kind.alias, spec);
    } else if (customFilters !== undefined) {
      throw badRequest(CustomFieldErrorCode.CUSTOM_FIELD_KIND, 'custom', `${this.kind.type} records take no custom fields`);
    }
    const page = await this.store.list(actor, query, spec, base, opts);
    return { ...page, data: await this.toResponses(actor, page.data) };
  }

  /** Records matching `q` the actor may read, newest first: the list's `q`, without a count. */
  async search(actor: AuthUser, q: string, limit: number): Promise<R[]> {
    if (!q.trim()) return [];
    return (await this.list(actor, { q, limit: Math.min(Math.max(limit, 1), 50) }, undefined, { count: false })).data;
  }

  /**
   * Every record of the listing the actor may read, masked like the screen, as CSV or XLSX (`format` in the
   * query, or Accept) in the file's language `locale`.
   */
  async exportCsv(actor: AuthUser, query: ListQueryDto & { format?: string; lang?: string }, res: Response, locale: CsvLocale): Promise<void> {
    const { format, lang: _lang, ...filters } = query;
    const extra = this.custom ? ((await this.custom.fileFields(this.kind.module, locale)) as typeof this.kind.csv.fields) : [];
    await streamExport(res, this.kind.csv.name, exportFormat(format, res.req), [...this.kind.csv.fields, ...extra], locale, (cursor) =>
      this.list(actor, { ...filters, cursor, limit: 1000 } as ListQueryDto & object, undefined, { count: false }),
    );
  }

  /** The record if the actor may read it (404 otherwise, also when deleted). */
  find(actor: AuthUser | null, id: string, m?: EntityManager, opts?: { lock?: boolean }): Promise<T> {
    return this.store.get(actor, id, m, opts);
  }

  /**
   * The record if the actor may read it: inside their data scope, or (pooled kinds) waiting without an
   * owner in a pool they can browse, so a pool member opens it before claiming (masked like any record
   * they do not own). One query: the pool condition joins the scope's WHERE. 404 otherwise.
   */
  async findReadable(actor: AuthUser, id: string, m: EntityManager = this.ds.manager, browsable?: string[]): Promise<T> {
    const scope = scopeCondition(actor, scopeOf(actor, this.kind.module), this.kind.scope);
    // the `all` scope reads every record: no pool to ask about
    if (scope === null || !this.kind.pooled) return this.find(actor, id, m);
    const pools = browsable ?? (await this.browsablePools(actor, m));
    if (!pools.length) return this.find(actor, id, m);
    const a = this.kind.alias;
    const row = await this.store
      .query(null, m)
      .andWhere(`${a}.id = :__id`, { __id: id })
      .andWhere(`(${scope} OR (${a}.owner_id IS NULL AND ${a}.pool_id IN (:...__pools)))`, { ...scopeParams(actor), __pools: pools })
      .getOne();
    if (!row) throw notFound(this.kind.type);
    return row;
  }

  async get(actor: AuthUser, id: string): Promise<R> {
    // one look-up of the pools the actor can browse serves both the read and the record's actions (`claim`)
    const pools = this.kind.pooled && scopeOf(actor, this.kind.module) !== 'all' ? await this.browsablePools(actor, this.ds.manager) : undefined;
    return (await this.toResponses(actor, [await this.findReadable(actor, id, this.ds.manager, pools)], this.ds.manager, pools))[0];
  }

  /**
   * `readable` for rows already loaded: the `all` scope (every live row), the `own` scope (live rows the actor
   * owns) and the department scope (live rows the actor owns or whose department is among the scope's ids,
   * resolved with the actor) are decided from the rows themselves, the same condition the scope's SQL tests,
   * saving a query per list page and detail (issue 20); a members column, other scope columns or no grant still
   * ask PostgreSQL.
   */
  private async readableRows(actor: AuthUser, rows: T[], m: EntityManager): Promise<Set<string>> {
    const scope = scopeOf(actor, this.kind.module);
    const cols = this.kind.scope;
    const a = this.kind.alias;
    const plain = cols.owner === `${a}.owner_id` && (!cols.department || cols.department === `${a}.department_id`);
    if (scope === null || cols.members || (scope !== 'all' && !plain)) return this.readable(actor, rows.map((r) => r.id), m);
    const depts = scope === 'department' && actor.departmentPath && cols.department ? new Set(actor.scopeDepartmentIds) : null;
    const inScope = (r: T) => scope === 'all' || r.ownerId === actor.id || (depts !== null && r.departmentId !== null && depts.has(r.departmentId));
    return new Set(rows.filter((r) => !r.deletedAt && inScope(r)).map((r) => r.id));
  }

  /** Which of `ids` the actor may read (live records inside the actor's data scope; no actor: every live record). */
  async readable(actor: AuthUser | null, ids: string[], m: EntityManager = this.ds.manager): Promise<Set<string>> {
    const unique = [...new Set(ids.filter(Boolean))];
    if (!unique.length) return new Set();
    const a = this.kind.alias;
    const rows = await this.store.query(actor, m).select(`${a}.id`, 'id').andWhere(`${a}.id IN (:...__ids)`, { __ids: unique }).getRawMany<{ id: string }>();
    return new Set(rows.map((r) => r.id));
  }

  /** Names of live records by id, for other modules' responses (no scope: a name is not sensitive). */
  async namesByIds(ids: (string | null | undefined)[], m: EntityManager = this.ds.manager): Promise<Map<string, string>> {
    const unique = [...new Set(ids.filter((i): i is string => !!i))];
    if (!unique.length) return new Map();
    const a = this.kind.alias;
    const rows = await this.store
      .query(null, m)
      .select(`${a}.id`, 'id')
      .addSelect(`${a}.name`, 'name')
      .andWhere(`${a}.id IN (:...__ids)`, { __ids: unique })
      .getRawMany<{ id: string; name: string }>();
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  /**
   * Live records, oldest first, by list filters (`where` equal, `not` different, `owned` with an owner):
   * what demo seeders of other modules attach their data to. No scope: callers run without an actor.
   */
  async sample(m: EntityManager, opts: { where?: Record<string, unknown>; not?: Record<string, unknown>; owned?: boolean; limit?: number }): Promise<T[]> {
    const a = this.kind.alias;
    const qb = this.store.query(null, m).orderBy(`${a}.created_at`);
    const column = (name: string) => this.kind.list.filters?.[name] ?? `${a}.${name}`;
    for (const [k, v] of Object.entries(opts.where ?? {})) qb.andWhere(`${column(k)} = :__w_${k}`, { [`__w_${k}`]: v });
    for (const [k, v] of Object.entries(opts.not ?? {})) qb.andWhere(`${column(k)} <> :__n_${k}`, { [`__n_${k}`]: v });
    if (opts.owned) qb.andWhere(`${a}.owner_id IS NOT NULL`);
    if (opts.limit) qb.limit(opts.limit);
    return qb.getMany();
  }

  /** One record's sensitive fields unmasked, with one `reveal` audit entry naming the fields shown. */
  async reveal<V extends { id: string } = Revealed>(actor: AuthUser, id: string): Promise<V> {
    return this.ds.transaction(async (m) => {
      const r = await this.find(actor, id, m);
      const out: Record<string, string | null> = { id: r.id };
      for (const s of this.kind.sensitive) out[s.field] = (r[s.field] as string | null) ?? null;
      const shown = this.kind.sensitive.map((s) => s.field).filter((f) => out[f]);
      await this.audit.record(m, actor, 'reveal', this.kind.type, id, [{ field: 'revealed', old: null, new: shown }]);
      return out as V;
    });
  }

  /** Leads, accounts and contacts sharing a phone or email with the record (what the actor may see of them). */
  async duplicates(actor: AuthUser, id: string): Promise<unknown[]> {
    const r = await this.find(actor, id);
    return this.points.findMatches(this.ds.manager, actor, this.pointsOf(r), [{ entityType: this.t, id }]);
  }

  /**
   * Merges `duplicateIds` into `id`: every record is locked in id order (no deadlock between two merges),
   * must be readable by the actor (404) and pass the kind's checkMerge (409); the duplicates are
   * soft-deleted with a `merge` entry `mergedInto`, the survivor fills its empty `mergeFill` fields from
   * them (first one wins), takes the latest activity and the kind's mergeValues, and gets one `merge`
   * entry `mergedFrom: [ids]` (plus the usual `update` entry of the fields it took).
   */
  async merge(actor: AuthUser, id: string, duplicateIds: string[]): Promise<T> {
    const dupIds = [...new Set(duplicateIds)];
    if (dupIds.includes(id)) {
      throw conflict(RecordErrorCode.MERGE_INVALID, `duplicateIds cannot contain the surviving ${this.kind.type}`, [
        { field: 'duplicateIds', message: `cannot contain the surviving ${this.kind.type}` },
      ]);
    }
    return this.ds.transaction(async (m) => {
      const locked = new Map<string, T>();
      for (const x of [id, ...dupIds].sort()) locked.set(x, await this.find(actor, x, m, { lock: true }));
      const dups = dupIds.map((d) => locked.get(d)!);
      await this.checkMerge(m, actor, locked.get(id)!, dups);
      // the duplicates go first, so the survivor can take over what only one record may hold (a primary flag)
      await m.getRepository(this.kind.entity).softDelete({ id: In(dupIds) } as never);
      for (const d of dups) {
        await this.audit.record(m, actor, 'merge', this.kind.type, d.id, [{ field: 'mergedInto', old: null, new: id }]);
        await this.points.remove(m, this.t, d.id);
      }
      await this.gone(m, dupIds);
      const survivor = await this.store.update(
        actor,
        id,
        undefined,
        async (s) => {
          const before = { ...s };
          fillFromDuplicates(s, dups, this.kind.mergeFill);
          const withActivity = s as T & { lastActivityAt?: Date | null };
          if ('lastActivityAt' in withActivity) {
            withActivity.lastActivityAt = latest([withActivity.lastActivityAt, ...dups.map((d) => (d as typeof withActivity).lastActivityAt)]);
          }
          await this.mergeValues(m, actor, s, dups, before);
        },
        m,
      );
      await this.audit.record(m, actor, 'merge', this.kind.type, id, [{ field: 'mergedFrom', old: null, new: dupIds }]);
      await this.syncContactPoints(m, survivor);
      await this.afterMerge(m, actor, survivor, dups);
      return this.find(actor, id, m);
    });
  }

  /** Soft-deletes the record (412 on a stale version, the kind's checkRemove may refuse with 409). */
  async remove(actor: AuthUser, id: string, ifMatch?: number): Promise<void> {
    await this.store.softDelete(actor, id, ifMatch, async (r, m) => {
      await this.checkRemove(m, r);
      await this.points.remove(m, this.t, r.id);
      await this.gone(m, [r.id]);
    });
  }

  /** Soft-deletes those of `ids` the actor may read and the kind lets go (import reverts); answers the ids removed. */
  async removeMany(m: EntityManager, actor: AuthUser, ids: string[]): Promise<string[]> {
    const gone = await this.removable(m, [...(await this.readable(actor, ids, m))]);
    if (!gone.length) return [];
    await this.store.softDeleteMany(actor, gone, m);
    await this.points.removeMany(m, this.t, gone);
    await this.gone(m, gone);
    return gone;
  }

  /**
   * Adds tags to a record with a `tags` column (bulk "add tag"): locked, version-checked (412), audited;
   * tags it already has are kept once.
   */
  async addTags(actor: AuthUser, id: string, tags: string[], version?: number): Promise<T> {
    return this.store.update(actor, id, version, async (r, m) => {
      await this.checkEdit(m, r);
      const tagged = r as T & { tags?: string[] };
      const next = [...new Set([...(tagged.tags ?? []), ...tags])];
      if (next.length > 20) throw conflict(RecordErrorCode.TAGS_LIMIT, `a ${this.kind.type} holds at most 20 tags`);
      tagged.tags = next;
    });
  }

  /** Ids of live records by external id (imports' upsert key), first match per value. */
  idsByExternalId(values: string[], m?: EntityManager): Promise<Map<string, string>> {
    return this.store.idsBy('external_id', values, m);
  }

  /** Ids of the records the actor may read, by exact name (imports naming a record). */
  async idsByName(actor: AuthUser, names: string[], m: EntityManager = this.ds.manager): Promise<Map<string, string>> {
    const unique = [...new Set(names.filter(Boolean))];
    if (!unique.length) return new Map();
    const a = this.kind.alias;
    const rows = await this.store
      .query(actor, m)
      .select(`${a}.id`, 'id')
      .addSelect(`${a}.name`, 'name')
      .andWhere(`${a}.name IN (:...__names)`, { __names: unique })
      .getRawMany<{ id: string; name: string }>();
    return new Map(rows.map((r) => [r.name, r.id]));
  }

  /** Brings a deleted record back; it must fall inside the actor's data scope (404 otherwise, nothing restored). */
  async restore(actor: AuthUser, id: string): Promise<R> {
    const restored = await this.store.restore(actor, id, async (r, m) => {
      // checked on the live record: an out-of-scope id rolls the restore back
      await this.find(actor, id, m);
      await this.syncContactPoints(m, r);
    });
    return (await this.toResponses(actor, [restored]))[0];
  }

  /** Keeps the shared phone/email index in step with the record (inside the caller's transaction). */
  async syncContactPoints(m: EntityManager, r: T): Promise<void> {
    if (r.deletedAt || !this.indexed(r)) return this.points.remove(m, this.t, r.id);
    await this.points.sync(m, this.t, r.id, this.indexEntry(r));
  }

  /** The record's entry in the phone/email index. */
  indexEntry(r: T) {
    return { ...this.pointsOf(r), displayName: this.kind.displayName(r), ownerId: r.ownerId, departmentId: r.departmentId };
  }

  /** The record's phones and emails, as the dedupe index takes them. */
  pointsOf(r: T): { phones: (string | null)[]; emails: (string | null)[] } {
    const of = (kind: 'phone' | 'email') => this.kind.sensitive.filter((s) => s.kind === kind).map((s) => (r[s.field] as string | null) ?? null);
    return { phones: of('phone'), emails: of('email') };
  }
}
