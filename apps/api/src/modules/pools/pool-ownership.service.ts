import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '@core/audit/audit.service';
import type { AuthUser } from '@core/auth/auth-user';
import { conflict, notFound } from '@core/http/domain-error';
import type { OwnershipRow, OwnershipTarget } from '@core/ownership/owned-records';
import { ownershipChanges } from '@core/ownership/ownership-changes';
import type { PooledKind } from '@core/ownership/pooled-kind';
import { UsersService } from '@modules/admin/users/users.service';
import { NotificationsService } from '@modules/notifications/notifications.service';
import { AssignOwnerDto, ReleaseToPoolDto } from './dto/ownership.dto';
import { PooledKindsService } from './pooled-kinds.service';
import { PoolErrorCode } from './pools.errors';
import { PoolsService } from './pools.service';

/**
 * Who holds a pooled record, for every registered kind alike: assign, claim, release. Each move
 * locks the record, applies the kind's own rule, writes one audit entry (`assign` / `claim` /
 * `release`, see ownershipChanges), ends or starts the pool claim, and runs the kind's side effects,
 * all in one transaction. The nightly return is PoolReturnService.
 */
@Injectable()
export class PoolOwnershipService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly kinds: PooledKindsService,
    private readonly pools: PoolsService,
    private readonly users: UsersService,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
  ) {}

  /** Gives the record to a user inside the actor's scope; the new owner is notified unless it is the actor or already held it. */
  assign<R>(actor: AuthUser, entityType: string, id: string, dto: AssignOwnerDto): Promise<R> {
    const kind = this.kinds.get(entityType);
    return this.ds.transaction(async (m) => {
      const owner = await this.users.resolveOwner(m, actor, kind.records.opts.module, dto.ownerId);
      const record = await kind.records.lock(m, actor, id);
      await kind.assertMovable?.(record, m);
      const moved = await this.move(m, kind, actor, 'assign', record, { ...owner, poolId: record.poolId, claimed: false }, dto.reason);
      if (owner.ownerId !== actor.id && owner.ownerId !== record.ownerId) {
        await this.notifications.notify(m, [owner.ownerId], {
          kind: `${entityType}.assigned`,
          params: { name: moved.name, by: actor.name, reason: dto.reason ?? '' },
          entityType,
          entityId: id,
        });
      }
      return (await kind.toResponse(actor, moved, m)) as R;
    });
  }

  /**
   * Takes an ownerless record out of its pool: members only (403), at most the pool's claim limit
   * held at once (409 POOL_CLAIM_LIMIT). A record someone holds is 409 for those who may read it
   * and 404 for everybody else.
   */
  claim<R>(actor: AuthUser, entityType: string, id: string): Promise<R> {
    const kind = this.kinds.get(entityType);
    return this.ds.transaction(async (m) => {
      const record = await kind.records.lock(m, null, id);
      if (record.ownerId || !record.poolId) {
        // a record outside any pool exists only for those who may read it
        if (!(await kind.records.visible(m, actor, id))) throw notFound(entityType);
        throw conflict(PoolErrorCode.POOL_NOT_IN_POOL, `The ${entityType} is not in a pool`);
      }
      await kind.assertMovable?.(record, m);
      await this.pools.claim(m, actor, record.poolId, entityType, id);
      const target = { ownerId: actor.id, departmentId: actor.departmentId, poolId: record.poolId, claimed: true };
      return (await kind.toResponse(actor, await this.move(m, kind, actor, 'claim', record, target), m)) as R;
    });
  }

  /** The owner (or someone whose scope covers the record) gives it back to a pool, with a reason. */
  release<R>(actor: AuthUser, entityType: string, id: string, dto: ReleaseToPoolDto): Promise<R> {
    const kind = this.kinds.get(entityType);
    return this.ds.transaction(async (m) => {
      const record = await kind.records.lock(m, actor, id);
      if (!record.ownerId) throw conflict(PoolErrorCode.POOL_NOT_OWNED, `The ${entityType} is already in a pool`);
      await kind.assertMovable?.(record, m);
      // a pool the actor names must be one they can see; the default is where it came from or the nearest
      const pool = await this.pools.resolveReleasePool(m, dto.poolId ?? record.poolId, record.departmentId, dto.poolId ? actor : undefined);
      const target = { ownerId: null, departmentId: pool.departmentId ?? record.departmentId, poolId: pool.id, claimed: false };
      return (await kind.toResponse(actor, await this.move(m, kind, actor, 'release', record, target, dto.reason), m)) as R;
    });
  }

  private async move<T extends OwnershipRow>(
    m: EntityManager,
    kind: PooledKind<T>,
    actor: AuthUser,
    action: 'assign' | 'claim' | 'release',
    record: T,
    to: OwnershipTarget,
    reason?: string,
  ): Promise<T> {
    const { entityType } = kind.records.opts;
    const before = { ownerId: record.ownerId, departmentId: record.departmentId, poolId: record.poolId };
    const moved = await kind.records.move(m, record.id, to);
    await this.audit.record(m, actor, action, entityType, record.id, ownershipChanges(before, moved, reason));
    // a claim starts in PoolsService.claim; any other move ends the holder's claim on the record
    if (action !== 'claim') await this.pools.endClaim(m, entityType, [record.id]);
    await kind.afterMove(m, [{ record: moved, fromOwnerId: before.ownerId }]);
    return moved;
  }
}
