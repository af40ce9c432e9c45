import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { diffRecords } from '@core/audit/audit.service';
import type { AuthUser } from '@core/auth/auth-user';
import { DomainEvents, DomainEventMap } from '@core/events/domain-events';
import { badRequest } from '@core/http/domain-error';
import { Contact } from './contact.entity';
import { mergeContactValues } from './contact-rules';
import { ContactsService } from './contacts.service';
import { ContactResponse, MergeContactsDto } from './dto/contact.dto';
import { ContactErrorCode } from './contacts.errors';

/**
 * Merging duplicate contacts, and contacts following their account: moved to the survivor of an
 * account merge, and handed over with the account when it changes owner.
 */
@Injectable()
export class ContactMergeService implements OnModuleInit {
  constructor(
    private readonly contacts: ContactsService,
    private readonly events: DomainEvents,
  ) {}

  onModuleInit(): void {
    this.events.on('account.merged', (m, e) => this.followAccountMerge(m, e));
    this.events.on('record.ownerChanged', (m, e) => this.followAccountOwner(m, e));
  }

  /**
   * The survivor keeps its values and fills its empty fields from the duplicates; an opt-out on any of
   * them is kept (the person asked once); it becomes the account's primary contact if a duplicate of the
   * same account was. The duplicates are soft-deleted with a `merge` audit entry each and `contact.merged`
   * lets other modules move their references.
   */
  async merge(actor: AuthUser, id: string, dto: MergeContactsDto): Promise<ContactResponse> {
    const dupIds = [...new Set(dto.duplicateIds)];
    if (dupIds.includes(id)) {
      throw badRequest(ContactErrorCode.CONTACT_MERGE_INVALID, 'duplicateIds', 'duplicateIds cannot contain the surviving contact');
    }
    const { ds, store, audit } = this.contacts;
    return ds.transaction(async (m) => {
      const dups: Contact[] = [];
      for (const d of [...dupIds].sort()) dups.push(await store.get(actor, d, m, { lock: true }));
      dups.sort((x, y) => dupIds.indexOf(x.id) - dupIds.indexOf(y.id));
      // the duplicates go first so the survivor can take over a primary flag they held
      await m.softDelete(Contact, { id: In(dupIds) });
      await m.update(Contact, { id: In(dupIds) }, { isPrimary: false });
      for (const d of dups) {
        await audit.record(m, actor, 'merge', 'contact', d.id, [{ field: 'mergedInto', old: null, new: id }]);
        await this.contacts.syncContactPoints(m, { ...d, deletedAt: new Date() } as Contact);
      }
      const survivor = await store.update(
        actor,
        id,
        undefined,
        (c) => mergeContactValues(c, dups),
        m,
      );
      await audit.record(m, actor, 'merge', 'contact', id, [{ field: 'mergedFrom', old: null, new: dupIds }]);
      await this.contacts.syncContactPoints(m, survivor);
      await this.events.emit(m, 'contact.merged', { fromIds: dupIds, intoId: id });
      return (await this.contacts.toResponses(actor, [survivor], m))[0];
    });
  }

  /** Contacts of merged accounts move to the survivor; it keeps its primary contact, or takes theirs. */
  private async followAccountMerge(m: EntityManager, e: DomainEventMap['account.merged']): Promise<void> {
    const moving = await m
      .getRepository(Contact)
      .createQueryBuilder('c')
      .withDeleted()
      .where('c.account_id IN (:...from)', { from: e.fromIds })
      .orderBy('c.created_at')
      .setLock('pessimistic_write')
      .getMany();
    if (!moving.length) return;
    const [{ n }] = await m.query(
      `SELECT count(*)::int AS n FROM contacts WHERE account_id = $1 AND is_primary AND deleted_at IS NULL`,
      [e.intoId],
    );
    let primaryTaken = n > 0;
    for (const c of moving) {
      const before = this.contacts.store.snapshot(c);
      c.accountId = e.intoId;
      if (c.isPrimary && (primaryTaken || c.deletedAt)) c.isPrimary = false;
      if (c.isPrimary) primaryTaken = true;
      // an update statement, not save(): deleted contacts move too, so a restore finds the survivor
      await m.update(Contact, { id: c.id }, { accountId: c.accountId, isPrimary: c.isPrimary });
      await this.contacts.audit.record(m, null, 'update', 'contact', c.id, diffRecords(before, this.contacts.store.snapshot(c)));
    }
  }

  /**
   * When an account changes hands (claim, release, return, reassignment), its contacts held by the
   * former owner go with it, so whoever holds the account sees its people.
   */
  private async followAccountOwner(m: EntityManager, e: DomainEventMap['record.ownerChanged']): Promise<void> {
    if (e.entityType !== 'account') return;
    const account = await this.contacts.accounts.store.get(null, e.entityId, m);
    const qb = m
      .getRepository(Contact)
      .createQueryBuilder('c')
      .where('c.account_id = :acc', { acc: e.entityId })
      .setLock('pessimistic_write');
    if (e.fromOwnerId) qb.andWhere('c.owner_id = :from', { from: e.fromOwnerId });
    else qb.andWhere('c.owner_id IS NULL');
    for (const c of await qb.getMany()) {
      const before = this.contacts.store.snapshot(c);
      c.ownerId = e.toOwnerId;
      c.departmentId = account.departmentId;
      await m.update(Contact, { id: c.id }, { ownerId: c.ownerId, departmentId: c.departmentId });
      await this.contacts.audit.record(m, null, 'update', 'contact', c.id, diffRecords(before, this.contacts.store.snapshot(c)));
      await this.contacts.syncContactPoints(m, c);
    }
  }
}
