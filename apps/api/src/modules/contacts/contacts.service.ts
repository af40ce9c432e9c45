import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import { CsvLocale, streamCsv } from '@core/http/csv-export';
import { CONTACT_FIELDS } from './dto/contact-fields';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '@core/audit/audit.service';
import type { AuthUser } from '@core/auth/auth-user';
import { RecordStore } from '@core/crud/record-store';
import { badRequest, DomainError } from '@core/http/domain-error';
import { escapeLike, ListSpec, Page } from '@core/http/keyset';
import { UsersService } from '@modules/admin/users/users.service';
import { AccountsService, CreateAccountOptions } from '@modules/accounts/accounts.service';
import { ContactPointsService } from '@modules/dedupe/contact-points.service';
import { Contact } from './contact.entity';
import { ContactNames, toContactResponse } from './contact.mapper';
import { rejectNulls } from '@core/crud/record-rules';
import { ContactResponse, CreateContactDto, QueryContactsDto, RevealedContactResponse, UpdateContactDto } from './dto/contact.dto';
import { ContactErrorCode } from './contacts.errors';

export const CONTACT_LIST_SPEC: ListSpec = {
  idColumn: 'c.id',
  defaultSort: '-createdAt',
  sortable: {
    createdAt: { column: 'c.created_at', value: (c: Contact) => c.createdAt },
    name: { column: 'c.name', value: (c: Contact) => c.name },
  },
  search: ['c.search_text'],
  bigramColumn: 'c.search_bigrams',
  filters: { accountId: 'c.account_id', ownerId: 'c.owner_id', departmentId: 'c.department_id', isPrimary: 'c.is_primary' },
  ranges: { createdAt: 'c.created_at' },
};

/** Same options as an account's create: skip the duplicate check, or ignore given records in it. */
export type CreateContactOptions = CreateAccountOptions;

const REQUIRED_FIELDS = ['accountId', 'name', 'isPrimary', 'doNotCall', 'doNotEmail', 'doNotSms', 'ownerId'];

/** Contacts: CRUD with dedupe, one primary contact per account, masking and the audited reveal. */
@Injectable()
export class ContactsService implements OnModuleInit {
  readonly store: RecordStore<Contact>;

  constructor(
    @InjectDataSource() readonly ds: DataSource,
    readonly audit: AuditService,
    private readonly users: UsersService,
    private readonly contactPoints: ContactPointsService,
    readonly accounts: AccountsService,
  ) {
    this.store = new RecordStore(ds, audit, Contact, {
      entityType: 'contact',
      module: 'contacts',
      alias: 'c',
      scope: { owner: 'c.owner_id', department: 'c.department_id' },
    });
  }

  onModuleInit(): void {
    this.accounts.registerRelatedCount('contacts', async (m, accountIds) => {
      const rows: { account_id: string; n: number }[] = await m.query(
        `SELECT account_id, count(*)::int AS n FROM contacts WHERE account_id = ANY($1) AND deleted_at IS NULL GROUP BY account_id`,
        [accountIds],
      );
      return new Map(rows.map((r) => [r.account_id, r.n]));
    });
  }

  async toResponses(actor: AuthUser | null, contacts: Contact[], m: EntityManager = this.ds.manager): Promise<ContactResponse[]> {
    const names: ContactNames = {
      owners: await this.users.namesByIds(contacts.map((c) => c.ownerId), m),
      accounts: await this.accounts.namesByIds(contacts.map((c) => c.accountId), m),
    };
    return contacts.map((c) => toContactResponse(c, actor, names));
  }

  /** Every contact of the listing the actor may see, as CSV, masked like the screen. */
  async exportCsv(actor: AuthUser, query: QueryContactsDto, res: Response, locale: CsvLocale): Promise<void> {
    const date = new Date().toISOString().slice(0, 10);
    await streamCsv(res, `contacts-${date}.csv`, CONTACT_FIELDS, locale, async (cursor) => {
      const page = await this.store.list(actor, { ...query, cursor, limit: 1000 }, CONTACT_LIST_SPEC, undefined, { count: false });
      return { data: await this.toResponses(actor, page.data), nextCursor: page.nextCursor };
    });
  }

  async list(actor: AuthUser, query: QueryContactsDto): Promise<Page<ContactResponse>> {
    const page = await this.store.list(actor, query, CONTACT_LIST_SPEC);
    return { ...page, data: await this.toResponses(actor, page.data) };
  }

  async get(actor: AuthUser, id: string): Promise<ContactResponse> {
    return (await this.toResponses(actor, [await this.store.get(actor, id)]))[0];
  }

  /** Contacts the actor may read whose name, phones or email contain `q`, best matches first, masked. */
  async search(actor: AuthUser, q: string, limit: number): Promise<ContactResponse[]> {
    const term = q.trim();
    if (!term) return [];
    const rows = await this.store
      .query(actor)
      .andWhere('c.search_text ILIKE :__like', { __like: `%${escapeLike(term)}%` })
      .orderBy('similarity(c.search_text, :__term)', 'DESC')
      .addOrderBy('c.name', 'ASC')
      .setParameter('__term', term)
      .limit(Math.min(Math.max(limit, 1), 50))
      .getMany();
    return this.toResponses(actor, rows);
  }

  async create(actor: AuthUser, dto: CreateContactDto, allowDuplicate?: boolean): Promise<ContactResponse> {
    return this.ds.transaction(async (m) => {
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
    const contact = await this.store.create(
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
    return this.store.transaction(async (m) => {
      const contact = await this.store.update(
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

  async remove(actor: AuthUser, id: string, ifMatch?: number): Promise<void> {
    await this.store.softDelete(actor, id, ifMatch, async (c, m) => {
      await this.contactPoints.remove(m, 'contact', c.id);
      // a deleted primary contact stops being primary, so a restore cannot clash with a newer one
      if (c.isPrimary) await m.query(`UPDATE contacts SET is_primary = false WHERE id = $1`, [c.id]);
    });
  }

  async restore(actor: AuthUser, id: string): Promise<ContactResponse> {
    const contact = await this.store.restore(actor, id, (c, m) => this.syncContactPoints(m, c));
    return (await this.toResponses(actor, [contact]))[0];
  }

  /** Full phones and email of one contact the actor can read; each reveal is audited. */
  async reveal(actor: AuthUser, id: string): Promise<RevealedContactResponse> {
    return this.ds.transaction(async (m) => {
      const c = await this.store.get(actor, id, m);
      const revealed = (['mobile', 'workPhone', 'email'] as const).filter((f) => c[f]);
      await this.audit.record(m, actor, 'reveal', 'contact', id, [{ field: 'revealed', old: null, new: revealed }]);
      return { id: c.id, mobile: c.mobile, workPhone: c.workPhone, email: c.email };
    });
  }

  async syncContactPoints(m: EntityManager, c: Contact): Promise<void> {
    if (c.deletedAt) return this.contactPoints.remove(m, 'contact', c.id);
    await this.contactPoints.sync(m, 'contact', c.id, {
      displayName: c.name,
      phones: [c.mobile, c.workPhone],
      emails: [c.email],
      ownerId: c.ownerId,
      departmentId: c.departmentId,
    });
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
