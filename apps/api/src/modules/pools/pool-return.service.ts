import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '@core/audit/audit.service';
import type { AuthUser } from '@core/auth/auth-user';
import { JobsService } from '@core/jobs/jobs.service';
import type { ReturnedRow } from '@core/ownership/owned-records';
import { ownershipChanges } from '@core/ownership/ownership-changes';
import type { PooledKind } from '@core/ownership/pooled-kind';
import { NotificationsService } from '@modules/notifications/notifications.service';
import { Pool } from './pool.entity';
import { PooledKindsService } from './pooled-kinds.service';
import { PoolsService } from './pools.service';

export const RETURN_JOB = 'pools.return-stale';
/** Names listed in one return notification; the count says the rest. */
const NAMES_SHOWN = 5;

/**
 * The nightly return (回收): owned records with no follow-up for `returnAfterDays` go back to their
 * pool. Per pool and kind: ONE update statement (version bumped), one audit insert (`return` entries
 * in the ownership shape), the kind's side effects, and one notification per former owner.
 */
@Injectable()
export class PoolReturnService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly kinds: PooledKindsService,
    private readonly pools: PoolsService,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly jobs: JobsService,
  ) {}

  onModuleInit(): void {
    // every night at 02:00 (business time zone)
    this.jobs.register(RETURN_JOB, async () => void (await this.returnStale()), '0 2 * * *');
  }

  /** Runs the return rule of every pool (or of the pools the actor manages) now; answers the counts by entity type. */
  async returnStale(now = new Date(), actor?: AuthUser): Promise<Record<string, number>> {
    const total: Record<string, number> = {};
    for (const pool of await this.pools.withReturnRule(actor)) {
      const cutoff = new Date(now.getTime() - pool.returnAfterDays! * 86400000);
      await this.ds.transaction(async (m) => {
        for (const kind of this.kinds.all()) {
          const n = await this.returnKind(m, kind, pool, cutoff);
          if (n) total[kind.records.opts.entityType] = (total[kind.records.opts.entityType] ?? 0) + n;
        }
      });
    }
    return total;
  }

  private async returnKind(m: EntityManager, kind: PooledKind, pool: Pool, cutoff: Date): Promise<number> {
    const { entityType } = kind.records.opts;
    const rows = await kind.records.returnStale(m, pool.id, pool.departmentId, cutoff);
    if (!rows.length) return 0;
    const ids = rows.map((r) => r.id);
    await this.audit.recordMany(m, null, 'return', entityType, rows.map((r) => ({
      entityId: r.id,
      changes: ownershipChanges(
        { ownerId: r.fromOwnerId, departmentId: r.fromDepartmentId, poolId: pool.id },
        { ownerId: null, departmentId: r.departmentId, poolId: pool.id },
      ),
    })));
    await this.pools.endClaim(m, entityType, ids);
    const from = new Map(rows.map((r) => [r.id, r.fromOwnerId]));
    await kind.afterMove(m, (await kind.records.byIds(m, ids)).map((record) => ({ record, fromOwnerId: from.get(record.id)! })));
    await this.notifyFormerOwners(m, entityType, pool, cutoff, rows);
    return rows.length;
  }

  private async notifyFormerOwners(m: EntityManager, entityType: string, pool: Pool, cutoff: Date, rows: ReturnedRow[]): Promise<void> {
    const byOwner = new Map<string, ReturnedRow[]>();
    for (const r of rows) byOwner.set(r.fromOwnerId, [...(byOwner.get(r.fromOwnerId) ?? []), r]);
    for (const [ownerId, list] of byOwner) {
      await this.notifications.notify(m, [ownerId], {
        kind: 'pool.returned',
        params: {
          entityType,
          count: list.length,
          names: list.slice(0, NAMES_SHOWN).map((r) => r.name),
          pool: pool.name,
          since: cutoff.toISOString().slice(0, 10),
        },
        entityType,
        entityId: list.length === 1 ? list[0].id : undefined,
      });
    }
  }
}
