import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { can, type PermissionAction } from '@keyuan/shared';
import type { Response } from 'express';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '@core/audit/audit.service';
import type { RecordHistoryResponse } from '@core/audit/dto/audit-log.dto';
import type { AuthUser } from '@core/auth/auth-user';
import { CustomFieldsService } from '@core/custom-fields/custom-fields.service';
import { AutomationKinds } from '@core/records/automation-kinds';
import { CsvLocale, exportFormat, streamExport } from '@core/http/csv-export';
import { forbidden } from '@core/http/domain-error';
import type { FieldDef } from '@core/http/export-cells';
import { ListSpec, Page } from '@core/http/keyset';
import { UsersService } from '@modules/admin/users/users.service';
import { CustomObject } from './custom-object.entity';
import { CustomRecord } from './custom-record.entity';
import { CreateObjectRecordDto, ExportObjectRecordsDto, ObjectRecordPage, ObjectSearchGroup, ObjectRecordResponse, QueryObjectRecordsDto, UpdateObjectRecordDto } from './dto/record.dto';
import { ObjectRecordStore } from './object-record-store';
import { kindOf, ObjectsService } from './objects.service';

const SPEC: ListSpec = {
  idColumn: 'r.id',
  defaultSort: '-createdAt',
  sortable: {
    createdAt: { column: 'r.created_at', value: (r: CustomRecord) => r.createdAt },
    updatedAt: { column: 'r.updated_at', value: (r: CustomRecord) => r.updatedAt },
    name: { column: 'r.name', value: (r: CustomRecord) => r.name },
  },
  search: ['r.name'],
  filters: { ownerId: 'r.owner_id' },
};

/**
 * Records of custom modules at /records/{object}: the record kit's behaviour (RecordStore: data scope in the
 * query, 412, audit, committed events) with the module's fields validated, filtered, sorted and exported by
 * the custom-fields machinery. Permissions are the module's own (`obj.<key>`), checked here because the
 * module is a path parameter.
 */
@Injectable()
export class RecordsService {
  private readonly stores = new Map<string, ObjectRecordStore>();

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly audit: AuditService,
    private readonly fields: CustomFieldsService,
    private readonly objects: ObjectsService,
    private readonly users: UsersService,
    private readonly automation: AutomationKinds,
  ) {
    // every module's store (and with it its audit kind: the audit log's, webhooks' and the feed's visibility
    // condition) exists as soon as any part of the app reads the definitions, not only after a request to it
    objects.onRead((o) => this.storeOf(o));
  }

  /** The module and its store, after the actor's permission check (404 unknown module, 403 without the action). */
  private async open(actor: AuthUser, key: string, action: PermissionAction): Promise<{ o: CustomObject; store: ObjectRecordStore }> {
    const o = await this.objects.byKey(key);
    if (!can(actor.grants, kindOf(o), action)) throw forbidden(`${kindOf(o)}:${action}`);
    return { o, store: this.storeOf(o) };
  }

  private storeOf(o: CustomObject): ObjectRecordStore {
    let store = this.stores.get(o.id);
    if (!store) {
      const kind = kindOf(o);
      store = new ObjectRecordStore(this.ds, this.audit, o.id, {
        entityType: kind,
        module: kind,
        alias: 'r',
        scope: o.hasOwner ? { owner: 'r.owner_id', department: 'r.department_id' } : undefined,
        events: true,
        custom: {
          create: (m, raw, lenient) => this.fields.forCreate(m, kind, raw, { lenient }),
          update: (m, id, before, patch) => this.fields.forUpdate(m, kind, id, before, patch),
        },
      });
      this.stores.set(o.id, store);
      // workflow rules may watch the module: created / updated / deleted / owner changed, conditions on the built-in
      // fields, notify and "update a field" (the name) through this service's PATCH (custom fields are not offered to
      // automation yet, for any kind)
      const key = o.key;
      this.automation.register({
        type: kind,
        module: kind,
        store,
        pooled: false,
        fields: [
          { name: 'name', type: 'string', updatable: true },
          ...(o.hasOwner ? [{ name: 'ownerId', type: 'user' as const }] : []),
          { name: 'createdAt', type: 'date' },
          { name: 'updatedAt', type: 'date' },
        ],
        update: async (actor, id, patch, version) => {
          await this.update(actor, key, id, patch as UpdateObjectRecordDto, version);
        },
      });
    }
    return store;
  }

  async list(actor: AuthUser, key: string, query: QueryObjectRecordsDto, action: PermissionAction = 'read', count = true): Promise<ObjectRecordPage> {
    const { o, store } = await this.open(actor, key, action);
    const kind = kindOf(o);
    const { custom, ...rest } = query;
    const qb = store.query(actor);
    await this.fields.applyFilters(kind, 'r', qb, custom);
    const spec = await this.fields.listSpec(kind, 'r', SPEC);
    const page = await store.list(actor, rest, spec, qb, { count });
    return { ...page, data: await this.toResponses(actor, o, page.data) };
  }

  async get(actor: AuthUser, key: string, id: string): Promise<ObjectRecordResponse> {
    const { o, store } = await this.open(actor, key, 'read');
    return (await this.toResponses(actor, o, [await store.get(actor, id)]))[0];
  }

  async create(actor: AuthUser, key: string, dto: CreateObjectRecordDto): Promise<ObjectRecordResponse> {
    const { o, store } = await this.open(actor, key, 'create');
    const saved = await this.ds.transaction(async (m) => {
      const owner = o.hasOwner ? await this.users.resolveOwner(m, actor, kindOf(o), dto.ownerId) : { ownerId: null, departmentId: null };
      return store.create(actor, { objectId: o.id, name: dto.name, ownerId: owner.ownerId, departmentId: owner.departmentId, custom: dto.custom ?? {} }, m);
    });
    return (await this.toResponses(actor, o, [saved]))[0];
  }

  async update(actor: AuthUser, key: string, id: string, dto: UpdateObjectRecordDto, ifMatch?: number): Promise<ObjectRecordResponse> {
    const { o, store } = await this.open(actor, key, 'update');
    const saved = await store.update(actor, id, ifMatch ?? dto.version, this.patch(actor, o, dto));
    return (await this.toResponses(actor, o, [saved]))[0];
  }

  async remove(actor: AuthUser, key: string, id: string, ifMatch?: number): Promise<void> {
    const { store } = await this.open(actor, key, 'delete');
    await store.softDelete(actor, id, ifMatch);
  }

  /** The record's timeline: its audited changes, newest first. */
  async history(actor: AuthUser, key: string, id: string): Promise<RecordHistoryResponse> {
    const { o, store } = await this.open(actor, key, 'read');
    await store.get(actor, id);
    return this.audit.historyOf(actor, kindOf(o), id);
  }

  /** Every record of the listing the actor may read, as CSV or XLSX in the file's language. */
  async export(actor: AuthUser, key: string, query: ExportObjectRecordsDto, res: Response, locale: CsvLocale): Promise<void> {
    const { o } = await this.open(actor, key, 'export');
    const { format, lang: _lang, ...filters } = query;
    const base: FieldDef<ObjectRecordResponse>[] = [
      { key: 'name', zh: o.nameFieldZh, en: o.nameFieldEn },
      ...(o.hasOwner ? [{ key: 'ownerName', zh: '负责人', en: 'Owner' }] : []),
      { key: 'createdAt', zh: '创建时间', en: 'Created at' },
    ];
    const extra = (await this.fields.fileFields(kindOf(o), locale)) as FieldDef<ObjectRecordResponse>[];
    await streamExport(res, o.key, exportFormat(format, res.req), [...base, ...extra], locale, (cursor) =>
      this.list(actor, key, { ...filters, cursor, limit: 1000 } as QueryObjectRecordsDto, 'export', false) as Promise<Page<ObjectRecordResponse>>,
    );
  }

  /**
   * The global search over custom modules: for each live module the actor may read, its newest records whose name
   * contains `q` (the list's `q`: trigram-indexed, the data scope in the query). Modules without hits are left out.
   */
  async search(actor: AuthUser, q: string, limit: number): Promise<ObjectSearchGroup[]> {
    const readable = (await this.objects.all()).filter((o) => can(actor.grants, kindOf(o), 'read'));
    const groups = await Promise.all(
      readable.map(async (o) => ({
        object: o.key,
        pluralZh: o.pluralZh,
        pluralEn: o.pluralEn,
        icon: o.icon,
        data: (await this.list(actor, o.key, { q, limit } as QueryObjectRecordsDto, 'read', false)).data,
      })),
    );
    return groups.filter((g) => g.data.length);
  }

  // ---- the imports module's target for `obj.<key>` (same rules as the API: permission, scope, validation, audit) ----

  /**
   * Live records of the module the actor may read, by exact name (the oldest per name): the import's
   * `name` upsert key. Scoped: a row never matches (nor reveals) a record outside the importer's scope.
   */
  async idsByName(actor: AuthUser, key: string, names: string[], m: EntityManager): Promise<Map<string, string>> {
    const unique = [...new Set(names.filter(Boolean))];
    if (!unique.length) return new Map();
    const store = this.storeOf(await this.objects.byKey(key));
    const rows = await store.query(actor, m).select(['r.id', 'r.name']).andWhere('r.name IN (:...__names)', { __names: unique }).orderBy('r.created_at', 'DESC').getMany();
    return new Map(rows.map((r) => [r.name, r.id]));
  }

  /** Creates imported records in the caller's transaction: owner = the importer (or `ownerId` in scope), fields validated with required checks. */
  async createInTx(m: EntityManager, actor: AuthUser, key: string, dto: CreateObjectRecordDto): Promise<string> {
    const { o, store } = await this.open(actor, key, 'create');
    const owner = o.hasOwner ? await this.users.resolveOwner(m, actor, kindOf(o), dto.ownerId) : { ownerId: null, departmentId: null };
    return (await store.create(actor, { objectId: o.id, name: dto.name, ownerId: owner.ownerId, departmentId: owner.departmentId, custom: dto.custom ?? {} }, m)).id;
  }

  /** The record's name and stored values (an import's before / after), inside the actor's scope (404 outside). */
  async valuesInTx(actor: AuthUser, key: string, id: string, m: EntityManager): Promise<{ name: string; custom: Record<string, unknown>; ownerId: string | null }> {
    const r = await this.storeOf(await this.objects.byKey(key)).get(actor, id, m);
    return { name: r.name, custom: r.custom, ownerId: r.ownerId };
  }

  /** A PATCH inside the caller's transaction (imports: update and revert). */
  async updateInTx(m: EntityManager, actor: AuthUser, key: string, id: string, dto: UpdateObjectRecordDto): Promise<void> {
    const { o, store } = await this.open(actor, key, 'update');
    await store.update(actor, id, undefined, this.patch(actor, o, dto), m);
  }

  /** What a PATCH does to the record (the API's and an import's). */
  private patch(actor: AuthUser, o: CustomObject, dto: UpdateObjectRecordDto) {
    return async (r: CustomRecord, m: EntityManager) => {
      if (dto.name !== undefined) r.name = dto.name;
      if (dto.custom !== undefined) r.custom = dto.custom;
      if (o.hasOwner && dto.ownerId !== undefined && dto.ownerId !== r.ownerId) {
        const owner = await this.users.resolveOwner(m, actor, kindOf(o), dto.ownerId);
        r.ownerId = owner.ownerId;
        r.departmentId = owner.departmentId;
      }
    };
  }

  /** Soft-deletes those of `ids` that are live and in the actor's scope (an import's revert); answers the ids removed. */
  async removeManyInTx(m: EntityManager, actor: AuthUser, key: string, ids: string[]): Promise<string[]> {
    const { store } = await this.open(actor, key, 'delete');
    if (!ids.length) return [];
    const live = (await store.query(actor, m).select(['r.id']).andWhere('r.id IN (:...__ids)', { __ids: ids }).getMany()).map((r) => r.id);
    await store.softDeleteMany(actor, live, m);
    return live;
  }

  private async toResponses(actor: AuthUser, o: CustomObject, rows: CustomRecord[], m?: EntityManager): Promise<ObjectRecordResponse[]> {
    const kind = kindOf(o);
    const defs = await this.fields.defs(kind, m);
    const names = await this.users.namesByIds(rows.map((r) => r.ownerId), m);
    const actions = [...(can(actor.grants, kind, 'update') ? ['edit'] : []), ...(can(actor.grants, kind, 'delete') ? ['delete'] : [])];
    return rows.map((r) => ({
      id: r.id,
      object: o.key,
      name: r.name,
      ownerId: r.ownerId,
      ownerName: r.ownerId ? (names.get(r.ownerId) ?? null) : null,
      departmentId: r.departmentId,
      custom: this.fields.present(defs, r.custom, actor, r.ownerId),
      actions,
      version: r.version,
      createdAt: r.createdAt,
      updatedAt: r.updatedAt,
    }));
  }
}
