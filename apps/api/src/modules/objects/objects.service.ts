import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { can, CUSTOM_REFERENCE_KINDS, isObjectModule, OBJECT_LIMIT, objectModule, type ObjectPermissionModule } from '@keyuan/shared';
import { DataSource, EntityManager } from 'typeorm';
import { PermissionCatalog } from '@core/access/permission-catalog';
import { AuditService, diffRecords } from '@core/audit/audit.service';
import type { AuthUser } from '@core/auth/auth-user';
import { CustomFieldsService, toCustomFieldResponse } from '@core/custom-fields/custom-fields.service';
import { validateDefinition } from '@core/custom-fields/custom-definition-rules';
import { CustomFieldResponse } from '@core/custom-fields/dto/custom-field.dto';
import { badRequest, conflict, DomainError, forbidden, notFound, staleVersion } from '@core/http/domain-error';
import { CustomObject } from './custom-object.entity';
import { CreateObjectDto, ObjectFieldDto, ObjectResponse, UpdateObjectDto, UpdateObjectFieldDto } from './dto/object.dto';
import { ObjectErrorCode as E } from './objects.errors';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** Keys a module may not take: the built-in record types (their audit entries and events would mix). */
const RESERVED = new Set<string>([...CUSTOM_REFERENCE_KINDS, 'user', 'department', 'role', 'task', 'activity', 'payment', 'product', 'project', 'record', 'object']);
const CACHE_MS = 2000;

/** The custom-fields kind (and permission module) of a module's records. */
export const kindOf = (o: { key: string }): ObjectPermissionModule => objectModule(o.key);

/**
 * Custom modules (issue 18): definitions at /objects, their fields through the custom-fields machinery
 * (kind `obj.<key>`, rows of `custom_records` with this module's id), their permission modules in the role
 * matrix (PermissionCatalog), all without a deploy. Every instance re-reads the definitions within 2 s.
 */
@Injectable()
export class ObjectsService implements OnModuleInit {
  private cache: { at: number; list: CustomObject[] } | null = null;
  private readonly readers: ((o: CustomObject) => void)[] = [];

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly audit: AuditService,
    private readonly fields: CustomFieldsService,
    private readonly catalog: PermissionCatalog,
  ) {}

  async onModuleInit(): Promise<void> {
    this.catalog.registerSource(async () =>
      (await this.all()).map((o) => ({ module: kindOf(o), labelZh: o.pluralZh, labelEn: o.pluralEn })),
    );
  }

  /** Called with every live module whenever the definitions are read (RecordsService registers its records' audit kind). */
  onRead(fn: (o: CustomObject) => void): void {
    this.readers.push(fn);
  }

  /** Live modules (briefly cached), each registered as a custom-fields kind. */
  async all(): Promise<CustomObject[]> {
    if (this.cache && Date.now() - this.cache.at < CACHE_MS) return this.cache.list;
    const list = await this.ds.getRepository(CustomObject).find({ order: { createdAt: 'ASC' } });
    for (const o of list) {
      this.registerKind(o);
      for (const fn of this.readers) fn(o);
    }
    this.cache = { at: Date.now(), list };
    return list;
  }

  private invalidate(): void {
    this.cache = null;
    this.catalog.invalidate();
  }

  private registerKind(o: CustomObject): void {
    if (!UUID.test(o.id)) throw new Error('custom module id is not a uuid');
    this.fields.registerKind({
      kind: kindOf(o),
      type: kindOf(o),
      alias: 'r',
      table: () => 'custom_records',
      // the condition is built from the module's own uuid (checked above), never from a request
      rows: { where: `object_id = '${o.id}'`, indexPrefix: `ix_cr_${o.id.replace(/-/g, '').slice(0, 12)}` },
    });
  }

  /** The live module `key` (404 for an unknown or malformed key: it never reaches SQL unchecked). */
  async byKey(key: string): Promise<CustomObject> {
    const o = isObjectModule(`obj.${key}`) ? (await this.all()).find((x) => x.key === key) : undefined;
    if (!o) throw notFound('custom module');
    return o;
  }

  private assertManage(actor: AuthUser): void {
    if (!can(actor.grants, 'settings', 'update')) throw forbidden('settings:update');
  }

  /** Modules the reader may read (every module for settings readers): the menu and the admin page. */
  async list(actor: AuthUser): Promise<ObjectResponse[]> {
    const admin = can(actor.grants, 'settings', 'read');
    const list = (await this.all()).filter((o) => admin || can(actor.grants, kindOf(o), 'read'));
    return Promise.all(list.map((o) => this.toResponse(o)));
  }

  async get(actor: AuthUser, key: string): Promise<ObjectResponse> {
    const o = await this.byKey(key);
    if (!can(actor.grants, 'settings', 'read') && !can(actor.grants, kindOf(o), 'read')) throw notFound('custom module');
    return this.toResponse(o);
  }

  /** Defines a module with its fields: every definition is checked before anything is written; 422 past 50 modules. */
  async create(actor: AuthUser, dto: CreateObjectDto): Promise<ObjectResponse> {
    this.assertManage(actor);
    const fields = dto.fields ?? [];
    this.checkFields(fields);
    if (RESERVED.has(dto.key)) throw conflict(E.OBJECT_KEY_TAKEN, `${dto.key} is a built-in record type`, [{ field: 'key', message: 'reserved' }], undefined, { params: { key: dto.key } });
    const saved = await this.ds.transaction(async (m) => {
      // one definer at a time: the limit and the key stay exact under concurrency
      await m.query(`SELECT pg_advisory_xact_lock(hashtext('custom_objects'))`);
      const [{ n }]: { n: number }[] = await m.query(`SELECT count(*)::int AS n FROM custom_objects WHERE deleted_at IS NULL`);
      if (n >= OBJECT_LIMIT) {
        throw new DomainError(E.OBJECT_LIMIT, 422, `at most ${OBJECT_LIMIT} custom modules`, undefined, { limit: OBJECT_LIMIT }, { params: { limit: OBJECT_LIMIT } });
      }
      const taken = await m.getRepository(CustomObject).findOne({ where: { key: dto.key }, withDeleted: true });
      if (taken) throw conflict(E.OBJECT_KEY_TAKEN, `a custom module ${dto.key} exists`, [{ field: 'key', message: 'already taken' }], undefined, { params: { key: dto.key } });
      const repo = m.getRepository(CustomObject);
      const o = await repo.save(
        repo.create({
          key: dto.key,
          nameZh: dto.nameZh,
          nameEn: dto.nameEn,
          pluralZh: dto.pluralZh,
          pluralEn: dto.pluralEn,
          icon: dto.icon ?? 'Grid',
          nameFieldZh: dto.nameFieldZh ?? '名称',
          nameFieldEn: dto.nameFieldEn ?? 'Name',
          hasOwner: dto.hasOwner ?? true,
        }),
      );
      await this.audit.record(m, actor, 'create', 'customObject', o.id, diffRecords(null, snapshotOf(o)));
      return o;
    });
    this.registerKind(saved);
    this.invalidate();
    for (const [i, f] of fields.entries()) await this.fields.create(actor, { ...f, kind: kindOf(saved), position: f.position ?? i });
    return this.toResponse(saved);
  }

  /** Field definitions given with a module, checked like /custom-fields checks them (400 naming `fields[i].<name>`). */
  private checkFields(fields: ObjectFieldDto[]): void {
    const keys = new Set<string>();
    fields.forEach((f, i) => {
      if (keys.has(f.key)) throw badRequest(E.OBJECT_FIELD_INVALID, `fields[${i}].key`, `field ${f.key} is given twice`);
      keys.add(f.key);
      try {
        validateDefinition(f);
      } catch (e) {
        if (e instanceof DomainError && e.errors?.length) {
          throw badRequest(E.OBJECT_FIELD_INVALID, `fields[${i}].${e.errors[0].field}`, e.message);
        }
        throw e;
      }
    });
  }

  async update(actor: AuthUser, key: string, dto: UpdateObjectDto, ifMatch?: number): Promise<ObjectResponse> {
    this.assertManage(actor);
    const found = await this.byKey(key);
    const saved = await this.ds.transaction(async (m) => {
      const o = await m.getRepository(CustomObject).findOne({ where: { id: found.id }, lock: { mode: 'pessimistic_write' } });
      if (!o) throw notFound('custom module');
      const expected = ifMatch ?? dto.version;
      if (expected !== undefined && expected !== o.version) throw staleVersion(o.version);
      const before = snapshotOf(o);
      const { version: _v, ...changes } = dto;
      for (const [k, v] of Object.entries(changes)) if (v !== undefined) (o as unknown as Record<string, unknown>)[k] = v;
      const out = await m.getRepository(CustomObject).save(o);
      const diff = diffRecords(before, snapshotOf(out));
      if (diff.length) await this.audit.record(m, actor, 'update', 'customObject', o.id, diff);
      return out;
    });
    this.invalidate();
    return this.toResponse(saved);
  }

  /** Hides the module (menu, lists, role matrix); its records and fields stay in the database. */
  async remove(actor: AuthUser, key: string): Promise<void> {
    this.assertManage(actor);
    const o = await this.byKey(key);
    await this.ds.transaction(async (m) => {
      await m.getRepository(CustomObject).softDelete(o.id);
      await this.audit.record(m, actor, 'delete', 'customObject', o.id, []);
    });
    this.invalidate();
  }

  // ---- fields: the custom-fields machinery, kind obj.<key> ----

  async addField(actor: AuthUser, key: string, dto: ObjectFieldDto): Promise<CustomFieldResponse> {
    this.assertManage(actor);
    const o = await this.byKey(key);
    return this.fields.create(actor, { ...dto, kind: kindOf(o) });
  }

  async updateField(actor: AuthUser, key: string, id: string, dto: UpdateObjectFieldDto, ifMatch?: number): Promise<CustomFieldResponse> {
    await this.fieldOf(actor, key, id);
    return this.fields.update(actor, id, dto, ifMatch);
  }

  async removeField(actor: AuthUser, key: string, id: string): Promise<void> {
    await this.fieldOf(actor, key, id);
    return this.fields.remove(actor, id);
  }

  private async fieldOf(actor: AuthUser, key: string, id: string): Promise<void> {
    this.assertManage(actor);
    const o = await this.byKey(key);
    const f = await this.fields.get(actor, id);
    if (f.kind !== kindOf(o)) throw new DomainError(E.OBJECT_FIELD_NOT_FOUND, 404, 'the field belongs to another module');
  }

  private async toResponse(o: CustomObject, m?: EntityManager): Promise<ObjectResponse> {
    const defs = (await this.fields.defs(kindOf(o), m)).filter((d) => !d.deletedAt);
    return {
      id: o.id,
      key: o.key,
      module: kindOf(o),
      nameZh: o.nameZh,
      nameEn: o.nameEn,
      pluralZh: o.pluralZh,
      pluralEn: o.pluralEn,
      icon: o.icon,
      nameFieldZh: o.nameFieldZh,
      nameFieldEn: o.nameFieldEn,
      hasOwner: o.hasOwner,
      fields: defs.map(toCustomFieldResponse),
      version: o.version,
      createdAt: o.createdAt,
      updatedAt: o.updatedAt,
    };
  }
}

function snapshotOf(o: CustomObject): Record<string, unknown> {
  const { id: _i, createdAt: _c, updatedAt: _u, deletedAt: _d, version: _v, ...rest } = o;
  return rest;
}
