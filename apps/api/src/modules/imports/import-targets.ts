import { Injectable } from '@nestjs/common';
import type { PermissionModule } from '@keyuan/shared';
import type { ClassConstructor } from 'class-transformer';
import { EntityManager } from 'typeorm';
import type { AuthUser } from '@core/auth/auth-user';
import type { FieldDef } from '@core/http/csv-export';
import { AccountsService } from '@modules/accounts/accounts.service';
import { ACCOUNT_FIELDS } from '@modules/accounts/dto/account-fields';
import { CreateAccountDto } from '@modules/accounts/dto/account.dto';
import { ContactsService } from '@modules/contacts/contacts.service';
import { CONTACT_FIELDS } from '@modules/contacts/dto/contact-fields';
import { CreateContactDto } from '@modules/contacts/dto/contact.dto';
import { ContactPointsService, DedupeEntity } from '@modules/dedupe/contact-points.service';
import { LEAD_FIELDS } from '@modules/leads/dto/lead-fields';
import { CreateLeadDto } from '@modules/leads/dto/lead.dto';
import { LeadsService } from '@modules/leads/leads.service';
import type { ImportEntity, UpsertKey } from './import.entity';

type Plain = Record<string, unknown>;

/** How one kind of record is imported: its columns, validation DTO, upsert lookups and writes. */
export interface ImportTarget {
  entity: ImportEntity;
  module: PermissionModule;
  fields: FieldDef<never>[];
  dto: ClassConstructor<object>;
  /** Turns the mapped cell texts into DTO input (enums in Chinese, booleans, lists). Async lookups allowed. */
  convert(m: EntityManager, actor: AuthUser, rows: Plain[]): Promise<Plain[]>;
  keyOf(dto: Plain, key: UpsertKey): string | null;
  /** Existing record ids for each key value. */
  findExisting(m: EntityManager, key: UpsertKey, values: string[]): Promise<Map<string, string>>;
  createBatch(m: EntityManager, actor: AuthUser, dtos: Plain[]): Promise<string[]>;
  /** Applies the row's values; answers the previous values of the fields it changed (for revert). */
  update(m: EntityManager, actor: AuthUser, id: string, dto: Plain): Promise<Plain>;
  restore(m: EntityManager, actor: AuthUser, id: string, before: Plain): Promise<void>;
  removeCreated(m: EntityManager, actor: AuthUser, ids: string[]): Promise<void>;
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
const BOOL_FIELDS = new Set(['isPrimary', 'doNotCall', 'doNotEmail', 'doNotSms']);

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

function diffBefore(entity: Plain, dto: Plain): Plain {
  const before: Plain = {};
  for (const k of Object.keys(dto)) before[k] = entity[k] ?? null;
  return before;
}

@Injectable()
export class ImportTargets {
  private readonly targets: Record<ImportEntity, ImportTarget>;

  constructor(leads: LeadsService, accounts: AccountsService, contacts: ContactsService, points: ContactPointsService) {
    const byPoints = (entity: DedupeEntity, store: { idsBy: (c: string, v: string[], m: EntityManager) => Promise<Map<string, string>> }) =>
      async (m: EntityManager, key: UpsertKey, values: string[]) =>
        key === 'externalId' ? store.idsBy('external_id', values, m) : points.idsByValue(m, entity, key, values);

    this.targets = {
      lead: {
        entity: 'lead',
        module: 'leads',
        fields: importable(LEAD_FIELDS as FieldDef<never>[], ['id', 'score', 'ownerName', 'createdAt']),
        dto: CreateLeadDto,
        convert: async (_m, _a, rows) => rows.map(convertCells),
        keyOf: (d, key) => (d[key] as string | undefined) ?? null,
        findExisting: byPoints('lead', leads.store),
        createBatch: async (m, actor, dtos) =>
          (await leads.createManyInTx(m, actor, dtos as unknown as CreateLeadDto[], { ownerId: actor.id, departmentId: actor.departmentId })).map(
            (l) => l.id,
          ),
        update: async (m, actor, id, dto) => {
          let before: Plain = {};
          const lead = await leads.store.update(actor, id, undefined, (l) => {
            before = diffBefore(l as unknown as Plain, dto);
            Object.assign(l, dto);
          }, m);
          await leads.syncContactPoints(m, lead);
          return before;
        },
        restore: async (m, actor, id, before) => {
          const lead = await leads.store.update(actor, id, undefined, (l) => void Object.assign(l, before), m);
          await leads.syncContactPoints(m, lead);
        },
        removeCreated: (m, actor, ids) => leads.removeManyInTx(m, actor, ids),
      },
      account: {
        entity: 'account',
        module: 'accounts',
        fields: importable(ACCOUNT_FIELDS as FieldDef<never>[], ['id', 'ownerName', 'lastActivityAt', 'createdAt']),
        dto: CreateAccountDto,
        convert: async (_m, _a, rows) => rows.map(convertCells),
        keyOf: (d, key) => (d[key] as string | undefined) ?? null,
        findExisting: byPoints('account', accounts.store),
        createBatch: async (m, actor, dtos) => {
          const ids: string[] = [];
          for (const dto of dtos) ids.push((await accounts.createInTx(actor, m, dto as unknown as CreateAccountDto, { allowDuplicate: true })).id);
          return ids;
        },
        update: async (m, actor, id, dto) => {
          let before: Plain = {};
          const a = await accounts.store.update(actor, id, undefined, (e) => {
            before = diffBefore(e as unknown as Plain, dto);
            Object.assign(e, dto);
          }, m);
          await accounts.syncContactPoints(m, a);
          return before;
        },
        restore: async (m, actor, id, before) => {
          const a = await accounts.store.update(actor, id, undefined, (e) => void Object.assign(e, before), m);
          await accounts.syncContactPoints(m, a);
        },
        removeCreated: async (m, actor, ids) => {
          await accounts.store.softDeleteMany(actor, ids, m);
          await points.removeMany(m, 'account', ids);
        },
      },
      contact: {
        entity: 'contact',
        module: 'contacts',
        fields: importable(CONTACT_FIELDS as FieldDef<never>[], ['id', 'ownerName', 'createdAt']),
        dto: CreateContactDto,
        convert: async (m, actor, rows) => {
          // contacts name their account; resolve names to accounts the importer can read
          const names = [...new Set(rows.map((r) => r.accountName).filter((n): n is string => typeof n === 'string' && n !== ''))];
          const ids = names.length
            ? new Map(
                (
                  await accounts.store
                    .query(actor, m)
                    .select(['a.id', 'a.name'])
                    .andWhere('a.name = ANY(:names)', { names })
                    .getMany()
                ).map((a) => [a.name, a.id]),
              )
            : new Map<string, string>();
          return rows.map((r) => {
            const { accountName, ...rest } = convertCells(r);
            if (!rest.accountId && typeof accountName === 'string') rest.accountId = ids.get(accountName) ?? `unknown account: ${accountName}`;
            return rest;
          });
        },
        keyOf: (d, key) => ((key === 'phone' ? (d.mobile ?? d.workPhone) : d[key]) as string | undefined) ?? null,
        findExisting: byPoints('contact', contacts.store),
        createBatch: async (m, actor, dtos) => {
          const ids: string[] = [];
          for (const dto of dtos) ids.push((await contacts.createInTx(actor, m, dto as unknown as CreateContactDto, { allowDuplicate: true })).id);
          return ids;
        },
        update: async (m, actor, id, dto) => {
          let before: Plain = {};
          const c = await contacts.store.update(actor, id, undefined, (e) => {
            before = diffBefore(e as unknown as Plain, dto);
            Object.assign(e, dto);
          }, m);
          await contacts.syncContactPoints(m, c);
          return before;
        },
        restore: async (m, actor, id, before) => {
          const c = await contacts.store.update(actor, id, undefined, (e) => void Object.assign(e, before), m);
          await contacts.syncContactPoints(m, c);
        },
        removeCreated: async (m, actor, ids) => {
          await contacts.store.softDeleteMany(actor, ids, m);
          await points.removeMany(m, 'contact', ids);
        },
      },
    };
  }

  get(entity: ImportEntity): ImportTarget {
    return this.targets[entity];
  }
}
