import { Injectable } from '@nestjs/common';
import type { PermissionModule } from '@keyuan/shared';
import type { ClassConstructor } from 'class-transformer';
import { EntityManager } from 'typeorm';
import type { AuthUser } from '@core/auth/auth-user';
import type { FieldDef } from '@core/http/csv-export';
import { AccountsService } from '@modules/accounts/accounts.service';
import { ACCOUNT_FIELDS } from '@modules/accounts/dto/account-fields';
import { CreateAccountDto, UpdateAccountDto } from '@modules/accounts/dto/account.dto';
import { ContactsService } from '@modules/contacts/contacts.service';
import { CONTACT_FIELDS } from '@modules/contacts/dto/contact-fields';
import { CreateContactDto, UpdateContactDto } from '@modules/contacts/dto/contact.dto';
import { ContactPointsService, DedupeEntity } from '@modules/dedupe/contact-points.service';
import { LEAD_FIELDS } from '@modules/leads/dto/lead-fields';
import { CreateLeadDto, UpdateLeadDto } from '@modules/leads/dto/lead.dto';
import { LeadsService } from '@modules/leads/leads.service';
import { PRODUCT_FIELDS } from '@modules/products/dto/product-fields';
import { CreateProductDto, UpdateProductDto } from '@modules/products/dto/product.dto';
import { ProductsService } from '@modules/products/products.service';
import { isObjectModule } from '@keyuan/shared';
import { CreateObjectRecordDto, UpdateObjectRecordDto } from '@modules/objects/dto/record.dto';
import { ObjectsService } from '@modules/objects/objects.service';
import { RecordsService } from '@modules/objects/records.service';
import type { BuiltInImportEntity, ImportEntity, UpsertKey } from './import.entity';

import { DomainError } from '@core/http/domain-error';
import type { RowProblem } from './row-problems';
import { CustomFieldsService } from '@core/custom-fields/custom-fields.service';

type Plain = Record<string, unknown>;

/** How one kind of record is imported: its columns, validation DTO, upsert lookups and writes. */
export interface ImportTarget {
  entity: ImportEntity;
  module: PermissionModule;
  fields: FieldDef<never>[];
  /** The upsert keys this kind offers, preferred first; an upload proposes the first one its columns map. */
  keys: UpsertKey[];
  /** The key proposed when no column maps one. */
  defaultKey: UpsertKey;
  dto: ClassConstructor<object>;
  /** Turns the mapped cell texts into DTO input (enums in Chinese, booleans, lists). Async lookups allowed. */
  convert(m: EntityManager, actor: AuthUser, rows: Plain[]): Promise<Plain[]>;
  keyOf(dto: Plain, key: UpsertKey): string | null;
  /**
   * Locks every phone and email of the batch's rows in one sorted step, before the lookup, so the
   * batch's checks and writes are atomic against the API and other imports writing the same values.
   */
  lockPoints(m: EntityManager, dtos: Plain[]): Promise<void>;
  /** Existing record ids for each key value (custom modules: only records the importer may read). */
  findExisting(m: EntityManager, key: UpsertKey, values: string[], actor: AuthUser): Promise<Map<string, string>>;
  createBatch(m: EntityManager, actor: AuthUser, dtos: Plain[]): Promise<string[]>;
  /** Problems a row would meet when created that its DTO cannot show (custom fields: required, unique, references); also in dry runs. */
  checkCreate?(m: EntityManager, actor: AuthUser, dto: Plain): Promise<RowProblem[]>;
  /**
   * Applies the row's values with the rules of a PATCH (a rule breaking row fails); answers the values
   * of the row's fields before and after (for revert).
   */
  update(m: EntityManager, actor: AuthUser, id: string, dto: Plain): Promise<{ before: Plain; after: Plain }>;
  /**
   * Puts back the `before` values of the fields that still hold what the import wrote (`after`; all of
   * them when unknown), with the rules of a PATCH. Answers the fields left alone because they changed since.
   */
  restore(m: EntityManager, actor: AuthUser, id: string, before: Plain, after: Plain | null): Promise<string[]>;
  /**
   * Soft-deletes the created records that are still the import's to remove: live, in the actor's scope
   * and not taken further since (converted leads, accounts with contacts or subsidiaries). Answers the
   * ids it removed; the others stay.
   */
  removeCreated(m: EntityManager, actor: AuthUser, ids: string[]): Promise<string[]>;
}

/** Fields an import may write (read-only columns are export-only). */
const importable = (fields: FieldDef<never>[], skip: string[]) => fields.filter((f) => !skip.includes(f.key));

const ENUM_WORDS: Record<string, Record<string, string>> = {
  source: { 网站: 'web', 官网: 'web', 活动: 'campaign', 市场活动: 'campaign', 转介绍: 'referral', 推荐: 'referral', 展会: 'trade_show', 电话: 'phone', 来电: 'phone', 导入: 'import', 其他: 'other', 'trade show': 'trade_show' },
  status: { 新建: 'new', 新线索: 'new', 已联系: 'contacted', 跟进中: 'contacted', 合格: 'qualified', 有效: 'qualified', 不合格: 'unqualified', 无效: 'unqualified' },
  type: { 公司: 'company', 企业: 'company', 个人: 'individual' },
  lifecycleStage: { 潜在: 'prospect', 潜在客户: 'prospect', 活跃: 'active', 成交客户: 'active', 风险: 'at_risk', 流失: 'churned' },
  gender: { 男: 'male', 女: 'female', 未知: 'unknown' },
};
const BOOL_FIELDS = new Set(['isPrimary', 'doNotCall', 'doNotEmail', 'doNotSms', 'active']);

/** Generic cell conversions: enum words in Chinese, yes/no booleans, `;`-separated lists, empty → absent. */
export function convertCells(row: Plain): Plain {
  const out: Plain = {};
  for (const [k, raw] of Object.entries(row)) {
    if (typeof raw !== 'string' || raw === '') continue;
    let v: unknown = raw;
    const words = ENUM_WORDS[k];
    if (words) v = words[raw] ?? words[raw.toLowerCase()] ?? raw.toLowerCase().replace(/\s+/g, '_');
    if (BOOL_FIELDS.has(k)) v = /^(1|true|yes|y|是|√)$/i.test(raw) ? true : /^(0|false|no|n|否)$/i.test(raw) ? false : raw;
    if (k === 'tags') v = raw.split(/[;,，；、]/).map((t) => t.trim()).filter(Boolean);
    if (k === 'level') v = raw.toUpperCase();
    out[k] = v;
  }
  return out;
}

/** The record's values of `keys`, as JSON would store them (dates as ISO strings, absent as null). */
function pick(entity: object, keys: string[]): Plain {
  const e = entity as Plain;
  return Object.fromEntries(keys.map((k) => [k, JSON.parse(JSON.stringify(e[k] ?? null)) as unknown]));
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

interface RecordReader {
  get(actor: AuthUser, id: string, m: EntityManager): Promise<object>;
}

/**
 * update / restore of a target through its service's PATCH (`apply`), so imports follow the same rules;
 * the values before and after are read from the record itself.
 */
function throughPatch(store: RecordReader, apply: (m: EntityManager, actor: AuthUser, id: string, dto: Plain) => Promise<unknown>) {
  return {
    update: async (m: EntityManager, actor: AuthUser, id: string, dto: Plain) => {
      const keys = Object.keys(dto);
      const before = pick(await store.get(actor, id, m), keys);
      await apply(m, actor, id, dto);
      return { before, after: pick(await store.get(actor, id, m), keys) };
    },
    restore: async (m: EntityManager, actor: AuthUser, id: string, before: Plain, after: Plain | null) => {
      const current = pick(await store.get(actor, id, m), Object.keys(before));
      const dto: Plain = {};
      const kept: string[] = [];
      for (const [k, v] of Object.entries(before)) {
        if (same(current[k], v)) continue;
        if (after && k in after && !same(current[k], after[k])) kept.push(k);
        else dto[k] = v;
      }
      if (Object.keys(dto).length) await apply(m, actor, id, dto);
      return kept;
    },
  };
}

@Injectable()
export class ImportTargets {
  private readonly targets: Record<BuiltInImportEntity, ImportTarget>;

  constructor(
    leads: LeadsService,
    accounts: AccountsService,
    contacts: ContactsService,
    products: ProductsService,
    points: ContactPointsService,
    private readonly custom: CustomFieldsService,
    private readonly objects: ObjectsService,
    private readonly records: RecordsService,
  ) {
    const byPoints = (entity: DedupeEntity, owner: { idsByExternalId: (v: string[], m: EntityManager) => Promise<Map<string, string>> }) =>
      async (m: EntityManager, key: UpsertKey, values: string[]) =>
        key === 'externalId' ? owner.idsByExternalId(values, m) : key === 'phone' || key === 'email' ? points.idsByValue(m, entity, key, values) : new Map<string, string>();
    const reader = (owner: { getVisible: (a: AuthUser, id: string, m: EntityManager) => Promise<object> }): RecordReader => ({
      get: (actor, id, m) => owner.getVisible(actor, id, m),
    });

    const lockPoints = (phones: string[], emails: string[]) => (m: EntityManager, dtos: Plain[]) =>
      points.lock(m, {
        phones: dtos.flatMap((d) => phones.map((f) => d[f] as string | undefined)),
        emails: dtos.flatMap((d) => emails.map((f) => d[f] as string | undefined)),
      });

    this.targets = {
      lead: {
        entity: 'lead',
        module: 'leads',
        fields: importable(LEAD_FIELDS as FieldDef<never>[], ['id', 'score', 'ownerName', 'createdAt']),
        keys: ['phone', 'email', 'externalId'],
        defaultKey: 'email',
        dto: CreateLeadDto,
        convert: async (_m, _a, rows) => rows.map(convertCells),
        keyOf: (d, key) => (d[key] as string | undefined) ?? null,
        lockPoints: lockPoints(['phone'], ['email']),
        findExisting: byPoints('lead', leads),
        createBatch: async (m, actor, dtos) =>
          (await leads.createManyInTx(m, actor, dtos as unknown as CreateLeadDto[], { ownerId: actor.id, departmentId: actor.departmentId })).map(
            (l) => l.id,
          ),
        ...throughPatch(reader(leads), (m, actor, id, dto) => leads.update(actor, id, dto as UpdateLeadDto, undefined, { allowDuplicate: true }, m)),
        removeCreated: (m, actor, ids) => leads.removeManyInTx(m, actor, ids),
      },
      account: {
        entity: 'account',
        module: 'accounts',
        fields: importable(ACCOUNT_FIELDS as FieldDef<never>[], ['id', 'ownerName', 'lastActivityAt', 'createdAt']),
        keys: ['phone', 'email', 'externalId'],
        defaultKey: 'email',
        dto: CreateAccountDto,
        convert: async (_m, _a, rows) => rows.map(convertCells),
        keyOf: (d, key) => (d[key] as string | undefined) ?? null,
        lockPoints: lockPoints(['phone'], ['email']),
        findExisting: byPoints('account', accounts),
        createBatch: async (m, actor, dtos) => {
          const ids: string[] = [];
          for (const dto of dtos) ids.push((await accounts.createInTx(actor, m, dto as unknown as CreateAccountDto, { allowDuplicate: true })).id);
          return ids;
        },
        ...throughPatch(reader(accounts), (m, actor, id, dto) => accounts.update(actor, id, dto as UpdateAccountDto, undefined, true, m)),
        removeCreated: (m, actor, ids) => accounts.removeManyInTx(m, actor, ids),
      },
      contact: {
        entity: 'contact',
        module: 'contacts',
        fields: importable(CONTACT_FIELDS as FieldDef<never>[], ['id', 'ownerName', 'createdAt']),
        keys: ['phone', 'email', 'externalId'],
        defaultKey: 'phone',
        dto: CreateContactDto,
        convert: async (m, actor, rows) => {
          // contacts name their account; resolve names to accounts the importer can read
          const names = [...new Set(rows.map((r) => r.accountName).filter((n): n is string => typeof n === 'string' && n !== ''))];
          const ids = await accounts.idsByName(actor, names, m);
          return rows.map((r) => {
            const { accountName, ...rest } = convertCells(r);
            if (!rest.accountId && typeof accountName === 'string') rest.accountId = ids.get(accountName) ?? `unknown account: ${accountName}`;
            return rest;
          });
        },
        keyOf: (d, key) => ((key === 'phone' ? (d.mobile ?? d.workPhone) : d[key]) as string | undefined) ?? null,
        lockPoints: lockPoints(['mobile', 'workPhone'], ['email']),
        findExisting: byPoints('contact', contacts),
        createBatch: async (m, actor, dtos) => {
          const ids: string[] = [];
          for (const dto of dtos) ids.push((await contacts.createInTx(actor, m, dto as unknown as CreateContactDto, { allowDuplicate: true })).id);
          return ids;
        },
        ...throughPatch(reader(contacts), (m, actor, id, dto) => contacts.update(actor, id, dto as UpdateContactDto, undefined, true, m)),
        removeCreated: (m, actor, ids) => contacts.removeManyInTx(m, actor, ids),
      },
      product: {
        entity: 'product',
        module: 'products',
        fields: importable(PRODUCT_FIELDS as FieldDef<never>[], ['id', 'createdAt']),
        keys: ['sku'],
        defaultKey: 'sku',
        dto: CreateProductDto,
        convert: async (m, _actor, rows) => {
          // products name their category (Chinese or English name); an unknown one fails the row on categoryId
          const names = [...new Set(rows.map((r) => r.categoryName).filter((n): n is string => typeof n === 'string' && n.trim() !== ''))];
          const ids = await products.categoryIdsByName(names, m);
          return rows.map((r) => {
            const { categoryName, ...rest } = convertCells(r);
            if (typeof rest.currency === 'string') rest.currency = rest.currency.toUpperCase();
            for (const f of ['listPrice', 'cost', 'taxRate']) if (typeof rest[f] === 'string') rest[f] = (rest[f] as string).replace(/[,，\s%]/g, '');
            if (!rest.categoryId && typeof categoryName === 'string') rest.categoryId = ids.get(categoryName.trim()) ?? `unknown category: ${categoryName}`;
            return rest;
          });
        },
        keyOf: (d, key) => (key === 'sku' ? ((d.sku as string | undefined) ?? null) : null),
        lockPoints: (m, dtos) => products.lockSkus(m, dtos.map((d) => d.sku as string)),
        findExisting: (m, key, values) => (key === 'sku' ? products.idsBySku(values, m) : Promise.resolve(new Map())),
        createBatch: async (m, actor, dtos) => {
          const ids: string[] = [];
          for (const dto of dtos) ids.push((await products.createInTx(actor, m, dto as unknown as CreateProductDto)).id);
          return ids;
        },
        // the row found its product by SKU, whatever the case: the product keeps the SKU as it was written first
        ...throughPatch({ get: (actor, id, m) => products.getInTx(actor, id, m) }, (m, actor, id, { sku: _sku, ...dto }) =>
          products.updateInTx(actor, m, id, dto as UpdateProductDto),
        ),
        removeCreated: (m, actor, ids) => products.removeManyInTx(m, actor, ids),
      },
    };
  }

  /**
   * The kind's import target; its columns include the kind's custom fields (mapped by label in either
   * language), read as typed values (numbers, yes/no, option labels) into the row's `custom` object.
   */
  async get(entity: ImportEntity): Promise<ImportTarget> {
    const t = isObjectModule(entity) ? await this.objectTarget(entity) : this.targets[entity];
    const extra = this.custom.importFields(t.module);
    if (!extra.length) return t;
    return {
      ...t,
      fields: [...t.fields, ...extra],
      convert: async (m, actor, rows) => {
        const converted = await t.convert(m, actor, rows.map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => !k.startsWith('custom.')))));
        return Promise.all(
          converted.map(async (row, i) => {
            const cells = Object.fromEntries(
              Object.entries(rows[i]).filter(([k, v]) => k.startsWith('custom.') && typeof v === 'string' && v !== '').map(([k, v]) => [k.slice(7), v as string]),
            );
            if (!Object.keys(cells).length) return row;
            const { custom, errors } = await this.custom.fromCells(t.module, cells);
            // a cell that does not read stays as text: the record's validation names it (`custom.<key>`)
            for (const e of errors) custom[e.field.slice(7)] = cells[e.field.slice(7)];
            return { ...row, custom };
          }),
        );
      },
      // a file without the custom columns still meets required fields (defaults fill what they can)
      checkCreate: async (m, actor, dto) => {
        try {
          await this.custom.forCreate(m, t.module, dto.custom, { actor });
          return [];
        } catch (e) {
          if (!(e instanceof DomainError) || !e.errors?.length) throw e;
          return e.errors.map((x) => ({ field: x.field, code: x.code ?? e.code, params: { field: x.field }, message: x.message ?? e.message }));
        }
      },
    };
  }

  /** Reads the kind's current custom fields first (uploads and starts use the live definitions). */
  async refresh(entity: ImportEntity): Promise<void> {
    // a custom module's kind registers when its definition is read (404 for an unknown module)
    const module = isObjectModule(entity) ? (await this.objects.byKey(entity.slice(4)), entity) : this.targets[entity].module;
    if (this.custom.registeredKinds().some((k) => k.kind === module)) await this.custom.defs(module);
  }

  /** The fields of an import's kind; none once its custom module is deleted (the import keeps its counts). */
  async liveFields(entity: ImportEntity): Promise<FieldDef<never>[]> {
    if (isObjectModule(entity) && !(await this.objects.all()).some((o) => `obj.${o.key}` === entity)) return [];
    await this.refresh(entity);
    return (await this.get(entity)).fields;
  }

  /**
   * A custom module's records (`obj.<key>`): the name field and the module's fields, matched by name
   * (`name` upsert key, within the importer's scope), written through the module's own service (its
   * permission, scope, validation and audit).
   */
  private async objectTarget(entity: `obj.${string}`): Promise<ImportTarget> {
    const o = await this.objects.byKey(entity.slice(4));
    const records = this.records;
    return {
      entity,
      module: entity,
      fields: [{ key: 'name', zh: o.nameFieldZh, en: o.nameFieldEn }] as FieldDef<never>[],
      keys: ['name'],
      defaultKey: 'name',
      dto: CreateObjectRecordDto,
      convert: async (_m, _a, rows) => rows.map(convertCells),
      keyOf: (d, key) => (key === 'name' ? ((d.name as string | undefined) ?? null) : null),
      // names are not unique: nothing to lock (two imports of one name may both create it, as two API calls would)
      lockPoints: async () => undefined,
      findExisting: (m, key, values, actor) => (key === 'name' ? records.idsByName(actor, o.key, values, m) : Promise.resolve(new Map())),
      createBatch: async (m, actor, dtos) => {
        const ids: string[] = [];
        for (const dto of dtos) ids.push(await records.createInTx(m, actor, o.key, dto as unknown as CreateObjectRecordDto));
        return ids;
      },
      ...throughPatch({ get: (actor, id, m) => records.valuesInTx(actor, o.key, id, m) }, (m, actor, id, dto) =>
        records.updateInTx(m, actor, o.key, id, dto as UpdateObjectRecordDto),
      ),
      removeCreated: (m, actor, ids) => records.removeManyInTx(m, actor, o.key, ids),
    };
  }
}
