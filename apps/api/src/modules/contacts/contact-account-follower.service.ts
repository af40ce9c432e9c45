import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService, diffRecords } from '@core/audit/audit.service';
import { DomainEvents, DomainEventMap } from '@core/events/domain-events';
import { AccountsService } from '@modules/accounts/accounts.service';
import { Contact } from './contact.entity';
import { ContactRecords } from './contact-records';

/**
 * Contacts following their account: moved to the survivor of an account merge, and handed over with the
 * account when it changes owner.
 */
@Injectable()
export class ContactAccountFollower implements OnModuleInit {
  constructor(
    private readonly records: ContactRecords,
    private readonly accounts: AccountsService,
    private readonly audit: AuditService,
    private readonly events: DomainEvents,
  ) {}

  onModuleInit(): void {
    this.events.on('account.merged', (m, e) => this.followAccountMerge(m, e));
    this.events.on('record.ownerChanged', (m, e) => this.followAccountOwner(m, e));
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
      const before = this.records.store.snapshot(c);
      c.accountId = e.intoId;
      if (c.isPrimary && (primaryTaken || c.deletedAt)) c.isPrimary = false;
      if (c.isPrimary) primaryTaken = true;
      // an update statement, not save(): deleted contacts move too, so a restore finds the survivor
      await m.update(Contact, { id: c.id }, { accountId: c.accountId, isPrimary: c.isPrimary });
      await this.audit.record(m, null, 'update', 'contact', c.id, diffRecords(before, this.records.store.snapshot(c)));
    }
  }

  /**
   * When an account changes hands (claim, release, return, reassignment), its contacts held by the
   * former owner go with it, so whoever holds the account sees its people.
   */
  private async followAccountOwner(m: EntityManager, e: DomainEventMap['record.ownerChanged']): Promise<void> {
    if (e.entityType !== 'account') return;
    const account = await this.accounts.getVisible(null, e.entityId, m);
    const qb = m
      .getRepository(Contact)
      .createQueryBuilder('c')
      .where('c.account_id = :acc', { acc: e.entityId })
      .setLock('pessimistic_write');
    if (e.fromOwnerId) qb.andWhere('c.owner_id = :from', { from: e.fromOwnerId });
    else qb.andWhere('c.owner_id IS NULL');
    for (const c of await qb.getMany()) {
      const before = this.records.store.snapshot(c);
      c.ownerId = e.toOwnerId;
      c.departmentId = account.departmentId;
      await m.update(Contact, { id: c.id }, { ownerId: c.ownerId, departmentId: c.departmentId });
      await this.audit.record(m, null, 'update', 'contact', c.id, diffRecords(before, this.records.store.snapshot(c)));
      await this.records.syncContactPoints(m, c);
    }
  }
}
