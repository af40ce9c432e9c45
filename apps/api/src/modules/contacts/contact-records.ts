import { CustomFieldsService } from '@core/custom-fields/custom-fields.service';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '@core/audit/audit.service';
import type { AuthUser } from '@core/auth/auth-user';
import { DomainEvents } from '@core/events/domain-events';
import { ListSpec } from '@core/http/keyset';
import { RecordKind } from '@core/records/record-kind';
import { RecordService } from '@core/records/record.service';
import { AccountsService } from '@modules/accounts/accounts.service';
import { UsersService } from '@modules/admin/users/users.service';
import { ContactPointsService } from '@modules/dedupe/contact-points.service';
import { Contact } from './contact.entity';
import { toContactResponse } from './contact.mapper';
import { MERGE_FILLABLE, mergeContactFlags } from './contact-rules';
import { CONTACT_FIELDS } from './dto/contact-fields';
import { ContactResponse } from './dto/contact.dto';

export const CONTACT_LIST_SPEC: ListSpec = {
  idColumn: 'c.id',
  defaultSort: '-createdAt',
  sortable: {
    createdAt: { column: 'c.created_at', value: (c: Contact) => c.createdAt },
    name: { column: 'c.name', value: (c: Contact) => c.name },
  },
  search: ['c.search_visible', 'c.search_sensitive'],
  bigramColumn: 'c.search_bigrams',
  filters: { accountId: 'c.account_id', ownerId: 'c.owner_id', departmentId: 'c.department_id', isPrimary: 'c.is_primary' },
  ranges: { createdAt: 'c.created_at' },
  fields: {
    name: { type: 'text', column: 'c.name' },
    title: { type: 'text', column: 'c.title' },
    accountId: { type: 'uuid', column: 'c.account_id' },
    ownerId: { type: 'uuid', column: 'c.owner_id' },
    departmentId: { type: 'uuid', column: 'c.department_id' },
    isPrimary: { type: 'boolean', column: 'c.is_primary' },
    doNotCall: { type: 'boolean', column: 'c.do_not_call' },
    createdAt: { type: 'date', column: 'c.created_at' },
    lastActivityAt: { type: 'date', column: 'c.last_activity_at', olderThan: 'COALESCE(c.last_activity_at, c.created_at)' },
  },
};

export const CONTACT_KIND: RecordKind<Contact, ContactResponse> = {
  type: 'contact',
  entity: Contact,
  module: 'contacts',
  alias: 'c',
  scope: { owner: 'c.owner_id', department: 'c.department_id' },
  list: CONTACT_LIST_SPEC,
  visibleSearch: 'c.search_visible',
  csv: { name: 'contacts', fields: CONTACT_FIELDS },
  sensitive: [
    { field: 'mobile', column: 'c.mobile', kind: 'phone' },
    { field: 'workPhone', column: 'c.work_phone', kind: 'phone' },
    { field: 'email', column: 'c.email', kind: 'email' },
  ],
  displayName: (c) => c.name,
  mergeFill: MERGE_FILLABLE,
  pooled: false,
};

/** The record machinery for contacts, with their rules: opt-outs and the primary flag survive a merge. */
@Injectable()
export class ContactRecords extends RecordService<Contact, ContactResponse> {
  constructor(
    @InjectDataSource() ds: DataSource,
    audit: AuditService,
    points: ContactPointsService,
    custom: CustomFieldsService,
    private readonly users: UsersService,
    private readonly accounts: AccountsService,
    private readonly events: DomainEvents,
  ) {
    super(ds, audit, CONTACT_KIND, points, custom);
  }

  protected async mapResponses(actor: AuthUser | null, contacts: Contact[], m: EntityManager = this.ds.manager): Promise<Omit<ContactResponse, 'actions'>[]> {
    const names = {
      owners: await this.users.namesByIds(contacts.map((c) => c.ownerId), m),
      accounts: await this.accounts.namesByIds(contacts.map((c) => c.accountId), m),
    };
    return contacts.map((c) => toContactResponse(c, actor, names));
  }

  protected async mergeValues(_m: EntityManager, _actor: AuthUser, survivor: Contact, duplicates: Contact[]): Promise<void> {
    mergeContactFlags(survivor, duplicates);
  }

  protected async afterMerge(m: EntityManager, _actor: AuthUser, survivor: Contact, duplicates: Contact[]): Promise<void> {
    await this.events.emit(m, 'contact.merged', { fromIds: duplicates.map((d) => d.id), intoId: survivor.id });
  }

  /** A deleted or merged primary contact stops being primary, so a restore cannot clash with a newer one. */
  protected async gone(m: EntityManager, ids: string[]): Promise<void> {
    await m.query(`UPDATE contacts SET is_primary = false WHERE id = ANY($1) AND is_primary`, [ids]);
  }
}
