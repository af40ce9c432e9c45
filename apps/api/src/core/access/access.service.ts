import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  mergeGrants,
  PermissionGrant,
  SPECIAL_PERMISSIONS,
  SpecialPermission,
} from '@keyuan/shared';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import { SCOPE_DEPARTMENTS } from './data-scope';
import { PermissionCatalog } from './permission-catalog';

interface Row {
  id: string;
  email: string;
  name: string;
  department_id: string | null;
  must_change_password: boolean;
  path: string | null;
  scope_departments: string[];
  roles: { key: string; permissions: PermissionGrant[]; special: string[] }[];
}

/** The login an access token belongs to: its refresh token family and the user's token version when issued. */
export interface SessionClaims {
  sessionId: string;
  tokenVersion: number;
}

/** Resolves a user id to the AuthUser that guards and services use; inactive or deleted users get null. */
@Injectable()
export class AccessService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly catalog: PermissionCatalog,
  ) {}

  /**
   * With `session` (a bearer token), also null when that login has ended: its refresh token family was
   * revoked (logout, reuse) or the user's token version moved on (password reset, deactivation, role change).
   * One query per request, on every instance alike.
   */
  async loadAuthUser(userId: string, session?: SessionClaims): Promise<AuthUser | null> {
    const rows: Row[] = await this.ds.query(
      `SELECT u.id, u.email, u.name, u.department_id, u.must_change_password, d.path, ${SCOPE_DEPARTMENTS},
              coalesce(json_agg(json_build_object('key', r.key, 'permissions', r.permissions, 'special', r.special_permissions))
                FILTER (WHERE r.id IS NOT NULL), '[]') AS roles
         FROM users u
         LEFT JOIN departments d ON d.id = u.department_id AND d.deleted_at IS NULL
         LEFT JOIN user_roles ur ON ur.user_id = u.id
         LEFT JOIN roles r ON r.id = ur.role_id AND r.deleted_at IS NULL
        WHERE u.id = $1 AND u.active AND u.deleted_at IS NULL
          AND ($2::int IS NULL OR u.token_version = $2)
          AND ($3::uuid IS NULL OR EXISTS (SELECT 1 FROM refresh_tokens rt WHERE rt.family_id = $3 AND rt.user_id = u.id AND rt.revoked_at IS NULL))
        GROUP BY u.id, d.path`,
      [userId, session?.tokenVersion ?? null, session?.sessionId ?? null],
    );
    const row = rows[0];
    if (!row) return null;
    const special = new Set<SpecialPermission>();
    for (const r of row.roles) {
      for (const s of r.special ?? []) {
        if ((SPECIAL_PERMISSIONS as readonly string[]).includes(s)) special.add(s as SpecialPermission);
      }
    }
    return {
      id: row.id,
      email: row.email,
      name: row.name,
      departmentId: row.department_id,
      departmentPath: row.path,
      scopeDepartmentIds: row.scope_departments,
      roleKeys: row.roles.map((r) => r.key),
      // the admin role always has everything, also on custom modules defined after it was stored
      grants: mergeGrants([
        ...row.roles.map((r) => r.permissions ?? []),
        ...(row.roles.some((r) => r.key === 'admin') ? [await this.catalog.adminGrants()] : []),
      ]),
      special: [...special],
      mustChangePassword: row.must_change_password === true,
    };
  }
}
