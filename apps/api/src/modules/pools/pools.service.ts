import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { AuditService } from '@core/audit/audit.service';
import { AuthUser, scopeOf } from '@core/auth/auth-user';
import { RecordStore } from '@core/crud/record-store';
import { badRequest, conflict, DomainError, notFound } from '@core/http/domain-error';
import { ListSpec, Page } from '@core/http/keyset';
import { HttpStatus } from '@nestjs/common';
import { Pool } from './pool.entity';
import { CreatePoolDto, PoolResponse, QueryPoolsDto, UpdatePoolDto } from './dto/pool.dto';
import { PooledKindsService } from './pooled-kinds.service';
import { PoolErrorCode } from './pools.errors';

const LIST_SPEC: ListSpec = {
  idColumn: 'p.id',
  defaultSort: 'name',
  sortable: {
    name: { column: 'p.name', value: (p: Pool) => p.name },
    createdAt: { column: 'p.created_at', value: (p: Pool) => p.createdAt },
  },
  search: ['p.name'],
  filters: { departmentId: 'p.department_id' },
};

/**
 * Pools (公海): the pools themselves, membership and claim limits. The records stay in their modules,
 * which register a PooledKind; moves of records are PoolOwnershipService and PoolReturnService.
 */
@Injectable()
export class PoolsService {
  private readonly store: RecordStore<Pool>;

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    audit: AuditService,
    private readonly kinds: PooledKindsService,
  ) {
    this.store = new RecordStore(ds, audit, Pool, { entityType: 'pool', module: 'pools', alias: 'p' });
    audit.registerNames('pool', (reader, ids, m) => this.visibleNames(reader, ids, m));
  }

  /** Pools the user may see: all, the department subtree's pools and their own memberships, or memberships only. */
  visible(actor: AuthUser, qb: SelectQueryBuilder<Pool>): SelectQueryBuilder<Pool> {
    const scope = scopeOf(actor, 'pools');
    if (scope === 'all') return qb;
    const member = `EXISTS (SELECT 1 FROM pool_members pm WHERE pm.pool_id = p.id AND pm.user_id = :__poolUser)`;
    if (scope === 'department' && actor.departmentPath) {
      return qb.andWhere(
        `(${member} OR p.department_id IN (SELECT sd.id FROM departments sd WHERE sd.path LIKE :__poolPath))`,
        { __poolUser: actor.id, __poolPath: `${actor.departmentPath}%` },
      );
    }
    return qb.andWhere(member, { __poolUser: actor.id });
  }

  async list(actor: AuthUser, query: QueryPoolsDto): Promise<Page<PoolResponse>> {
    const page = await this.store.list(actor, query, LIST_SPEC, this.visible(actor, this.store.query(actor)));
    return { ...page, data: await this.toResponses(actor, page.data) };
  }

  async get(actor: AuthUser, id: string): Promise<PoolResponse> {
    const pool = await this.visible(actor, this.store.query(actor)).andWhere('p.id = :id', { id }).getOne();
    if (!pool) throw notFound('pool');
    return (await this.toResponses(actor, [pool]))[0];
  }

  /** A pool's department must lie inside the actor's pool scope (all: any, department: their subtree). */
  private async assertDepartmentInScope(m: EntityManager, actor: AuthUser, departmentId: string | null | undefined): Promise<void> {
    const scope = scopeOf(actor, 'pools');
    if (scope === 'all') return;
    const rows: { path: string }[] = departmentId ? await m.query(`SELECT path FROM departments WHERE id = $1`, [departmentId]) : [];
    if (scope === 'department' && actor.departmentPath && rows[0]?.path.startsWith(actor.departmentPath)) return;
    throw new DomainError(PoolErrorCode.POOL_OUT_OF_SCOPE, HttpStatus.FORBIDDEN, 'The pool must belong to a department inside your scope', [
      { field: 'departmentId', message: 'outside your scope' },
    ]);
  }

  /** Pools change only through someone who can see them (404 otherwise, as for reads). */
  private async assertVisible(actor: AuthUser, id: string, m: EntityManager): Promise<void> {
    const found = await this.visible(actor, this.store.query(actor, m)).andWhere('p.id = :id', { id }).getOne();
    if (!found) throw notFound('pool');
  }

  async create(actor: AuthUser, dto: CreatePoolDto): Promise<PoolResponse> {
    return this.ds.transaction(async (m) => {
      await this.assertDepartmentInScope(m, actor, dto.departmentId);
      await this.assertNameFree(m, dto.name);
      const pool = await this.store.create(
        actor,
        {
          name: dto.name,
          description: dto.description ?? null,
          departmentId: dto.departmentId ?? null,
          claimLimit: dto.claimLimit,
          returnAfterDays: dto.returnAfterDays ?? null,
        },
        m,
      );
      await this.setMembers(m, pool.id, dto.memberIds ?? []);
      return (await this.toResponses(actor, [pool], m))[0];
    });
  }

  async update(actor: AuthUser, id: string, dto: UpdatePoolDto, ifMatch?: number): Promise<PoolResponse> {
    const { version, memberIds, ...fields } = dto;
    return this.ds.transaction(async (m) => {
      await this.assertVisible(actor, id, m);
      if (fields.departmentId !== undefined) await this.assertDepartmentInScope(m, actor, fields.departmentId);
      const pool = await this.store.update(actor, id, ifMatch ?? version, async (p) => {
        if (fields.name !== undefined && fields.name.toLowerCase() !== p.name.toLowerCase()) await this.assertNameFree(m, fields.name);
        Object.assign(p, fields);
        if (memberIds !== undefined) {
          const before = await this.memberIdsOf(m, p.id);
          const next = [...new Set(memberIds)];
          if (JSON.stringify([...before].sort()) !== JSON.stringify([...next].sort())) {
            await this.setMembers(m, p.id, next);
            return [{ field: 'memberIds', old: before, new: next }];
          }
        }
      }, m);
      return (await this.toResponses(actor, [pool], m))[0];
    });
  }

  async remove(actor: AuthUser, id: string, ifMatch?: number): Promise<void> {
    await this.store.softDelete(actor, id, ifMatch, async (p, m) => {
      await this.assertVisible(actor, p.id, m);
      let n = 0;
      for (const kind of this.kinds.all()) n += await kind.records.countInPool(m, p.id);
      if (n > 0) throw conflict(PoolErrorCode.POOL_NOT_EMPTY, `The pool still holds ${n} records; move them first`);
    });
  }

  /** The pool a record may be released to: the given one, else the nearest pool of the department or its parents. */
  async resolveReleasePool(
    manager: EntityManager,
    poolId: string | null | undefined,
    departmentId: string | null,
    actor?: AuthUser,
  ): Promise<Pool> {
    if (poolId) {
      // a pool the actor cannot see is as good as unknown: nobody releases into someone else's pool
      const qb = manager.getRepository(Pool).createQueryBuilder('p').where('p.id = :poolId', { poolId });
      const pool = await (actor ? this.visible(actor, qb) : qb).getOne();
      if (!pool) throw badRequest(PoolErrorCode.POOL_UNKNOWN, 'poolId', 'poolId does not exist or is not yours to use');
      return pool;
    }
    const rows: { id: string }[] = departmentId
      ? await manager.query(
          `SELECT p.id FROM pools p JOIN departments d ON d.id = p.department_id, departments mine
            WHERE mine.id = $1 AND mine.path LIKE d.path || '%' AND p.deleted_at IS NULL
            ORDER BY length(d.path) DESC, p.created_at LIMIT 1`,
          [departmentId],
        )
      : [];
    const fallback: { id: string }[] = rows.length
      ? rows
      : await manager.query(`SELECT id FROM pools WHERE deleted_at IS NULL AND department_id IS NULL ORDER BY created_at LIMIT 1`);
    if (!fallback.length) {
      throw badRequest(PoolErrorCode.POOL_NONE_FOR_RELEASE, 'poolId', 'No pool covers this department; choose a poolId');
    }
    return (await manager.getRepository(Pool).findOne({ where: { id: fallback[0].id } }))!;
  }

  /**
   * Records the actor's claim of a pooled record: members only (or pool scope `all`), and at most
   * `claimLimit` records held from the pool at once (409 POOL_CLAIM_LIMIT with `limit` and `held`).
   * A transaction lock per pool and user serialises one user's parallel claims, so they never
   * overshoot the limit; other users' claims in the same pool do not wait for it.
   */
  async claim(manager: EntityManager, actor: AuthUser, poolId: string, entityType: string, entityId: string): Promise<void> {
    const [pool]: { id: string; claim_limit: number; name: string }[] = await manager.query(
      `SELECT id, claim_limit, name FROM pools WHERE id = $1 AND deleted_at IS NULL FOR SHARE`,
      [poolId],
    );
    if (!pool) throw conflict(PoolErrorCode.POOL_NOT_IN_POOL, 'The record is not in an active pool');
    if (scopeOf(actor, 'pools') !== 'all') {
      const member: unknown[] = await manager.query(`SELECT 1 FROM pool_members WHERE pool_id = $1 AND user_id = $2`, [poolId, actor.id]);
      if (!member.length) throw new DomainError(PoolErrorCode.POOL_NOT_MEMBER, HttpStatus.FORBIDDEN, `You are not a member of the pool ${pool.name}`);
    }
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('pool-claim'), hashtext($1 || ':' || $2))`, [poolId, actor.id]);
    const [{ n }] = await manager.query(`SELECT count(*)::int AS n FROM pool_claims WHERE pool_id = $1 AND user_id = $2`, [poolId, actor.id]);
    if (n >= pool.claim_limit) {
      throw conflict(PoolErrorCode.POOL_CLAIM_LIMIT, `You already hold ${n} of ${pool.claim_limit} records allowed from ${pool.name}`, undefined, {
        limit: pool.claim_limit,
        held: n,
      });
    }
    await manager.query(
      `INSERT INTO pool_claims (entity_type, entity_id, pool_id, user_id) VALUES ($1, $2, $3, $4)
       ON CONFLICT (entity_type, entity_id) DO UPDATE SET pool_id = EXCLUDED.pool_id, user_id = EXCLUDED.user_id, claimed_at = now()`,
      [entityType, entityId, poolId, actor.id],
    );
  }

  /** The record left its claimer (released, returned, reassigned or converted). */
  async endClaim(manager: EntityManager, entityType: string, entityIds: string[]): Promise<void> {
    if (entityIds.length) {
      await manager.query(`DELETE FROM pool_claims WHERE entity_type = $1 AND entity_id = ANY($2)`, [entityType, entityIds]);
    }
  }

  /** Pools with a member check for the actor, used by modules listing a pool's records. */
  async assertCanBrowse(actor: AuthUser, poolId: string): Promise<Pool> {
    const pool = await this.visible(actor, this.store.query(actor)).andWhere('p.id = :id', { id: poolId }).getOne();
    if (!pool) throw notFound('pool');
    return pool;
  }

  /** Ids of the pools whose waiting records the actor may read before claiming them (the pools they can browse). */
  async browsableIds(actor: AuthUser, m: EntityManager = this.ds.manager): Promise<string[]> {
    const rows = await this.visible(actor, this.store.query(actor, m)).select('p.id', 'id').getRawMany<{ id: string }>();
    return rows.map((r) => r.id);
  }

  /** Names of the pools among `ids` the actor can see (others are left out: their names are not theirs to read). */
  async visibleNames(actor: AuthUser, ids: string[], m: EntityManager = this.ds.manager): Promise<Map<string, string>> {
    const unique = [...new Set(ids.filter(Boolean))];
    if (!unique.length) return new Map();
    const rows = await this.visible(actor, this.store.query(actor, m))
      .select('p.id', 'id')
      .addSelect('p.name', 'name')
      .andWhere('p.id IN (:...ids)', { ids: unique })
      .getRawMany<{ id: string; name: string }>();
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  /** Pools with a return rule: all of them, or those the actor can see. */
  withReturnRule(actor?: AuthUser): Promise<Pool[]> {
    const qb = this.store.query(null).andWhere('p.return_after_days IS NOT NULL').orderBy('p.created_at');
    return (actor ? this.visible(actor, qb) : qb).getMany();
  }

  /** The pool of that name, created with these settings and members when missing (demo data). */
  async ensure(
    m: EntityManager,
    values: Pick<Pool, 'name' | 'description' | 'departmentId' | 'claimLimit' | 'returnAfterDays'>,
    memberIds: string[],
  ): Promise<string> {
    const found: { id: string }[] = await m.query(`SELECT id FROM pools WHERE lower(name) = lower($1) AND deleted_at IS NULL`, [values.name]);
    if (found.length) return found[0].id;
    const pool = await this.store.create(null, values, m);
    await this.setMembers(m, pool.id, memberIds);
    return pool.id;
  }

  private async toResponses(actor: AuthUser, pools: Pool[], m: EntityManager = this.ds.manager): Promise<PoolResponse[]> {
    if (!pools.length) return [];
    const ids = pools.map((p) => p.id);
    const members: { pool_id: string; user_id: string }[] = await m.query(
      `SELECT pool_id, user_id FROM pool_members WHERE pool_id = ANY($1)`,
      [ids],
    );
    const claims: { pool_id: string; n: number }[] = await m.query(
      `SELECT pool_id, count(*)::int AS n FROM pool_claims WHERE pool_id = ANY($1) AND user_id = $2 GROUP BY pool_id`,
      [ids, actor.id],
    );
    return pools.map((p) => ({
      id: p.id,
      name: p.name,
      description: p.description,
      departmentId: p.departmentId,
      claimLimit: p.claimLimit,
      returnAfterDays: p.returnAfterDays,
      memberIds: members.filter((x) => x.pool_id === p.id).map((x) => x.user_id),
      myClaims: claims.find((c) => c.pool_id === p.id)?.n ?? 0,
      version: p.version,
      createdAt: p.createdAt,
      updatedAt: p.updatedAt,
    }));
  }

  private async memberIdsOf(m: EntityManager, poolId: string): Promise<string[]> {
    const rows: { user_id: string }[] = await m.query(`SELECT user_id FROM pool_members WHERE pool_id = $1`, [poolId]);
    return rows.map((r) => r.user_id);
  }

  private async setMembers(m: EntityManager, poolId: string, userIds: string[]): Promise<void> {
    const unique = [...new Set(userIds)];
    if (unique.length) {
      const found: { id: string }[] = await m.query(`SELECT id FROM users WHERE id = ANY($1) AND deleted_at IS NULL`, [unique]);
      if (found.length !== unique.length) throw badRequest('POOL_UNKNOWN_MEMBER', 'memberIds', 'memberIds contains an unknown user');
    }
    await m.query(`DELETE FROM pool_members WHERE pool_id = $1`, [poolId]);
    if (unique.length) await m.query(`INSERT INTO pool_members (pool_id, user_id) SELECT $1, unnest($2::uuid[])`, [poolId, unique]);
  }

  private async assertNameFree(m: EntityManager, name: string): Promise<void> {
    const rows: unknown[] = await m.query(`SELECT 1 FROM pools WHERE lower(name) = lower($1) AND deleted_at IS NULL`, [name]);
    if (rows.length) throw conflict(PoolErrorCode.POOL_NAME_TAKEN, 'A pool with this name exists', [{ field: 'name', message: 'already exists' }]);
  }
}
