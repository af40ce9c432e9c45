import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { grantsCover, PERMISSION_ACTIONS, PermissionGrant } from '@keyuan/shared';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '@core/audit/audit.service';
import type { AuthUser } from '@core/auth/auth-user';
import { RecordStore } from '@core/crud/record-store';
import { badRequest, conflict, DomainError } from '@core/http/domain-error';
import { ListSpec, Page } from '@core/http/keyset';
import { Role } from './role.entity';
import { BUILT_IN_ROLES } from './built-in-roles';
import { CreateRoleDto, QueryRolesDto, RoleResponse, UpdateRoleDto } from './dto/role.dto';
import { RoleErrorCode } from './roles.errors';

export const toRoleResponse = (r: Role, userCount = 0): RoleResponse => ({
  id: r.id,
  key: r.key,
  name: r.name,
  description: r.description,
  builtIn: r.builtIn,
  permissions: r.permissions,
  specialPermissions: r.specialPermissions,
  userCount,
  version: r.version,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
});

const LIST_SPEC: ListSpec = {
  idColumn: 'r.id',
  defaultSort: 'name',
  sortable: {
    name: { column: 'r.name', value: (r: Role) => r.name },
    createdAt: { column: 'r.created_at', value: (r: Role) => r.createdAt },
  },
  search: ['r.name', 'r.key'],
};

/** One grant per module, actions in canonical order, empty grants dropped. */
function normalizeGrants(grants: PermissionGrant[]): PermissionGrant[] {
  const seen = new Set<string>();
  const out: PermissionGrant[] = [];
  for (const [i, grant] of grants.entries()) {
    if (seen.has(grant.module)) {
      throw badRequest(RoleErrorCode.ROLE_DUPLICATE_MODULE, `permissions[${i}].module`, `module ${grant.module} is listed twice`);
    }
    seen.add(grant.module);
    const actions = PERMISSION_ACTIONS.filter((a) => grant.actions.includes(a));
    if (actions.length) out.push({ module: grant.module, actions, scope: grant.scope });
  }
  return out;
}

@Injectable()
export class RolesService {
  private readonly store: RecordStore<Role>;

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    audit: AuditService,
  ) {
    this.store = new RecordStore(ds, audit, Role, { entityType: 'role', module: 'roles', alias: 'r' });
    audit.registerNames('role', (_reader, ids, m) => this.namesByIds(ids, m));
  }

  /** Names of roles by id (deleted ones too: a history names the role a user had). */
  async namesByIds(ids: string[], m: EntityManager = this.ds.manager): Promise<Map<string, string>> {
    const unique = [...new Set(ids.filter(Boolean))];
    if (!unique.length) return new Map();
    const rows: { id: string; name: string }[] = await m.query(`SELECT id, name FROM roles WHERE id = ANY($1)`, [unique]);
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  async list(actor: AuthUser, query: QueryRolesDto): Promise<Page<RoleResponse>> {
    const page = await this.store.list(actor, query, LIST_SPEC);
    const counts = await this.userCounts(page.data.map((r) => r.id));
    return { ...page, data: page.data.map((r) => toRoleResponse(r, counts.get(r.id))) };
  }

  async get(actor: AuthUser, id: string): Promise<RoleResponse> {
    const role = await this.store.get(actor, id);
    return toRoleResponse(role, (await this.userCounts([id])).get(id));
  }

  /** A role may grant only what its author holds (no self-made admin roles). */
  private assertWithinOwn(actor: AuthUser, permissions: PermissionGrant[], special: string[]): void {
    if (!grantsCover(actor.grants, actor.special, permissions, special)) {
      throw new DomainError(RoleErrorCode.ROLE_BEYOND_OWN_ACCESS, HttpStatus.FORBIDDEN, 'A role cannot grant more access than you have', [
        { field: 'permissions', message: 'grants more than you hold' },
      ]);
    }
  }

  async create(actor: AuthUser, dto: CreateRoleDto): Promise<RoleResponse> {
    this.assertWithinOwn(actor, dto.permissions, dto.specialPermissions ?? []);
    return this.ds.transaction(async (m) => {
      await this.assertKeyFree(m, dto.key);
      const role = await this.store.create(
        actor,
        {
          key: dto.key,
          name: dto.name,
          description: dto.description ?? null,
          builtIn: false,
          permissions: normalizeGrants(dto.permissions),
          specialPermissions: [...new Set(dto.specialPermissions ?? [])],
        },
        m,
      );
      return toRoleResponse(role);
    });
  }

  async update(actor: AuthUser, id: string, dto: UpdateRoleDto, ifMatch?: number): Promise<RoleResponse> {
    const { version, ...fields } = dto;
    const role = await this.store.update(actor, id, ifMatch ?? version, (r) => {
      if (r.key === 'admin' && (fields.permissions !== undefined || fields.specialPermissions !== undefined)) {
        throw conflict(RoleErrorCode.ROLE_BUILT_IN, 'The admin role always has every permission');
      }
      this.assertWithinOwn(actor, fields.permissions ?? r.permissions, fields.specialPermissions ?? r.specialPermissions);
      if (fields.name !== undefined) r.name = fields.name;
      if (fields.description !== undefined) r.description = fields.description;
      if (fields.permissions !== undefined) r.permissions = normalizeGrants(fields.permissions);
      if (fields.specialPermissions !== undefined) r.specialPermissions = [...new Set(fields.specialPermissions)];
    });
    return toRoleResponse(role, (await this.userCounts([id])).get(id));
  }

  async remove(actor: AuthUser, id: string, ifMatch?: number): Promise<void> {
    await this.store.softDelete(actor, id, ifMatch, async (r, m) => {
      if (r.builtIn) throw conflict(RoleErrorCode.ROLE_BUILT_IN, 'Built-in roles cannot be deleted');
      const [{ n }] = await m.query(`SELECT count(*)::int AS n FROM user_roles WHERE role_id = $1`, [r.id]);
      if (n > 0) throw conflict(RoleErrorCode.ROLE_IN_USE, `${n} users still hold this role; take it from them first`);
    });
  }

  async restore(actor: AuthUser, id: string): Promise<RoleResponse> {
    return toRoleResponse(await this.store.restore(actor, id));
  }

  /** Key and name of every live role, built-in and custom, by name: what sharing and audience pickers list (no grants). */
  async options(): Promise<{ id: string; name: string }[]> {
    const rows: { key: string; name: string }[] = await this.ds.query(`SELECT key, name FROM roles WHERE deleted_at IS NULL ORDER BY name, key`);
    return rows.map((r) => ({ id: r.key, name: r.name }));
  }

  /** Id, key and name of live roles by id, ordered by key (the roles a user holds, for `GET /auth/me`). */
  async summaries(ids: string[]): Promise<{ id: string; key: string; name: string }[]> {
    if (!ids.length) return [];
    return this.ds.query(`SELECT id, key, name FROM roles WHERE id = ANY($1) AND deleted_at IS NULL ORDER BY key`, [ids]);
  }

  /** Creates missing built-in roles; existing ones keep their edits, except admin which always gets everything. */
  async ensureBuiltInRoles(m: EntityManager = this.ds.manager): Promise<void> {
    for (const def of BUILT_IN_ROLES) {
      await m.query(
        `INSERT INTO roles (key, name, description, built_in, permissions, special_permissions)
         SELECT $1::varchar, $2::varchar, $3::text, true, $4::jsonb, $5::text[]
          WHERE NOT EXISTS (SELECT 1 FROM roles WHERE key = $1::varchar AND deleted_at IS NULL)`,
        [def.key, def.name, def.description, JSON.stringify(def.permissions), def.specialPermissions],
      );
    }
    const admin = BUILT_IN_ROLES.find((r) => r.key === 'admin')!;
    await m.query(
      `UPDATE roles SET permissions = $1::jsonb, special_permissions = $2::text[], version = version + 1, updated_at = now()
        WHERE key = 'admin' AND deleted_at IS NULL AND (permissions <> $1::jsonb OR special_permissions <> $2::text[])`,
      [JSON.stringify(admin.permissions), admin.specialPermissions],
    );
  }

  private async assertKeyFree(m: EntityManager, key: string): Promise<void> {
    const rows: unknown[] = await m.query(`SELECT 1 FROM roles WHERE key = $1 AND deleted_at IS NULL`, [key]);
    if (rows.length) throw conflict(RoleErrorCode.ROLE_KEY_TAKEN, 'A role with this key exists', [{ field: 'key', message: 'already exists' }]);
  }

  private async userCounts(ids: string[]): Promise<Map<string, number>> {
    if (!ids.length) return new Map();
    const rows: { role_id: string; n: number }[] = await this.ds.query(
      `SELECT ur.role_id, count(*)::int AS n FROM user_roles ur JOIN users u ON u.id = ur.user_id AND u.deleted_at IS NULL
        WHERE ur.role_id = ANY($1) GROUP BY ur.role_id`,
      [ids],
    );
    return new Map(rows.map((r) => [r.role_id, r.n]));
  }
}
