import type { PermissionModule } from '@keyuan/shared';
import { randomUUID } from 'node:crypto';
import { DataSource, DeepPartial, EntityManager, EntityTarget, SelectQueryBuilder } from 'typeorm';
import { applyDataScope, ScopeColumns } from '../access/data-scope';
import { AuditService, diffRecords, FieldChange } from '../audit/audit.service';
import { type AuthUser, scopeOf } from '../auth/auth-user';
import { BaseRecord } from '../database/base.entity';
import { notFound, staleVersion } from '../http/domain-error';
import { ListQueryDto } from '../http/list-query.dto';
import { ListSpec, Page, paginate } from '../http/keyset';

export interface RecordStoreOptions {
  /** Audit entity type and the name used in 404 messages, e.g. `user`. */
  entityType: string;
  /** Module whose grant decides the data scope. */
  module: PermissionModule;
  /** Query alias, e.g. `u`. */
  alias: string;
  /** Columns the data scope applies to (with the alias); omit for records without an owner. */
  scope?: ScopeColumns;
  /** Publish each audited change as a committed record event (workflow rules); the record kit sets it. */
  events?: boolean;
  /** Custom field values of the kind (the record kit sets it for kinds with custom fields). */
  custom?: CustomValuesHook;
}

/** Validates a record's `custom` object on write (core/custom-fields through the record kit). */
export interface CustomValuesHook {
  /** The `custom` object of a new record (`lenient`: records the system makes, defaults without required checks; `actor`: whose references must be readable). */
  create(m: EntityManager, raw: unknown, lenient?: boolean, actor?: AuthUser | null): Promise<Record<string, unknown>>;
  /** The stored object after `patch` changed some keys of `before`. */
  update(m: EntityManager, id: string, before: Record<string, unknown> | null, patch: unknown, actor?: AuthUser | null): Promise<Record<string, unknown>>;
}

type WithCustom = { custom?: Record<string, unknown> | null };

/**
 * The generic life of a business record, written once: scoped reads (out of scope = 404), keyset
 * lists, create / update / soft delete / restore in one transaction with optimistic locking and
 * audit entries. Domain services compose it with their rules.
 */
export class RecordStore<T extends BaseRecord> {
  constructor(
    private readonly ds: DataSource,
    private readonly audit: AuditService,
    readonly target: EntityTarget<T>,
    readonly opts: RecordStoreOptions,
  ) {
    // the audit log shows a record's entries only to readers who may read the record
    audit.registerKind({
      entityType: opts.entityType,
      module: opts.module,
      alias: opts.alias,
      scope: opts.scope,
      table: () => ds.getMetadata(target).tableName,
      events: opts.events,
    });
  }

  /** A query of the records the user may see (not deleted, inside the scope). */
  query(user: AuthUser | null, manager: EntityManager = this.ds.manager, withDeleted = false): SelectQueryBuilder<T> {
    const qb = manager.getRepository(this.target).createQueryBuilder(this.opts.alias);
    if (withDeleted) qb.withDeleted();
    if (user && this.opts.scope) applyDataScope(qb, user, this.opts.module, this.opts.scope);
    return qb;
  }

  list(user: AuthUser, query: ListQueryDto & object, spec: ListSpec, qb = this.query(user), opts?: { count?: boolean }): Promise<Page<T>> {
    const scope = scopeOf(user, this.opts.module);
    return paginate(qb, query, spec, { ...opts, wideScope: scope === 'all' || scope === 'department' });
  }

  async get(user: AuthUser | null, id: string, manager?: EntityManager, opts: { lock?: boolean; withDeleted?: boolean } = {}): Promise<T> {
    const qb = this.query(user, manager, opts.withDeleted).andWhere(`${this.opts.alias}.id = :__id`, { __id: id });
    if (opts.lock) qb.setLock('pessimistic_write');
    const row = await qb.getOne();
    if (!row) throw notFound(this.opts.entityType);
    return row;
  }

  snapshot(entity: T): Record<string, unknown> {
    const meta = this.ds.getMetadata(this.target);
    const out: Record<string, unknown> = {};
    for (const c of meta.columns) {
      const v = (entity as Record<string, unknown>)[c.propertyName];
      // custom field values are audited one field at a time, like built-in ones: `custom.<key>`
      if (c.propertyName === 'custom' && this.opts.custom) {
        for (const [k, x] of Object.entries((v as Record<string, unknown> | null) ?? {})) out[`custom.${k}`] = x;
      } else out[c.propertyName] = v;
    }
    return out;
  }

  transaction<R>(fn: (manager: EntityManager) => Promise<R>, manager?: EntityManager): Promise<R> {
    return manager ? fn(manager) : this.ds.transaction(fn);
  }

  async create(actor: AuthUser | null, values: DeepPartial<T>, manager?: EntityManager): Promise<T> {
    return this.transaction(async (m) => {
      const repo = m.getRepository(this.target);
      // a record the system makes (no actor: public forms, inbound mail) fills defaults without requiring: no one could fill them
      if (this.opts.custom) values = { ...values, custom: await this.opts.custom.create(m, (values as WithCustom).custom, actor === null, actor) } as DeepPartial<T>;
      const saved = await repo.save(repo.create(values));
      await this.audit.record(m, actor, 'create', this.opts.entityType, saved.id, diffRecords(null, this.snapshot(saved)));
      return saved;
    }, manager);
  }

  /** Ids of live records by an exact column value (e.g. `external_id`), first match per value. */
  async idsBy(column: string, values: string[], manager: EntityManager = this.ds.manager): Promise<Map<string, string>> {
    const unique = [...new Set(values.filter(Boolean))];
    if (!unique.length) return new Map();
    const a = this.opts.alias;
    const rows: { v: string; id: string }[] = await this.query(null, manager)
      .select(`${a}.${column}`, 'v')
      .addSelect(`${a}.id`, 'id')
      .andWhere(`${a}.${column} = ANY(:__vals)`, { __vals: unique })
      .getRawMany();
    return new Map(rows.map((r) => [r.v, r.id]));
  }

  /**
   * Inserts many records in one statement, each with its audit entry (bulk imports). Rows go to
   * PostgreSQL as one JSON array expanded by json_populate_recordset: far cheaper than an ORM insert
   * with thousands of bound parameters. Ids and timestamps are set here; unset columns take the
   * entity's literal default.
   */
  async createMany(actor: AuthUser | null, values: DeepPartial<T>[], manager: EntityManager): Promise<T[]> {
    if (!values.length) return [];
    const meta = this.ds.getMetadata(this.target);
    const repo = manager.getRepository(this.target);
    const now = new Date();
    const columns = meta.columns;
    if (this.opts.custom) {
      const hook = this.opts.custom;
      values = await Promise.all(values.map(async (v) => ({ ...v, custom: await hook.create(manager, (v as WithCustom).custom, actor === null, actor) }) as DeepPartial<T>));
    }
    const entities = values.map((v) => {
      const e = repo.create(v) as unknown as Record<string, unknown>;
      for (const c of columns) {
        const key = c.propertyName;
        if (e[key] !== undefined) continue;
        if (key === 'id') e[key] = randomUUID();
        else if (c.isCreateDate || c.isUpdateDate) e[key] = now;
        else if (c.isVersion) e[key] = 1;
        else if (c.default !== undefined && typeof c.default !== 'function') e[key] = c.default;
        else e[key] = null;
      }
      return e;
    });
    const rows = entities.map((e) => Object.fromEntries(columns.map((c) => [c.databaseName, e[c.propertyName]])));
    const names = columns.map((c) => `"${c.databaseName}"`).join(', ');
    const table = `"${meta.tableName}"`;
    await manager.query(`INSERT INTO ${table} (${names}) SELECT ${names} FROM json_populate_recordset(NULL::${table}, $1::json)`, [
      JSON.stringify(rows),
    ]);
    await this.audit.recordMany(
      manager,
      actor,
      'create',
      this.opts.entityType,
      entities.map((e) => ({ entityId: e.id as string, changes: diffRecords(null, this.snapshot(e as unknown as T)) })),
    );
    return entities as unknown as T[];
  }

  /** Soft-deletes many records in one statement, each with its audit entry (import reverts). */
  async softDeleteMany(actor: AuthUser | null, ids: string[], manager: EntityManager, action = 'delete'): Promise<void> {
    if (!ids.length) return;
    await manager.getRepository(this.target).softDelete(ids as never);
    await this.audit.recordMany(manager, actor, action, this.opts.entityType, ids.map((entityId) => ({ entityId, changes: [] })));
  }

  /**
   * Locks the row, checks the expected version (412 when stale), lets `mutate` change it, saves, and
   * audits the changed fields with old and new values, as one entry of `action` (a domain verb such as
   * `convert` when the change is one, so one change is one timeline entry).
   */
  async update(
    actor: AuthUser,
    id: string,
    expectedVersion: number | undefined,
    mutate: (entity: T, manager: EntityManager) => Promise<FieldChange[] | void> | FieldChange[] | void,
    manager?: EntityManager,
    action = 'update',
  ): Promise<T> {
    return this.transaction(async (m) => {
      const entity = await this.get(actor, id, m, { lock: true });
      if (expectedVersion !== undefined && expectedVersion !== entity.version) throw staleVersion(entity.version);
      const before = this.snapshot(entity);
      const customBefore = (entity as WithCustom).custom ?? null;
      const extra = (await mutate(entity, m)) ?? [];
      const withCustom = entity as WithCustom;
      // a PATCH assigns the body's `custom` (some keys): validated and merged into the stored object
      if (this.opts.custom && withCustom.custom !== customBefore) withCustom.custom = await this.opts.custom.update(m, id, customBefore, withCustom.custom, actor);
      const after = this.snapshot(entity);
      const changes = [...diffRecords(before, after), ...extra];
      // both sides' keys: an emptied custom field is a key only `before` has
      const dirty = [...new Set([...Object.keys(before), ...Object.keys(after)])].some((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
      if (!dirty && changes.length === 0) return entity;
      let saved: T;
      if (dirty) {
        saved = await m.getRepository(this.target).save(entity);
      } else {
        // only related rows changed (e.g. role assignments): the record still gets a new version
        await m.getRepository(this.target).increment({ id } as never, 'version', 1);
        saved = await this.get(null, id, m);
      }
      if (changes.length === 0) return saved;
      await this.audit.record(m, actor, action, this.opts.entityType, id, changes);
      return saved;
    }, manager);
  }

  async softDelete(
    actor: AuthUser,
    id: string,
    expectedVersion: number | undefined,
    check?: (entity: T, manager: EntityManager) => Promise<void>,
  ): Promise<void> {
    await this.ds.transaction(async (m) => {
      const entity = await this.get(actor, id, m, { lock: true });
      if (expectedVersion !== undefined && expectedVersion !== entity.version) throw staleVersion(entity.version);
      if (check) await check(entity, m);
      await m.getRepository(this.target).softDelete(id);
      await this.audit.record(m, actor, 'delete', this.opts.entityType, id, []);
    });
  }

  /**
   * Brings back a soft-deleted record (callers require the `restore` permission) inside the actor's data
   * scope, like every read (out of scope = 404); `after` runs in the same transaction, e.g. to put the
   * record back into an index its module keeps.
   */
  async restore(actor: AuthUser, id: string, after?: (entity: T, manager: EntityManager) => Promise<void>): Promise<T> {
    return this.ds.transaction(async (m) => {
      const entity = await this.get(actor, id, m, { lock: true, withDeleted: true });
      if (entity.deletedAt) {
        await m.getRepository(this.target).restore(id);
        await this.audit.record(m, actor, 'restore', this.opts.entityType, id, []);
      }
      const restored = await this.get(actor, id, m);
      if (after) await after(restored, m);
      return restored;
    });
  }
}
