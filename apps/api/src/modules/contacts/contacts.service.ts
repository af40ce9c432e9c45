import { Injectable, OnModuleInit } from '@nestjs/common';
import { inTransaction, runBulkCreate } from '@core/records/bulk-create';
import { BulkCreateDto, BulkCreateQueryDto, BulkCreateResponseDto } from '@core/records/bulk-create.dto';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '@core/audit/audit.service';
import type { AuthUser } from '@core/auth/auth-user';
import type { RecordService } from '@core/records/record.service';
import { rejectNulls } from '@core/crud/record-rules';
import { CsvLocale } from '@core/http/csv-export';
import { badRequest, DomainError } from '@core/http/domain-error';
import { Page } from '@core/http/keyset';
import { AccountsService, CreateAccountOptions } from '@modules/accounts/accounts.service';
import { ContactPointsService } from '@modules/dedupe/contact-points.service';
import type { DuplicateMatchDto } from '@modules/dedupe/duplicate-match.dto';
import { Contact } from './contact.entity';
import { ContactRecords } from './contact-records';
import {
  ContactResponse,
  CreateContactDto,
  MergeContactsDto,
  QueryContactsDto,
  RevealedContactResponse,
  UpdateContactDto,
} from './dto/contact.dto';
import { ContactErrorCode } from './contacts.errors';

/** Same options as an account's create: skip the duplicate check, or ignore given records in it. */
export type CreateContactOptions = CreateAccountOptions;

const REQUIRED_FIELDS = ['accountId', 'name', 'isPrimary', 'doNotCall', 'doNotEmail', 'doNotSms', 'ownerId'];

/**
 * Contacts: create and update rules (readable account, one primary per account, dedupe); the shared
 * record life (list, search, export, reveal, duplicates, merge, remove, restore) is ContactRecords'.
 */
@Injectable()
export class ContactsService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly audit: AuditService,
    private readonly contactPoints: ContactPointsService,
    private readonly accounts: AccountsService,
    private readonly records: ContactRecords,
  ) {}

  onModuleInit(): void {
    this.accounts.registerRelatedCount('contacts', async (m, accountIds) => {
      const rows: { account_id: string; n: number }[] = await m.query(
        `SELECT account_id, count(*)::int AS n FROM contacts WHERE account_id = ANY($1) AND deleted_at IS NULL GROUP BY account_id`,
        [accountIds],
      );
      return new Map(rows.map((r) => [r.account_id, r.n]));
    });
  }

  toResponses(actor: AuthUser | null, contacts: Contact[], m?: EntityManager): Promise<ContactResponse[]> {
    return this.records.toResponses(actor, contacts, m);
  }

  /** Every contact of the listing the actor may see, as CSV, masked like the screen. */
  exportCsv(actor: AuthUser, query: QueryContactsDto, res: Response, locale: CsvLocale): Promise<void> {
    return this.records.exportCsv(actor, query, res, locale);
  }

  list(actor: AuthUser, query: QueryContactsDto): Promise<Page<ContactResponse>> {
    return this.records.list(actor, query);
  }

  get(actor: AuthUser, id: string): Promise<ContactResponse> {
    return this.records.get(actor, id);
  }

  /** The contact if the actor may read it (404 otherwise, also when deleted). */
  getVisible(actor: AuthUser, id: string, m?: EntityManager): Promise<Contact> {
    return this.records.find(actor, id, m);
  }

  /** Which of `ids` the actor may read. */
  readable(actor: AuthUser, ids: string[], m?: EntityManager): Promise<Set<string>> {
    return this.records.readable(actor, ids, m);
  }

  /** Names of live contacts by id. */
  namesByIds(ids: (string | null | undefined)[], m?: EntityManager): Promise<Map<string, string>> {
    return this.records.namesByIds(ids, m);
  }

  /** Ids of the live contacts of an account (no scope: callers decide what the actor sees). */
  async idsOfAccount(accountId: string, m?: EntityManager): Promise<string[]> {
    const rows = await this.records.store.query(null, m).select('c.id', 'id').andWhere('c.account_id = :aid', { aid: accountId }).getRawMany<{ id: string }>();
    return rows.map((r) => r.id);
  }

  /**
   * The unmasked mobile (else work phone), SMS flag and holder of live contacts, for messaging (the sms module
   * picks the ids through `list`/`getVisible` in the sender's scope, or by phone for inbound replies).
   */
  async messagingTargets(ids: string[], m?: EntityManager): Promise<ContactMessagingTarget[]> {
    if (!ids.length) return [];
    return this.records.store
      .query(null, m)
      .select(['c.id AS id', 'c.name AS name', 'COALESCE(c.mobile, c.work_phone) AS phone', 'c.do_not_sms AS "doNotSms"'])
      .addSelect(['c.owner_id AS "ownerId"', 'c.department_id AS "departmentId"', 'c.account_id AS "accountId"'])
      .addSelect(['c.email AS email', 'c.do_not_email AS "doNotEmail"'])
      .andWhere('c.id IN (:...ids)', { ids })
      .getRawMany<ContactMessagingTarget>();
  }

  /** Live contacts whose mobile or work phone is this normalized (E.164) number, oldest first. */
  async idsByPhone(phone: string, m: EntityManager = this.ds.manager): Promise<string[]> {
    const ids = await this.contactPoints.idsByValue(m, 'contact', 'phone', [phone]);
    return [...ids.values()];
  }

  /** Live contacts with this (lower-cased) email, oldest first: inbound email matching. */
  async idsByEmail(email: string, m: EntityManager = this.ds.manager): Promise<string[]> {
    const ids = await this.contactPoints.idsByValue(m, 'contact', 'email', [email.trim().toLowerCase()]);
    return [...ids.values()];
  }

  /** Contacts the actor may read matching `q` (the list's `q`), newest first, masked. */
  search(actor: AuthUser, q: string, limit: number): Promise<ContactResponse[]> {
    return this.records.search(actor, q, limit);
  }

  /** Up to 500 contacts, each through `create` (per-record results; `atomic`: all or nothing). */
  bulkCreate(actor: AuthUser, body: BulkCreateDto, q: BulkCreateQueryDto): Promise<BulkCreateResponseDto> {
    return runBulkCreate(this.ds, CreateContactDto, body, q.atomic === true, (m, dto) => this.create(actor, dto, q.allowDuplicate, m));
  }

  /** With `manager`, inside that transaction (bulk create); else in its own. */
  async create(actor: AuthUser, dto: CreateContactDto, allowDuplicate?: boolean, manager?: EntityManager): Promise<ContactResponse> {
    return inTransaction(this.ds, manager, async (m) => {
      const contact = await this.createInTx(actor, m, dto, { allowDuplicate });
      return (await this.toResponses(actor, [contact], m))[0];
    });
  }

  /** Creates a contact inside the caller's transaction (the API and lead conversion). */
  async createInTx(actor: AuthUser, manager: EntityManager, dto: CreateContactDto, opts: CreateContactOptions = {}): Promise<Contact> {
    const account = await this.readableAccount(manager, actor, dto.accountId);
    const owner = await this.defaultOwner(manager, actor, dto.ownerId, account.ownerId);
    await this.contactPoints.assertNoDuplicates(manager, actor, { phones: [dto.mobile, dto.workPhone], emails: [dto.email] }, {
      allowDuplicate: opts.allowDuplicate,
      exclude: opts.excludeFromDedupe,
    });
    if (dto.isPrimary) await this.unsetPrimary(manager, actor, dto.accountId, null);
    const contact = await this.records.store.create(
      actor,
      {
        accountId: dto.accountId,
        name: dto.name,
        title: dto.title ?? null,
        mobile: dto.mobile ?? null,
        workPhone: dto.workPhone ?? null,
        email: dto.email ?? null,
        wechat: dto.wechat ?? null,
        birthday: dto.birthday ?? null,
        gender: dto.gender ?? null,
        isPrimary: dto.isPrimary ?? false,
        preferredChannel: dto.preferredChannel ?? null,
        doNotCall: dto.doNotCall ?? false,
        doNotEmail: dto.doNotEmail ?? false,
        doNotSms: dto.doNotSms ?? false,
        notes: dto.notes ?? null,
        externalId: dto.externalId ?? null,
        custom: dto.custom,
        ownerId: owner.ownerId,
        departmentId: owner.departmentId,
      },
      manager,
    );
    await this.syncContactPoints(manager, contact);
    return contact;
  }

  /** PATCH rules (readable account, one primary, dedupe); joins the caller's transaction when given `manager` (imports). */
  async update(
    actor: AuthUser,
    id: string,
    dto: UpdateContactDto,
    ifMatch?: number,
    allowDuplicate?: boolean,
    manager?: EntityManager,
  ): Promise<ContactResponse> {
    const { version, ownerId, ...fields } = dto;
    rejectNulls(dto, REQUIRED_FIELDS);
    return this.records.transaction(async (m) => {
      // the dedupe locks come before the row lock, in the same order as import batches take them
      await this.contactPoints.lock(m, { phones: [fields.mobile, fields.workPhone], emails: [fields.email] });
      const contact = await this.records.store.update(
        actor,
        id,
        ifMatch ?? version,
        async (c) => {
          const changed = <K extends 'mobile' | 'workPhone' | 'email'>(k: K) => (fields[k] !== undefined && fields[k] !== c[k] ? fields[k] : null);
          await this.contactPoints.assertNoDuplicates(m, actor, { phones: [changed('mobile'), changed('workPhone')], emails: [changed('email')] }, {
            allowDuplicate,
            exclude: [{ entityType: 'contact', id }],
          });
          if (fields.accountId && fields.accountId !== c.accountId) await this.readableAccount(m, actor, fields.accountId);
          if (ownerId && ownerId !== c.ownerId) {
            const owner = await this.accounts.resolveOwner(m, actor, 'contacts', ownerId);
            c.ownerId = owner.ownerId;
            c.departmentId = owner.departmentId;
          }
          Object.assign(c, fields);
          if (c.isPrimary && c.accountId) await this.unsetPrimary(m, actor, c.accountId, c.id);
        },
        m,
      );
      await this.syncContactPoints(m, contact);
      return (await this.toResponses(actor, [contact], m))[0];
    }, manager);
  }

  remove(actor: AuthUser, id: string, ifMatch?: number): Promise<void> {
    return this.records.remove(actor, id, ifMatch);
  }

  restore(actor: AuthUser, id: string): Promise<ContactResponse> {
    return this.records.restore(actor, id);
  }

  /** Full phones and email of one contact the actor can read; each reveal is audited. */
  reveal(actor: AuthUser, id: string): Promise<RevealedContactResponse> {
    return this.records.reveal<RevealedContactResponse>(actor, id);
  }

  duplicates(actor: AuthUser, id: string): Promise<DuplicateMatchDto[]> {
    return this.records.duplicates(actor, id) as Promise<DuplicateMatchDto[]>;
  }

  /** Merges duplicate contacts into this one (RecordService.merge; opt-outs and a primary flag carry over). */
  async merge(actor: AuthUser, id: string, dto: MergeContactsDto): Promise<ContactResponse> {
    const survivor = await this.records.merge(actor, id, dto.duplicateIds);
    return (await this.toResponses(actor, [survivor]))[0];
  }

  syncContactPoints(m: EntityManager, c: Contact): Promise<void> {
    return this.records.syncContactPoints(m, c);
  }

  /** Soft-deletes those of `ids` the actor may read (import reverts); answers the ids removed. */
  removeManyInTx(m: EntityManager, actor: AuthUser, ids: string[]): Promise<string[]> {
    return this.records.removeMany(m, actor, ids);
  }

  /** Ids of live contacts by external id (imports' upsert key). */
  idsByExternalId(values: string[], m?: EntityManager): Promise<Map<string, string>> {
    return this.records.idsByExternalId(values, m);
  }

  /** Live records by list filters, oldest first, for demo seeders (RecordService.sample). */
  demoSample(m: EntityManager, opts: Parameters<RecordService<Contact, unknown>['sample']>[1]): Promise<Contact[]> {
    return this.records.sample(m, opts);
  }

  /** At most one primary contact per account: the others of the account stop being primary (audited). */
  async unsetPrimary(m: EntityManager, actor: AuthUser | null, accountId: string, exceptId: string | null): Promise<void> {
    const [rows]: [{ id: string }[], number] = await m.query(
      `UPDATE contacts SET is_primary = false, version = version + 1, updated_at = now()
        WHERE account_id = $1 AND is_primary AND deleted_at IS NULL AND ($2::uuid IS NULL OR id <> $2) RETURNING id`,
      [accountId, exceptId],
    );
    for (const r of rows) await this.audit.record(m, actor, 'update', 'contact', r.id, [{ field: 'isPrimary', old: true, new: false }]);
  }

  private async readableAccount(m: EntityManager, actor: AuthUser, accountId: string) {
    try {
      return await this.accounts.getVisible(actor, accountId, m);
    } catch (e) {
      if (e instanceof DomainError && e.code === 'NOT_FOUND') {
        throw badRequest(ContactErrorCode.CONTACT_UNKNOWN_ACCOUNT, 'accountId', 'accountId is not an account you can read');
      }
      throw e;
    }
  }

  /** The given owner (checked), else the account's owner when the actor may assign to them, else the actor. */
  private async defaultOwner(m: EntityManager, actor: AuthUser, ownerId: string | undefined, accountOwnerId: string | null) {
    if (ownerId || !accountOwnerId) return this.accounts.resolveOwner(m, actor, 'contacts', ownerId);
    try {
      return await this.accounts.resolveOwner(m, actor, 'contacts', accountOwnerId);
    } catch (e) {
      if (e instanceof DomainError) return this.accounts.resolveOwner(m, actor, 'contacts', null);
      throw e;
    }
  }
}

export interface ContactMessagingTarget {
  id: string;
  name: string;
  phone: string | null;
  doNotSms: boolean;
  /** Unmasked, lower-cased. */
  email: string | null;
  doNotEmail: boolean;
  ownerId: string | null;
  departmentId: string | null;
  accountId: string | null;
}
