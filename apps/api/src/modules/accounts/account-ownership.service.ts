import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { diffRecords, FieldChange } from '@core/audit/audit.service';
import type { AuthUser } from '@core/auth/auth-user';
import { conflict, notFound } from '@core/http/domain-error';
import { Page } from '@core/http/keyset';
import { NotificationsService } from '@modules/notifications/notifications.service';
import { Account } from './account.entity';
import { AuditService } from '@core/audit/audit.service';
import { DomainEvents } from '@core/events/domain-events';
import { PoolsService } from '@modules/pools/pools.service';
import { AccountRecords } from './account-records';
import { AccountsService } from './accounts.service';
import { AccountResponse, QueryAccountsDto, ReleaseAccountDto } from './dto/account.dto';
import { AccountErrorCode } from './accounts.errors';

/** Accounts and pools (公海): browsing a pool, claiming, releasing, and the nightly return of neglected accounts. */
@Injectable()
export class AccountOwnershipService implements OnModuleInit {
  constructor(
    private readonly accounts: AccountsService,
    private readonly notifications: NotificationsService,
    private readonly records: AccountRecords,
    private readonly pools: PoolsService,
    private readonly audit: AuditService,
    private readonly events: DomainEvents,
  ) {}

  onModuleInit(): void {
    this.events.on('pool.returnDue', (m, due) => this.returnStale(m, due));
  }

  /** Ownerless accounts waiting in a pool the actor can browse (pool membership replaces the data scope). */
  async listPool(actor: AuthUser, poolId: string, query: QueryAccountsDto): Promise<Page<AccountResponse>> {
    await this.pools.assertCanBrowse(actor, poolId);
    const qb = this.records.store.query(null).andWhere('a.pool_id = :__pool AND a.owner_id IS NULL', { __pool: poolId });
    return this.records.list(actor, query, qb);
  }

  /** Takes an ownerless account out of its pool; membership (403) and the claim limit (409) are the pool's rules. */
  async claim(actor: AuthUser, id: string): Promise<AccountResponse> {
    return this.records.transaction(async (m) => {
      const a = await this.records.store.get(null, id, m, { lock: true });
      if (a.ownerId) {
        // whether someone else's account exists is none of the claimer's business
        const visible = await this.records.store.query(actor, m).andWhere('a.id = :id', { id }).getCount();
        if (!visible) throw notFound('account');
        throw conflict(AccountErrorCode.ACCOUNT_NOT_IN_POOL, 'The account has an owner; only accounts in a pool can be claimed');
      }
      if (!a.poolId) throw conflict(AccountErrorCode.ACCOUNT_NOT_IN_POOL, 'The account is not in a pool');
      await this.pools.claim(m, actor, a.poolId, 'account', id);
      const saved = await this.save(m, actor, 'claim', a, (x) => {
        x.ownerId = actor.id;
        x.departmentId = actor.departmentId;
        x.claimedAt = new Date();
      });
      await this.accounts.ownerChanged(m, saved, null, true);
      return (await this.accounts.toResponses(actor, [saved], m))[0];
    });
  }

  /** The owner (or someone whose scope covers the account) gives it back to a pool, with a reason. */
  async release(actor: AuthUser, id: string, dto: ReleaseAccountDto): Promise<AccountResponse> {
    return this.records.transaction(async (m) => {
      const a = await this.records.store.get(actor, id, m, { lock: true });
      if (!a.ownerId) throw conflict(AccountErrorCode.ACCOUNT_NOT_OWNED, 'The account is already in a pool');
      const pool = await this.pools.resolveReleasePool(m, dto.poolId ?? a.poolId, a.departmentId, dto.poolId ? actor : undefined);
      const formerOwner = a.ownerId;
      const saved = await this.save(m, actor, 'release', a, (x) => {
        x.ownerId = null;
        x.claimedAt = null;
        x.poolId = pool.id;
        x.departmentId = pool.departmentId ?? x.departmentId;
        return [{ field: 'reason', old: null, new: dto.reason }];
      });
      await this.accounts.ownerChanged(m, saved, formerOwner);
      return (await this.accounts.toResponses(actor, [saved], m))[0];
    });
  }

  /**
   * `pool.returnDue`: owned accounts of the pool with no activity (or claim, or creation) since the
   * cutoff go back to it, and each former owner gets one notification.
   */
  private async returnStale(m: EntityManager, due: { poolId: string; poolName: string; cutoff: Date; returned: Record<string, number> }) {
    const stale = await m
      .getRepository(Account)
      .createQueryBuilder('a')
      .where('a.pool_id = :pool AND a.owner_id IS NOT NULL', { pool: due.poolId })
      .andWhere('coalesce(a.last_activity_at, a.claimed_at, a.created_at) < :cutoff', { cutoff: due.cutoff })
      .orderBy('a.name')
      .setLock('pessimistic_write')
      .getMany();
    if (!stale.length) return;
    const [pool]: { department_id: string | null }[] = await m.query(`SELECT department_id FROM pools WHERE id = $1`, [due.poolId]);
    const byOwner = new Map<string, Account[]>();
    for (const a of stale) {
      const formerOwner = a.ownerId!;
      byOwner.set(formerOwner, [...(byOwner.get(formerOwner) ?? []), a]);
      const saved = await this.save(m, null, 'return', a, (x) => {
        x.ownerId = null;
        x.claimedAt = null;
        x.departmentId = pool?.department_id ?? x.departmentId;
      });
      await this.accounts.ownerChanged(m, saved, formerOwner);
    }
    for (const [ownerId, list] of byOwner) {
      const one = list.length === 1 ? list[0] : null;
      await this.notifications.notify(m, [ownerId], {
        kind: 'pool.returned',
        title: one
          ? `客户「${one.name}」已退回公海 / Account "${one.name}" went back to ${due.poolName}`
          : `${list.length} 个客户已退回公海 / ${list.length} accounts went back to ${due.poolName}`,
        body: `No follow-up since ${due.cutoff.toISOString().slice(0, 10)}: ${list.map((a) => a.name).join(', ')}`.slice(0, 2000),
        entityType: 'account',
        entityId: one?.id,
      });
    }
    due.returned.account = (due.returned.account ?? 0) + stale.length;
  }

  /** Applies an ownership move to a locked account, saves it, audits it under `action`, and re-indexes it. */
  private async save(
    m: EntityManager,
    actor: AuthUser | null,
    action: string,
    a: Account,
    mutate: (a: Account) => FieldChange[] | void,
  ): Promise<Account> {
    const before = this.records.store.snapshot(a);
    const extra = mutate(a) ?? [];
    const saved = await m.getRepository(Account).save(a);
    await this.audit.record(m, actor, action, 'account', a.id, [...diffRecords(before, this.records.store.snapshot(saved)), ...extra]);
    await this.accounts.syncContactPoints(m, saved);
    return saved;
  }
}
