import { RecordRefs } from '@core/records/record-refs';
import { HttpStatus, Injectable } from '@nestjs/common';
import { grantsCover, type PermissionGrant, type PermissionModule } from '@keyuan/shared';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService, FieldChange } from '@core/audit/audit.service';
import { AuthUser, scopeOf } from '@core/auth/auth-user';
import { ownerInScope } from '@core/crud/record-rules';
import { RecordStore } from '@core/crud/record-store';
import { badRequest, conflict, DomainError } from '@core/http/domain-error';
import { escapeLike, ListSpec, Page } from '@core/http/keyset';
import { User } from './user.entity';
import { CreateUserDto, DirectoryEntry, QueryUsersDto, UpdateUserDto, UserResponse, UsersByDepartmentRow } from './dto/user.dto';
import { UserErrorCode } from './users.errors';
import { hashPassword } from './password';
import { UserSessionsService } from './user-sessions.service';

export function toUserResponse(u: User): UserResponse {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    phone: u.phone,
    departmentId: u.departmentId,
    roleIds: u.roleIds ?? [],
    active: u.active,
    locale: u.locale,
    lockedUntil: u.lockedUntil && u.lockedUntil > new Date() ? u.lockedUntil : null,
    lastLoginAt: u.lastLoginAt,
    mustChangePassword: u.mustChangePassword ?? false,
    version: u.version,
    createdAt: u.createdAt,
    updatedAt: u.updatedAt,
  };
}

const LIST_SPEC: ListSpec = {
  idColumn: 'u.id',
  defaultSort: '-createdAt',
  sortable: {
    createdAt: { column: 'u.created_at', value: (u: User) => u.createdAt },
    name: { column: 'u.name', value: (u: User) => u.name },
    email: { column: 'u.email', value: (u: User) => u.email },
  },
  search: [`(u.name || ' ' || u.email || ' ' || coalesce(u.phone, ''))`],
  filters: { departmentId: 'u.department_id', active: 'u.active' },
  ranges: { createdAt: 'u.created_at' },
};

/** Staff accounts. A user's own record is its "owned" record for data scope purposes. */
@Injectable()
export class UsersService {
  private readonly store: RecordStore<User>;

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    audit: AuditService,
    private readonly sessions: UserSessionsService,
    refs: RecordRefs,
  ) {
    this.store = new RecordStore(ds, audit, User, {
      entityType: 'user',
      module: 'users',
      alias: 'u',
      scope: { owner: 'u.id', department: 'u.department_id' },
    });
    // people are named in histories as on every record (owner, assignee)
    audit.registerNames('user', (_reader, ids, m) => this.namesByIds(ids, m));
    // `user` custom field values must name an active user (core/custom-fields asks here)
    refs.register('user', { live: async (ids, m) => new Set(await this.activeIds(ids, m)), names: (ids, m) => this.namesByIds(ids, m) });
  }

  async list(actor: AuthUser, query: QueryUsersDto): Promise<Page<UserResponse>> {
    const qb = this.store.query(actor);
    if (query.roleId) {
      qb.andWhere('EXISTS (SELECT 1 FROM user_roles fr WHERE fr.user_id = u.id AND fr.role_id = :roleId)', {
        roleId: query.roleId,
      });
    }
    const page = await this.store.list(actor, query, LIST_SPEC, qb);
    await this.attachRoles(this.ds.manager, page.data);
    return { ...page, data: page.data.map(toUserResponse) };
  }

  /** Active users in the actor's scope counted per department, with its name (null: users without one). */
  async activeByDepartment(actor: AuthUser): Promise<UsersByDepartmentRow[]> {
    const rows: { department_id: string | null; department_name: string | null; count: number }[] = await this.store
      .query(actor)
      .leftJoin('departments', 'd', 'd.id = u.department_id')
      .select('u.department_id', 'department_id')
      .addSelect('d.name', 'department_name')
      .addSelect('count(*)::int', 'count')
      .andWhere('u.active')
      .groupBy('u.department_id')
      .addGroupBy('d.name')
      .orderBy('count', 'DESC')
      .addOrderBy('d.name')
      .getRawMany();
    return rows.map((r) => ({ departmentId: r.department_id, departmentName: r.department_name, count: r.count }));
  }

  async get(actor: AuthUser, id: string): Promise<UserResponse> {
    const user = await this.store.get(actor, id);
    await this.attachRoles(this.ds.manager, [user]);
    return toUserResponse(user);
  }

  async create(actor: AuthUser, dto: CreateUserDto): Promise<UserResponse> {
    const passwordHash = await hashPassword(dto.password);
    return this.ds.transaction(async (m) => {
      await this.assertEmailFree(m, dto.email);
      if (dto.departmentId) await this.assertDepartment(m, actor, dto.departmentId);
      const roleIds = await this.checkRoles(m, dto.roleIds ?? []);
      await this.assertRolesWithinOwn(m, actor, roleIds);
      const user = await this.store.create(
        actor,
        {
          email: dto.email,
          name: dto.name,
          phone: dto.phone ?? null,
          passwordHash,
          departmentId: dto.departmentId ?? null,
          active: dto.active ?? true,
          locale: dto.locale ?? null,
        },
        m,
      );
      await this.setRoles(m, user.id, [], roleIds);
      user.roleIds = roleIds;
      return toUserResponse(user);
    });
  }

  async update(actor: AuthUser, id: string, dto: UpdateUserDto, ifMatch?: number): Promise<UserResponse> {
    const { version, roleIds, ...fields } = dto;
    return this.ds.transaction(async (m) => {
      let roleChanges: FieldChange[] = [];
      const user = await this.store.update(
        actor,
        id,
        ifMatch ?? version,
        async (u) => {
          await this.assertCanManage(m, actor, u.id);
          if (fields.email !== undefined && fields.email !== u.email) await this.assertEmailFree(m, fields.email, u.id);
          if (fields.active === false && u.id === actor.id) {
            throw conflict(UserErrorCode.USER_CANNOT_DEACTIVATE_SELF, 'You cannot deactivate your own account');
          }
          if (u.id === actor.id && fields.departmentId !== undefined && fields.departmentId !== u.departmentId) {
            throw new DomainError(UserErrorCode.USER_BEYOND_OWN_ACCESS, HttpStatus.FORBIDDEN, 'You cannot move yourself to another department');
          }
          if (fields.departmentId && fields.departmentId !== u.departmentId) await this.assertDepartment(m, actor, fields.departmentId);
          // deactivation ends every session at once, for good (re-activation does not revive old tokens)
          if (fields.active === false && u.active) u.tokenVersion += 1;
          Object.assign(u, fields);
          if (roleIds !== undefined) {
            const current = await this.roleIdsOf(m, u.id);
            const next = await this.checkRoles(m, roleIds);
            if (JSON.stringify([...current].sort()) !== JSON.stringify([...next].sort())) {
              if (u.id === actor.id) {
                throw new DomainError(UserErrorCode.USER_BEYOND_OWN_ACCESS, HttpStatus.FORBIDDEN, 'You cannot change your own roles');
              }
              await this.assertRolesWithinOwn(m, actor, next);
              roleChanges = [{ field: 'roleIds', old: current, new: next }];
              await this.setRoles(m, u.id, current, next);
              // the user signs in again with the new roles
              u.tokenVersion += 1;
            }
          }
          return roleChanges;
        },
        m,
      );
      await this.attachRoles(m, [user]);
      return toUserResponse(user);
    });
  }

  /** Active colleagues matching `q`, for user pickers (any signed-in user; names and departments only). */
  async directory(q: string | undefined, limit = 20): Promise<DirectoryEntry[]> {
    const term = q?.trim();
    const rows: { id: string; name: string; department_id: string | null; department_name: string | null }[] = await this.ds.query(
      `SELECT u.id, u.name, u.department_id, d.name AS department_name
         FROM users u LEFT JOIN departments d ON d.id = u.department_id
        WHERE u.active AND u.deleted_at IS NULL AND ($1::text IS NULL OR u.name ILIKE $1 OR u.email ILIKE $1)
        ORDER BY u.name, u.id LIMIT $2`,
      [term ? `%${escapeLike(term)}%` : null, limit],
    );
    return rows.map((r) => ({ id: r.id, name: r.name, departmentId: r.department_id, departmentName: r.department_name }));
  }

  /**
   * Active users in an audience, for modules that address people by group (notices' read receipts):
   * everyone, or members of these departments (sub-departments included) or holders of these role keys.
   */
  async audience(a: { everyone: boolean; departmentIds: string[]; roleKeys: string[] }, m: EntityManager = this.ds.manager): Promise<{ id: string; name: string }[]> {
    return m.query(
      `SELECT u.id, u.name FROM users u LEFT JOIN departments d ON d.id = u.department_id
        WHERE u.active AND u.deleted_at IS NULL
          AND ($1 OR EXISTS (SELECT 1 FROM unnest($2::uuid[]) x WHERE d.path LIKE '%/' || x || '/%')
                  OR EXISTS (SELECT 1 FROM user_roles ur JOIN roles r ON r.id = ur.role_id WHERE ur.user_id = u.id AND r.key = ANY($3)))
        ORDER BY u.name, u.id`,
      [a.everyone, a.departmentIds, a.roleKeys],
    );
  }

  /** Display names of users by id (deleted users included), for response mappers of other modules. */
  async namesByIds(ids: (string | null | undefined)[], m: EntityManager = this.ds.manager): Promise<Map<string, string>> {
    const unique = [...new Set(ids.filter((i): i is string => !!i))];
    if (!unique.length) return new Map();
    const rows: { id: string; name: string }[] = await m.query(`SELECT id, name FROM users WHERE id = ANY($1)`, [unique]);
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  /**
   * The owner a record may be given to: the actor by default, or another active user inside the actor's
   * data scope on `module` (403 OWNER_OUT_OF_SCOPE otherwise). Answers the owner's department too.
   */
  async resolveOwner(
    m: EntityManager,
    actor: AuthUser,
    module: PermissionModule,
    ownerId: string | null | undefined,
  ): Promise<{ ownerId: string; departmentId: string | null }> {
    if (!ownerId || ownerId === actor.id) return { ownerId: actor.id, departmentId: actor.departmentId };
    const departmentId = await this.activeUserDepartment(m, ownerId, 'ownerId');
    const rows: { path: string }[] = departmentId ? await m.query(`SELECT path FROM departments WHERE id = $1`, [departmentId]) : [];
    if (!ownerInScope(actor, scopeOf(actor, module), { id: ownerId, departmentPath: rows[0]?.path ?? null })) {
      throw new DomainError(UserErrorCode.OWNER_OUT_OF_SCOPE, HttpStatus.FORBIDDEN, 'You cannot give records to a user outside your data scope');
    }
    return { ownerId, departmentId };
  }

  /**
   * Active holders of role `roleKey` nearest to `userId` in the department tree: in the user's department
   * if any, else the nearest department above with one; else any holder of the role. Never the user.
   */
  async roleHoldersNear(roleKey: string, userId: string, m: EntityManager = this.ds.manager): Promise<string[]> {
    const rows: { id: string; depth: number | null }[] = await m.query(
      `SELECT h.id, length(d.path) AS depth
         FROM users h
         JOIN user_roles ur ON ur.user_id = h.id
         JOIN roles r ON r.id = ur.role_id AND r.key = $2 AND r.deleted_at IS NULL
         LEFT JOIN departments d ON d.id = h.department_id AND d.deleted_at IS NULL
          AND (SELECT ud.path FROM users u JOIN departments ud ON ud.id = u.department_id WHERE u.id = $1) LIKE d.path || '%'
        WHERE h.active AND h.deleted_at IS NULL AND h.id <> $1`,
      [userId, roleKey],
    );
    const depth = Math.max(-1, ...rows.map((r) => r.depth ?? -1));
    return rows.filter((r) => (r.depth ?? -1) === depth).map((r) => r.id);
  }

  /** Those of `ids` that are active users. */
  async activeIds(ids: string[], m: EntityManager = this.ds.manager): Promise<string[]> {
    if (!ids.length) return [];
    const rows: { id: string }[] = await m.query(`SELECT id FROM users WHERE id = ANY($1) AND active AND deleted_at IS NULL`, [ids]);
    return rows.map((r) => r.id);
  }

  /** The user's department if the user exists and is active; 400 on `field` otherwise. */
  async activeUserDepartment(m: EntityManager, userId: string, field: string): Promise<string | null> {
    const rows: { department_id: string | null }[] = await m.query(
      `SELECT department_id FROM users WHERE id = $1 AND active AND deleted_at IS NULL`,
      [userId],
    );
    if (!rows.length) throw badRequest('UNKNOWN_USER', field, `${field} is not an active user`);
    return rows[0].department_id;
  }

  /** An admin sets a new password (by default one the user must change at the next login) and ends the user's sessions. */
  async resetPassword(actor: AuthUser, id: string, password: string, mustChange = true): Promise<void> {
    const hash = await hashPassword(password);
    await this.ds.transaction(async (m) => {
      await this.store.update(actor, id, undefined, async (u) => {
        await this.assertCanManage(m, actor, u.id);
        u.passwordHash = hash;
        u.failedLoginCount = 0;
        u.lockedUntil = null;
        // a new password ends every session of that user
        u.tokenVersion += 1;
        const changes = [{ field: 'password', old: '***', new: '***' }];
        if (u.mustChangePassword !== mustChange) changes.push({ field: 'mustChangePassword', old: String(u.mustChangePassword), new: String(mustChange) });
        u.mustChangePassword = mustChange;
        return changes;
      }, m);
      await this.sessions.clearLocks(m, id);
    });
  }

  async remove(actor: AuthUser, id: string, ifMatch?: number): Promise<void> {
    if (id === actor.id) throw conflict(UserErrorCode.USER_CANNOT_DEACTIVATE_SELF, 'You cannot delete your own account');
    await this.store.softDelete(actor, id, ifMatch, async (_u, m) => {
      await this.assertCanManage(m, actor, id);
      // its sessions end, and stay ended if the user is restored
      await m.query(`UPDATE users SET token_version = token_version + 1 WHERE id = $1`, [id]);
    });
  }

  async restore(actor: AuthUser, id: string): Promise<UserResponse> {
    const user = await this.store.restore(actor, id);
    await this.attachRoles(this.ds.manager, [user]);
    return toUserResponse(user);
  }

  /** The signed-in user's own record with role ids (no scope: everyone may read themself). */
  async profile(userId: string): Promise<UserResponse> {
    const user = await this.store.get(null, userId);
    await this.attachRoles(this.ds.manager, [user]);
    return toUserResponse(user);
  }

  private async assertEmailFree(m: EntityManager, email: string, exceptId?: string): Promise<void> {
    const rows: unknown[] = await m.query(
      `SELECT 1 FROM users WHERE email = $1 AND deleted_at IS NULL AND ($2::uuid IS NULL OR id <> $2)`,
      [email, exceptId ?? null],
    );
    if (rows.length) {
      throw conflict(UserErrorCode.USER_EMAIL_TAKEN, 'Another user already has this email', [
        { field: 'email', message: 'already exists' },
      ]);
    }
  }

  /** The department exists and lies inside the actor's `users` scope (all: any; department: their subtree). */
  private async assertDepartment(m: EntityManager, actor: AuthUser, departmentId: string): Promise<void> {
    const rows: { path: string }[] = await m.query(`SELECT path FROM departments WHERE id = $1 AND deleted_at IS NULL`, [departmentId]);
    if (!rows.length) throw badRequest(UserErrorCode.USER_UNKNOWN_DEPARTMENT, 'departmentId', 'departmentId does not exist');
    const scope = scopeOf(actor, 'users');
    const inScope = scope === 'all' || (scope === 'department' && !!actor.departmentPath && rows[0].path.startsWith(actor.departmentPath));
    if (!inScope) {
      throw new DomainError(UserErrorCode.USER_BEYOND_OWN_ACCESS, HttpStatus.FORBIDDEN, 'You cannot place users in a department outside your scope');
    }
  }

  /**
   * Nobody grants more than they hold: the roles given (and those the target already has, when
   * managing someone else) must be covered by the actor's own grants and special permissions.
   */
  private async assertRolesWithinOwn(m: EntityManager, actor: AuthUser, roleIds: string[]): Promise<void> {
    if (!roleIds.length) return;
    const rows: { permissions: PermissionGrant[]; special_permissions: string[] }[] = await m.query(
      `SELECT permissions, special_permissions FROM roles WHERE id = ANY($1) AND deleted_at IS NULL`,
      [roleIds],
    );
    for (const r of rows) {
      if (!grantsCover(actor.grants, actor.special, r.permissions, r.special_permissions)) {
        throw new DomainError(UserErrorCode.USER_BEYOND_OWN_ACCESS, HttpStatus.FORBIDDEN, 'You cannot give a role with more access than you have', [
          { field: 'roleIds', message: 'grants more than you hold' },
        ]);
      }
    }
  }

  /** Managing a user (edit, reset password, delete) needs at least the access that user has. */
  private async assertCanManage(m: EntityManager, actor: AuthUser, userId: string): Promise<void> {
    if (userId === actor.id) return;
    await this.assertRolesWithinOwn(m, actor, await this.roleIdsOf(m, userId));
  }

  private async checkRoles(m: EntityManager, roleIds: string[]): Promise<string[]> {
    const unique = [...new Set(roleIds)];
    if (!unique.length) return [];
    const rows: { id: string }[] = await m.query(`SELECT id FROM roles WHERE id = ANY($1) AND deleted_at IS NULL`, [unique]);
    if (rows.length !== unique.length) throw badRequest(UserErrorCode.USER_UNKNOWN_ROLE, 'roleIds', 'roleIds contains an unknown role');
    return unique;
  }

  private async roleIdsOf(m: EntityManager, userId: string): Promise<string[]> {
    const rows: { role_id: string }[] = await m.query(`SELECT role_id FROM user_roles WHERE user_id = $1`, [userId]);
    return rows.map((r) => r.role_id);
  }

  private async setRoles(m: EntityManager, userId: string, current: string[], next: string[]): Promise<void> {
    const remove = current.filter((r) => !next.includes(r));
    const add = next.filter((r) => !current.includes(r));
    if (remove.length) await m.query(`DELETE FROM user_roles WHERE user_id = $1 AND role_id = ANY($2)`, [userId, remove]);
    if (add.length) {
      await m.query(`INSERT INTO user_roles (user_id, role_id) SELECT $1, unnest($2::uuid[]) ON CONFLICT DO NOTHING`, [userId, add]);
    }
  }

  private async attachRoles(m: EntityManager, users: User[]): Promise<void> {
    if (!users.length) return;
    const rows: { user_id: string; role_id: string }[] = await m.query(
      `SELECT ur.user_id, ur.role_id FROM user_roles ur JOIN roles r ON r.id = ur.role_id AND r.deleted_at IS NULL
        WHERE ur.user_id = ANY($1) ORDER BY r.key`,
      [users.map((u) => u.id)],
    );
    for (const u of users) u.roleIds = rows.filter((r) => r.user_id === u.id).map((r) => r.role_id);
  }
}
