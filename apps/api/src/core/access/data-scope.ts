import type { DataScope, PermissionModule } from '@keyuan/shared';
import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { AuthUser, scopeOf } from '../auth/auth-user';

export interface ScopeColumns {
  /** Column holding the owning user's id. */
  owner: string;
  /** Column holding the owning department's id; omit when the record has none. */
  department?: string;
  /**
   * A `uuid[]` column of members: the users it lists see the record whatever their scope (a project's
   * members). Omit for records without members.
   */
  members?: string;
}

/** Named parameters of every scope condition (the same for every module, so several conditions share them). */
export const scopeParams = (user: AuthUser) => ({ __scopeUser: user.id, __scopePath: `${user.departmentPath ?? ''}%` });

/**
 * A data scope as SQL over `cols` (parameters from `scopeParams`): own → owner is the user; department →
 * the record's department is the user's department or below (or the user owns it); all → no condition
 * (null). No scope → no rows. Members listed in `cols.members` see the record in every case.
 */
export function scopeCondition(user: AuthUser, scope: DataScope | null, cols: ScopeColumns): string | null {
  const own = ownerCondition(user, scope, cols);
  return own !== null && cols.members ? `(${own} OR ${cols.members} @> ARRAY[:__scopeUser]::uuid[])` : own;
}

function ownerCondition(user: AuthUser, scope: DataScope | null, cols: ScopeColumns): string | null {
  if (scope === 'all') return null;
  if (scope === null) return '1 = 0';
  if (scope === 'department' && user.departmentPath && cols.department) {
    return `(${cols.owner} = :__scopeUser OR ${cols.department} IN (SELECT sd.id FROM departments sd WHERE sd.path LIKE :__scopePath))`;
  }
  return `${cols.owner} = :__scopeUser`;
}

/** The data scope of the user's grant on `module`, as a WHERE clause on the query. */
export function applyDataScope<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  user: AuthUser,
  module: PermissionModule,
  cols: ScopeColumns,
): SelectQueryBuilder<T> {
  const condition = scopeCondition(user, scopeOf(user, module), cols);
  return condition ? qb.andWhere(condition, scopeParams(user)) : qb;
}

/** True when a department path lies inside the user's department scope (all: anywhere; else the user's department and below). */
export function departmentInScope(user: AuthUser, scope: DataScope | null, path: string | null): boolean {
  if (scope === 'all') return true;
  if (scope === null || !path || !user.departmentPath) return false;
  return path.startsWith(user.departmentPath);
}
