import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { can, CUSTOM_FIELD_KINDS, CUSTOM_FIELD_LIMIT, type CustomFieldKind, type ObjectPermissionModule, type PermissionModule } from '@keyuan/shared';
import { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { AuditService, diffRecords } from '../audit/audit.service';
import type { AuthUser } from '../auth/auth-user';
import { badRequest, conflict, DomainError, forbidden, notFound, staleVersion } from '../http/domain-error';
import type { FieldDef } from '../http/export-cells';
import type { ListSpec } from '../http/keyset';
import type { Locale } from '../i18n/locale';
import { emailFor, phoneFor } from '../util/mask';
import { CustomFieldErrorCode as E } from './custom-field.errors';
import { CustomField } from './custom-field.entity';
import { CreateCustomFieldDto, CustomFieldResponse, UpdateCustomFieldDto } from './dto/custom-field.dto';
import { dropFieldIndex, ensureFieldIndex } from './custom-field-indexes';
import { coerceValue, CustomDef, customSortExpr, filterValue, hasRange, isCustomKey, isSortable, presentValue } from './custom-values';
import { validateDefinition } from './custom-definition-rules';
import { RecordRefs } from '../records/record-refs';

/** A record kind that takes custom fields, as the record kit registers it. */
export interface CustomKind {
  /** Permission module, e.g. `leads` (the kind's name in /custom-fields), or `obj.<key>` for a custom module. */
  kind: CustomFieldKind | ObjectPermissionModule;
  /** Record type, e.g. `lead`. */
  type: string;
  alias: string;
  table: () => string;
  /** Which of `ids` are live records of the kind that `actor` may read (no actor: every live one): `reference` values. */
  readable?: (actor: AuthUser | null, ids: string[], m: EntityManager) => Promise<Set<string>>;
  /**
   * Kinds sharing one table (custom modules in `custom_records`): the SQL condition, without alias, that picks
   * this kind's rows (built by the registering module from a validated id, never from user input), and the
   * name of its fields' indexes (`<indexPrefix>_<key>`), which are partial on that condition.
   */
  rows?: { where: string; indexPrefix: string };
}

type Values = Record<string, unknown>;

const CACHE_MS = 2000;

/**
 * Custom fields of the record kinds (issue 18), in one place: definitions, the validation of values on
 * write, list filters and sorts built from the definitions with bound parameters only, the response's
 * `custom` object (phones and emails masked like built-in ones), export columns and the live OpenAPI
 * schema. The record kit (RecordService / RecordStore) calls it; a module writes nothing of its own.
 */
@Injectable()
export class CustomFieldsService {
  private readonly log = new Logger('CustomFields');
  private readonly kinds = new Map<string, CustomKind>();
  private readonly cache = new Map<string, { at: number; defs: CustomField[] }>();
  /** Live definitions of every kind, for the synchronous /docs-json patch (refreshed on every change). */
  private snapshot = new Map<string, CustomField[]>();

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly audit: AuditService,
    private readonly refs: RecordRefs,
  ) {}

  registerKind(k: CustomKind): void {
    this.kinds.set(k.kind, k);
  }

  /** A custom module deleted for good: its fields are no longer served. */
  unregisterKind(kind: string): void {
    this.kinds.delete(kind);
    this.invalidate(kind);
    this.snapshot.delete(kind);
  }

  registeredKinds(): CustomKind[] {
    return [...this.kinds.values()];
  }

  /** ` AND (<condition>)` picking a shared-table kind's rows, '' for a kind with its own table. */
  private rowsOf(k: CustomKind): string {
    return k.rows ? ` AND (${k.rows.where})` : '';
  }

  private kindOf(kind: string): CustomKind {
    const k = this.kinds.get(kind);
    if (!k || !((CUSTOM_FIELD_KINDS as readonly string[]).includes(kind) || k.rows)) {
      throw badRequest(E.CUSTOM_FIELD_KIND, 'kind', `kind must be one of ${[...this.kinds.keys()].join(', ')}`, { params: { allowed: [...this.kinds.keys()] } });
    }
    return k;
  }

  // ---- definitions ----

  /** Live definitions of a kind, by position (cached briefly; local changes clear the cache). */
  async defs(kind: string, m: EntityManager = this.ds.manager): Promise<CustomField[]> {
    const hit = this.cache.get(kind);
    if (hit && Date.now() - hit.at < CACHE_MS) return hit.defs;
    const defs = await m
      .getRepository(CustomField)
      .createQueryBuilder('cf')
      .where('cf.kind = :kind', { kind })
      .orderBy('cf.position')
      .addOrderBy('cf.created_at')
      .getMany();
    this.cache.set(kind, { at: Date.now(), defs });
    this.snapshot.set(kind, defs);
    return defs;
  }

  private invalidate(kind: string): void {
    this.cache.delete(kind);
  }

  /** Every live definition by kind, as last read (the OpenAPI patch reads this synchronously). */
  liveSnapshot(): Map<string, CustomField[]> {
    return this.snapshot;
  }

  async refreshSnapshot(): Promise<void> {
    for (const k of this.kinds.keys()) {
      this.invalidate(k);
      await this.defs(k);
    }
  }

  private assertManage(actor: AuthUser): void {
    if (!can(actor.grants, 'settings', 'update')) throw forbidden('settings:update');
  }

  /** A kind's fields for whoever reads the kind (forms and tables need them) or manages settings; `deleted` adds deleted, unpurged ones. */
  async list(actor: AuthUser, kind: string, deleted = false): Promise<CustomFieldResponse[]> {
    const k = this.kindOf(kind);
    if (!can(actor.grants, k.kind, 'read') && !can(actor.grants, 'settings', 'read')) throw forbidden(`${k.kind}:read`);
    const qb = this.ds.getRepository(CustomField).createQueryBuilder('cf').withDeleted().where('cf.kind = :kind', { kind: k.kind });
    if (!deleted) qb.andWhere('cf.deleted_at IS NULL');
    const rows = await qb.orderBy('cf.position').addOrderBy('cf.created_at').getMany();
    return rows.map(toCustomFieldResponse);
  }

  async get(actor: AuthUser, id: string): Promise<CustomFieldResponse> {
    const f = await this.ds.getRepository(CustomField).findOne({ where: { id }, withDeleted: true });
    if (!f) throw notFound('custom field');
    if (!can(actor.grants, f.kind as PermissionModule, 'read') && !can(actor.grants, 'settings', 'read')) throw notFound('custom field');
    return toCustomFieldResponse(f);
  }

  async create(actor: AuthUser, dto: CreateCustomFieldDto): Promise<CustomFieldResponse> {
    this.assertManage(actor);
    const k = this.kindOf(dto.kind);
    validateDefinition(dto);
    const saved = await this.ds.transaction(async (m) => {
      // one definer at a time per kind: the limit and the key stay exact under concurrency
      await m.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`custom_fields:${k.kind}`]);
      const [{ n }]: { n: number }[] = await m.query(`SELECT count(*)::int AS n FROM custom_fields WHERE kind = $1`, [k.kind]);
      if (n >= CUSTOM_FIELD_LIMIT) {
        throw new DomainError(E.CUSTOM_FIELD_LIMIT, 422, `a record kind has at most ${CUSTOM_FIELD_LIMIT} custom fields (deleted ones count until purged)`, undefined, { limit: CUSTOM_FIELD_LIMIT }, { params: { limit: CUSTOM_FIELD_LIMIT } });
      }
      const taken = await m.getRepository(CustomField).findOne({ where: { kind: k.kind, key: dto.key }, withDeleted: true });
      if (taken) throw conflict(E.CUSTOM_FIELD_KEY_TAKEN, `${k.kind} already has a field ${dto.key}`, [{ field: 'key', message: 'already taken' }], undefined, { params: { key: dto.key } });
      const repo = m.getRepository(CustomField);
      const f = await repo.save(
        repo.create({
          kind: k.kind,
          key: dto.key,
          labelZh: dto.labelZh,
          labelEn: dto.labelEn,
          type: dto.type,
          required: dto.required ?? false,
          isUnique: dto.unique ?? false,
          defaultValue: dto.defaultValue ?? null,
          options: dto.options ?? [],
          refKind: dto.refKind ?? null,
          helpZh: dto.helpZh ?? null,
          helpEn: dto.helpEn ?? null,
          position: dto.position ?? n,
          filterable: dto.filterable ?? false,
        }),
      );
      await this.audit.record(m, actor, 'create', 'customField', f.id, diffRecords(null, snapshotOf(f)));
      return f;
    });
    this.invalidate(k.kind);
    await this.afterChange(k, saved);
    return toCustomFieldResponse(saved);
  }

  async update(actor: AuthUser, id: string, dto: UpdateCustomFieldDto, ifMatch?: number): Promise<CustomFieldResponse> {
    this.assertManage(actor);
    const saved = await this.ds.transaction(async (m) => {
      const f = await m.getRepository(CustomField).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!f) throw notFound('custom field');
      const expected = ifMatch ?? dto.version;
      if (expected !== undefined && expected !== f.version) throw staleVersion(f.version);
      const k = this.kindOf(f.kind);
      const before = snapshotOf(f);
      const next: CustomField = Object.assign(Object.create(CustomField.prototype) as CustomField, f, {
        labelZh: dto.labelZh ?? f.labelZh,
        labelEn: dto.labelEn ?? f.labelEn,
        type: dto.type ?? f.type,
        required: dto.required ?? f.required,
        isUnique: dto.unique ?? f.isUnique,
        defaultValue: dto.defaultValue !== undefined ? dto.defaultValue : f.defaultValue,
        options: dto.options ?? f.options,
        refKind: dto.refKind !== undefined ? dto.refKind : f.refKind,
        helpZh: dto.helpZh !== undefined ? dto.helpZh : f.helpZh,
        helpEn: dto.helpEn !== undefined ? dto.helpEn : f.helpEn,
        position: dto.position ?? f.position,
        filterable: dto.filterable ?? f.filterable,
      });
      validateDefinition({ ...next, key: f.key, unique: next.isUnique }, f.options);
      if (next.type !== f.type || removedOptions(f, next).length) await this.convertValues(m, k, f, next);
      if (next.isUnique && !f.isUnique) await this.assertValuesUnique(m, k, f);
      Object.assign(f, next);
      const out = await m.getRepository(CustomField).save(f);
      const changes = diffRecords(before, snapshotOf(out));
      if (changes.length) await this.audit.record(m, actor, 'update', 'customField', f.id, changes);
      return out;
    });
    const k = this.kindOf(saved.kind);
    this.invalidate(k.kind);
    await this.afterChange(k, saved);
    return toCustomFieldResponse(saved);
  }

  /** Deletes the definition; the values stay in the records (hidden) until `purge`. */
  async remove(actor: AuthUser, id: string): Promise<void> {
    this.assertManage(actor);
    const kind = await this.ds.transaction(async (m) => {
      const f = await m.getRepository(CustomField).findOne({ where: { id } });
      if (!f) throw notFound('custom field');
      await m.getRepository(CustomField).softDelete(id);
      await this.audit.record(m, actor, 'delete', 'customField', id, []);
      return f.kind;
    });
    this.invalidate(kind);
    await this.refreshSnapshot();
  }

  /** Removes a deleted field's values from every record of the kind, its index and its definition (409 for a live field). */
  async purge(actor: AuthUser, id: string): Promise<{ purged: number }> {
    this.assertManage(actor);
    const f = await this.ds.getRepository(CustomField).findOne({ where: { id }, withDeleted: true });
    if (!f) throw notFound('custom field');
    if (!f.deletedAt) throw conflict(E.CUSTOM_FIELD_NOT_DELETED, 'delete the field before purging its values');
    const k = this.kindOf(f.kind);
    if (!isCustomKey(f.key)) throw notFound('custom field');
    const purged = await this.ds.transaction(async (m) => {
      const res: [unknown[], number] = await m.query(`UPDATE ${k.table()} SET custom = custom - $1::text WHERE custom ? $1::text${this.rowsOf(k)}`, [f.key]);
      await m.getRepository(CustomField).delete(id);
      await this.audit.record(m, actor, 'purge', 'customField', id, [{ field: 'key', old: f.key, new: null }]);
      return res[1] ?? 0;
    });
    await dropFieldIndex(this.ds, k.table(), f.key, k.rows?.indexPrefix).catch((e: Error) => this.log.warn(`dropping the index of ${f.kind}.${f.key}: ${e.message}`));
    this.invalidate(k.kind);
    await this.refreshSnapshot();
    return { purged };
  }

  /** After a committed change: the filterable field's index (CONCURRENTLY: outside any transaction), the live schema. */
  private async afterChange(k: CustomKind, f: CustomField): Promise<void> {
    if (f.filterable) {
      await ensureFieldIndex(this.ds, k.table(), f.key, f.type, k.rows ? { prefix: k.rows.indexPrefix, where: k.rows.where } : undefined).catch((e: Error) => this.log.error(`index for ${k.kind}.${f.key}: ${e.message}`));
    }
    await this.refreshSnapshot();
  }

  /**
   * A type change (or options removed) converts every stored value in this transaction, or refuses with
   * 422 and a sample of the values that do not convert.
   */
  private async convertValues(m: EntityManager, k: CustomKind, from: CustomField, to: CustomField): Promise<void> {
    const rows: { id: string; v: unknown }[] = await m.query(`SELECT id, custom -> $1::text AS v FROM ${k.table()} WHERE custom ? $1::text${this.rowsOf(k)}`, [from.key]);
    const failed: { id: string; value: unknown }[] = [];
    const changed: { id: string; value: unknown }[] = [];
    const target = { ...to, key: from.key } as CustomDef;
    for (const r of rows) {
      const c = coerceValue(target, r.v, { fromText: true, previous: r.v });
      if (!c.ok) failed.push({ id: r.id, value: r.v });
      else if (JSON.stringify(c.value) !== JSON.stringify(r.v)) changed.push({ id: r.id, value: c.value });
    }
    if (failed.length) {
      throw new DomainError(
        E.CUSTOM_FIELD_TYPE_CHANGE,
        422,
        `${failed.length} stored value(s) of ${from.key} do not convert to ${to.type}`,
        [{ field: 'type', message: 'values do not convert' }],
        { count: failed.length, sample: failed.slice(0, 5) },
        { params: { count: failed.length, type: to.type } },
      );
    }
    for (const c of changed) {
      await m.query(`UPDATE ${k.table()} SET custom = jsonb_set(custom, ARRAY[$2::text], $3::jsonb) WHERE id = $1`, [c.id, from.key, JSON.stringify(c.value)]);
    }
  }

  private async assertValuesUnique(m: EntityManager, k: CustomKind, f: CustomField): Promise<void> {
    const dup: { v: unknown; n: number }[] = await m.query(
      `SELECT custom -> $1::text AS v, count(*)::int AS n FROM ${k.table()} WHERE deleted_at IS NULL AND custom ? $1::text${this.rowsOf(k)} GROUP BY 1 HAVING count(*) > 1 LIMIT 5`,
      [f.key],
    );
    if (dup.length) {
      throw new DomainError(E.CUSTOM_FIELD_VALUES_NOT_UNIQUE, 422, `values of ${f.key} repeat`, [{ field: 'unique', message: 'values repeat' }], { sample: dup });
    }
  }

  // ---- values of records (the record kit) ----

  /**
   * The `custom` object of a new record: known keys only, each value valid for its field (400 naming
   * `custom.<key>`), defaults filled, required fields present, unique values free. `lenient` (bulk
   * imports without custom columns) fills defaults without requiring.
   */
  async forCreate(m: EntityManager, kind: string, raw: unknown, opts: { lenient?: boolean; actor?: AuthUser | null } = {}): Promise<Values> {
    const defs = (await this.defs(kind, m)).filter((d) => !d.deletedAt);
    const patch = this.checkObject(raw);
    const out: Values = {};
    const errors = this.unknownKeys(defs, patch);
    for (const d of defs) {
      const given = patch[d.key];
      const c = coerceValue(d, given === undefined ? d.defaultValue : given);
      if (!c.ok) errors.push({ field: `custom.${d.key}`, code: c.code, message: c.message });
      else if (c.value !== null) out[d.key] = c.value;
      else if (d.required && !opts.lenient) errors.push({ field: `custom.${d.key}`, code: E.CUSTOM_FIELD_REQUIRED, message: 'is required' });
    }
    this.throwErrors(errors);
    await this.assertLinked(m, defs, out, opts.actor ?? null);
    await this.assertUnique(m, kind, defs, out, null);
    return out;
  }

  /** The stored `custom` object after a PATCH of some keys: other keys (also deleted fields' values) kept. */
  async forUpdate(m: EntityManager, kind: string, id: string, before: Values | null, raw: unknown, actor: AuthUser | null = null): Promise<Values> {
    const defs = (await this.defs(kind, m)).filter((d) => !d.deletedAt);
    const patch = this.checkObject(raw);
    const out: Values = { ...(before ?? {}) };
    const errors = this.unknownKeys(defs, patch);
    const changed: Values = {};
    for (const d of defs) {
      if (!(d.key in patch)) continue;
      const c = coerceValue(d, patch[d.key], { previous: before?.[d.key] });
      if (!c.ok) errors.push({ field: `custom.${d.key}`, code: c.code, message: c.message });
      else if (c.value === null && d.required) errors.push({ field: `custom.${d.key}`, code: E.CUSTOM_FIELD_REQUIRED, message: 'is required' });
      else if (c.value === null) delete out[d.key];
      else {
        out[d.key] = c.value;
        changed[d.key] = c.value;
      }
    }
    this.throwErrors(errors);
    await this.assertLinked(m, defs, changed, actor);
    await this.assertUnique(m, kind, defs, changed, id);
    return out;
  }

  /**
   * `user` values name an active user (the admin module answers through RecordRefs `user`); `reference`
   * values a live record of `refKind` that the writer may read (the owning kind's record kit answers, in
   * the writer's data scope): 400 naming `custom.<key>` otherwise. Only the values being written are checked.
   */
  private async assertLinked(m: EntityManager, defs: CustomField[], values: Values, actor: AuthUser | null): Promise<void> {
    const errors: { field: string; code: string; message: string }[] = [];
    for (const d of defs) {
      const v = values[d.key];
      if (typeof v !== 'string' || (d.type !== 'user' && d.type !== 'reference')) continue;
      if (d.type === 'user') {
        if (!(await this.refs.live('user', [v], m)).has(v)) errors.push({ field: `custom.${d.key}`, code: E.CUSTOM_FIELD_USER_NOT_FOUND, message: 'is no active user' });
        continue;
      }
      const owner = [...this.kinds.values()].find((k) => k.type === d.refKind);
      const found = owner?.readable ? await owner.readable(actor, [v], m) : new Set<string>();
      if (!found.has(v)) errors.push({ field: `custom.${d.key}`, code: E.CUSTOM_FIELD_REFERENCE_NOT_FOUND, message: `is no ${d.refKind} you may read` });
    }
    this.throwErrors(errors);
  }

  private checkObject(raw: unknown): Values {
    if (raw === undefined || raw === null) return {};
    if (typeof raw !== 'object' || Array.isArray(raw)) throw badRequest(E.CUSTOM_FIELD_INVALID, 'custom', 'custom must be an object of field keys');
    return raw as Values;
  }

  private unknownKeys(defs: CustomField[], patch: Values): { field: string; code: string; message: string }[] {
    const known = new Set(defs.map((d) => d.key));
    return Object.keys(patch)
      .filter((key) => !known.has(key))
      .map((key) => ({ field: `custom.${isCustomKey(key) ? key : '?'}`, code: E.CUSTOM_FIELD_UNKNOWN, message: 'is not a field of this record kind' }));
  }

  private throwErrors(errors: { field: string; code: string; message: string }[]): void {
    if (!errors.length) return;
    throw new DomainError(errors[0].code, 400, `${errors[0].field} ${errors[0].message}`, errors, undefined, { params: { field: errors[0].field } });
  }

  private async assertUnique(m: EntityManager, kind: string, defs: CustomField[], values: Values, id: string | null): Promise<void> {
    const k = this.kindOf(kind);
    for (const d of defs) {
      if (!d.isUnique || values[d.key] === undefined || values[d.key] === null) continue;
      const probe = JSON.stringify({ [d.key]: values[d.key] });
      // concurrent writers of the same value wait for each other; the second sees the first's row
      await m.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`custom:${kind}:${probe}`]);
      const hit: unknown[] = await m.query(`SELECT 1 FROM ${k.table()} WHERE deleted_at IS NULL AND custom @> $1::jsonb AND ($2::uuid IS NULL OR id <> $2::uuid)${this.rowsOf(k)} LIMIT 1`, [probe, id]);
      if (hit.length) {
        throw conflict(E.CUSTOM_FIELD_NOT_UNIQUE, `another record already has this ${d.key}`, [{ field: `custom.${d.key}`, message: 'already used by another record' }], undefined, { params: { field: `custom.${d.key}` } });
      }
    }
  }

  /** The response's `custom`: live fields only, money as decimal strings, phones and emails masked for `actor` like built-in ones. */
  present(defs: CustomField[], stored: Values | null | undefined, actor: AuthUser | null, ownerId: string | null): Values {
    const out: Values = {};
    for (const d of defs) {
      if (d.deletedAt) continue;
      let v = presentValue(d, stored?.[d.key]);
      if (typeof v === 'string' && d.type === 'phone') v = phoneFor(actor, v, ownerId);
      if (typeof v === 'string' && d.type === 'email') v = emailFor(actor, v, ownerId);
      out[d.key] = v;
    }
    return out;
  }

  // ---- lists ----

  /** The kind's list spec with `custom.<key>` sorts (every sortable live field). */
  async listSpec(kind: string, alias: string, spec: ListSpec): Promise<ListSpec> {
    const defs = await this.defs(kind);
    const sortable = { ...spec.sortable };
    for (const d of defs) {
      if (!isSortable(d) || !isCustomKey(d.key)) continue;
      const key = d.key;
      sortable[`custom.${key}`] = { column: customSortExpr(alias, key), value: (row: { custom?: Values }) => JSON.stringify(row.custom?.[key] ?? null) };
    }
    return { ...spec, sortable };
  }

  /**
   * `custom.<key>=v` (equality, a multi-select holding v) and `custom.<key>From` / `custom.<key>To`
   * (numbers, money, dates, datetimes): each key must be a live field, each value valid for its type
   * (400 naming the parameter). The key enters SQL only as a validated identifier of a definition; every
   * value is a bound parameter.
   */
  async applyFilters<T extends object>(kind: string, alias: string, qb: SelectQueryBuilder<T>, filters: unknown): Promise<void> {
    if (filters === undefined || filters === null) return;
    if (typeof filters !== 'object' || Array.isArray(filters)) throw badRequest(E.CUSTOM_FIELD_FILTER, 'custom', 'custom filters are custom.<key>=value');
    const defs = new Map((await this.defs(kind)).map((d) => [d.key, d]));
    let i = 0;
    for (const [name, raw] of Object.entries(filters as Values)) {
      const field = `custom.${isCustomKey(name.replace(/(From|To)$/, '')) || isCustomKey(name) ? name : '?'}`;
      if (typeof raw !== 'string') throw badRequest(E.CUSTOM_FIELD_FILTER, field, 'give one value per custom filter');
      let d = defs.get(name);
      let op: 'eq' | 'from' | 'to' = 'eq';
      if (!d && /(From|To)$/.test(name)) {
        d = defs.get(name.replace(/(From|To)$/, ''));
        op = name.endsWith('From') ? 'from' : 'to';
        if (d && !hasRange(d)) throw badRequest(E.CUSTOM_FIELD_FILTER, field, `${d.key} takes no range`);
      }
      if (!d || !isCustomKey(d.key)) throw badRequest(E.CUSTOM_FIELD_UNKNOWN, field, 'is not a field of this record kind', { fieldCode: E.CUSTOM_FIELD_UNKNOWN });
      const c = filterValue(d, raw);
      if (!c.ok) throw badRequest(E.CUSTOM_FIELD_FILTER, field, c.message);
      const p = `__cf${i++}`;
      if (op === 'eq') {
        qb.andWhere(`${alias}.custom @> CAST(:${p} AS jsonb)`, { [p]: JSON.stringify({ [d.key]: c.value }) });
      } else {
        const expr = customSortExpr(alias, d.key);
        qb.andWhere(`${expr} ${op === 'from' ? '>=' : '<='} CAST(:${p} AS jsonb) AND ${expr} <> 'null'::jsonb`, { [p]: JSON.stringify(c.value) });
      }
    }
  }

  // ---- files ----

  /** Export and import columns of the live fields: headers are the labels, options exported by their label in the file's language. */
  async fileFields(kind: string, locale?: Locale): Promise<FieldDef<{ custom?: Values }>[]> {
    return this.fileFieldsOf(await this.defs(kind), locale);
  }

  /** Import columns of a kind from the definitions last read (`defs` refreshes them); none for kinds without custom fields. */
  importFields(kind: string): FieldDef<never>[] {
    return this.fileFieldsOf((this.snapshot.get(kind) ?? []).filter((d) => !d.deletedAt)) as FieldDef<never>[];
  }

  private fileFieldsOf(defs: CustomField[], locale?: Locale): FieldDef<{ custom?: Values }>[] {
    return defs.map((d) => ({
      key: `custom.${d.key}`,
      zh: d.labelZh,
      en: d.labelEn,
      text: d.type === 'phone' || d.type === 'text',
      value: (row: { custom?: Values }) => {
        const v = row.custom?.[d.key];
        if (d.type !== 'select' && d.type !== 'multiSelect') return v;
        const label = (key: unknown) => {
          const o = d.options.find((x) => x.key === key);
          return o ? (locale === 'en-US' ? o.labelEn : o.labelZh) : key;
        };
        return Array.isArray(v) ? v.map(label) : v === null || v === undefined ? v : label(v);
      },
    }));
  }

  /** Imported text cells (`custom.<key>` → text) as a `custom` object: numbers, booleans and option labels read from text. */
  async fromCells(kind: string, cells: Record<string, string>): Promise<{ custom: Values; errors: { field: string; code: string; message: string }[] }> {
    const defs = new Map((await this.defs(kind)).map((d) => [d.key, d]));
    const custom: Values = {};
    const errors: { field: string; code: string; message: string }[] = [];
    for (const [key, text] of Object.entries(cells)) {
      const d = defs.get(key);
      if (!d) continue;
      const c = coerceValue(d, text, { fromText: true });
      if (!c.ok) errors.push({ field: `custom.${key}`, code: c.code, message: c.message });
      else if (c.value !== null) custom[key] = c.value;
    }
    return { custom, errors };
  }

  /** Whether the actor may read values of the kind at all (used by callers that answer definitions). */
  readsKind(actor: AuthUser, kind: string): boolean {
    return can(actor.grants, kind as PermissionModule, 'read');
  }
}

function removedOptions(from: CustomField, to: CustomField): string[] {
  const keep = new Set(to.options.map((o) => o.key));
  return from.options.map((o) => o.key).filter((k) => !keep.has(k));
}

function snapshotOf(f: CustomField): Record<string, unknown> {
  const { id: _id, createdAt: _c, updatedAt: _u, deletedAt: _d, version: _v, ...rest } = f;
  return rest;
}

export function toCustomFieldResponse(f: CustomField): CustomFieldResponse {
  return {
    id: f.id,
    kind: f.kind,
    key: f.key,
    labelZh: f.labelZh,
    labelEn: f.labelEn,
    type: f.type,
    required: f.required,
    unique: f.isUnique,
    defaultValue: presentValue(f, f.defaultValue),
    options: f.options,
    refKind: f.refKind,
    helpZh: f.helpZh,
    helpEn: f.helpEn,
    position: f.position,
    filterable: f.filterable,
    deleted: !!f.deletedAt,
    version: f.version,
    createdAt: f.createdAt,
    updatedAt: f.updatedAt,
  };
}
