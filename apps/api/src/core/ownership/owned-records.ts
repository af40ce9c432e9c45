import type { PermissionModule } from '@keyuan/shared';
import { DataSource, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { applyDataScope } from '../access/data-scope';
import type { AuthUser } from '../auth/auth-user';
import { notFound } from '../http/domain-error';

/** The ownership columns every pooled table carries (snake_case in SQL). */
export interface OwnershipRow {
  id: string;
  ownerId: string | null;
  departmentId: string | null;
  poolId: string | null;
  name: string;
}

/**
 * Where a record goes: the new holder, department and pool. `claimed_at` becomes now whenever the record
 * gets a holder (claim or assignment: the follow-up clock of the nightly return restarts) and is cleared
 * when it goes back to a pool.
 */
export interface OwnershipTarget {
  ownerId: string | null;
  departmentId: string | null;
  poolId: string | null;
  claimed: boolean;
}

/** A record that changed hands in the nightly return. */
export interface ReturnedRow {
  id: string;
  name: string;
  fromOwnerId: string;
  fromDepartmentId: string | null;
  departmentId: string | null;
}

export interface OwnedRecordsOptions {
  /** Audit entity type and pool_claims entity type, e.g. `lead`. */
  entityType: string;
  /** Module whose grant decides the data scope. */
  module: PermissionModule;
  /** Query alias, e.g. `l`. */
  alias: string;
  /** Extra SQL condition on `t` (the table) a record must meet to go back to its pool, e.g. `t.status <> 'converted'`. */
  returnableWhere?: string;
}

/**
 * The ownership SQL of one pooled table, written once and parameterised by the owning module's
 * entity: the module constructs it and hands it to the pools module when it registers its kind, so
 * the pools module never names another module's table. Every pooled table has `owner_id`,
 * `department_id`, `pool_id`, `claimed_at`, `last_activity_at`, `name` and the base record columns.
 */
export class OwnedRecords<T extends ObjectLiteral & OwnershipRow> {
  constructor(
    private readonly ds: DataSource,
    private readonly target: EntityTarget<T>,
    readonly opts: OwnedRecordsOptions,
  ) {}

  private get table(): string {
    return `"${this.ds.getMetadata(this.target).tableName}"`;
  }

  /**
   * Locks the record for an ownership move. With an actor the data scope applies (404 outside);
   * `null` reads any live record (claims: a pooled record is outside everybody's scope).
   */
  async lock(m: EntityManager, actor: AuthUser | null, id: string): Promise<T> {
    const a = this.opts.alias;
    const qb = m.getRepository(this.target).createQueryBuilder(a).where(`${a}.id = :__id`, { __id: id }).setLock('pessimistic_write');
    if (actor) applyDataScope(qb, actor, this.opts.module, { owner: `${a}.owner_id`, department: `${a}.department_id` });
    const row = await qb.getOne();
    if (!row) throw notFound(this.opts.entityType);
    return row;
  }

  /** Whether the actor's data scope covers the record (a claimer may learn about records it could read anyway). */
  async visible(m: EntityManager, actor: AuthUser, id: string): Promise<boolean> {
    const a = this.opts.alias;
    const qb = m.getRepository(this.target).createQueryBuilder(a).where(`${a}.id = :__id`, { __id: id });
    return (await applyDataScope(qb, actor, this.opts.module, { owner: `${a}.owner_id`, department: `${a}.department_id` }).getCount()) > 0;
  }

  /** Moves one locked record; bumps `version` and `updated_at` like any other change. */
  async move(m: EntityManager, id: string, to: OwnershipTarget): Promise<T> {
    await m.query(
      `UPDATE ${this.table} SET owner_id = $2, department_id = $3, pool_id = $4,
              claimed_at = CASE WHEN $5 OR $2::uuid IS NOT NULL THEN now() ELSE NULL END, version = version + 1, updated_at = now()
        WHERE id = $1`,
      [id, to.ownerId, to.departmentId, to.poolId, to.claimed],
    );
    return (await this.byIds(m, [id]))[0];
  }

  /**
   * The nightly return of one pool in ONE statement: owned records of the pool with no activity (or
   * claim, or creation) since `cutoff` lose their owner, take the pool's department (when it has
   * one) and a new version; the old owner comes back for the audit and the notifications.
   */
  async returnStale(m: EntityManager, poolId: string, poolDepartmentId: string | null, cutoff: Date): Promise<ReturnedRow[]> {
    const extra = this.opts.returnableWhere ? `AND ${this.opts.returnableWhere}` : '';
    const [rows]: [{ id: string; name: string; from_owner: string; from_department: string | null; department_id: string | null }[], number] =
      await m.query(
        `UPDATE ${this.table} r SET owner_id = NULL, claimed_at = NULL, department_id = coalesce($3::uuid, r.department_id),
                version = r.version + 1, updated_at = now()
           FROM (SELECT t.id, t.owner_id, t.department_id FROM ${this.table} t
                  WHERE t.pool_id = $1 AND t.owner_id IS NOT NULL AND t.deleted_at IS NULL
                    AND coalesce(greatest(t.last_activity_at, t.claimed_at), t.created_at) < $2 ${extra}
                  ORDER BY t.id FOR UPDATE) old
          WHERE r.id = old.id
          RETURNING r.id, r.name, old.owner_id AS from_owner, old.department_id AS from_department, r.department_id`,
        [poolId, cutoff, poolDepartmentId],
      );
    return rows.map((r) => ({ id: r.id, name: r.name, fromOwnerId: r.from_owner, fromDepartmentId: r.from_department, departmentId: r.department_id }));
  }

  /** Ownerless live records waiting in the pool. */
  async countInPool(m: EntityManager, poolId: string): Promise<number> {
    const [{ n }]: { n: number }[] = await m.query(
      `SELECT count(*)::int AS n FROM ${this.table} WHERE pool_id = $1 AND owner_id IS NULL AND deleted_at IS NULL`,
      [poolId],
    );
    return n;
  }

  /** Records by id (no scope: callers decided access), for hooks after a bulk move. */
  byIds(m: EntityManager, ids: string[]): Promise<T[]> {
    if (!ids.length) return Promise.resolve([]);
    return m.getRepository(this.target).createQueryBuilder(this.opts.alias).where(`${this.opts.alias}.id = ANY(:ids)`, { ids }).getMany();
  }
}
