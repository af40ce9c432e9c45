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
export const scopeParams = (user: AuthUser) => ({ __scopeUser: user.id, __scopeDepts: user.scopeDepartmentIds ?? [] });

/**
 * Select-list item for the statements that load an AuthUser (the user's live department joined as `d`): the
 * ids of that department and every department below it by materialized path, as `scope_departments`
 * (`text[]`, empty without a department). Resolved in the statement that loads the user on every request,
 * so the department scope costs no extra round trip and a department created or moved under the user's is
 * in scope on the next request. Soft-deleted departments count, as they did in the former sub-select
 * (records may still name them).
 */
export const SCOPE_DEPARTMENTS = `ARRAY(SELECT sd.id::text FROM departments sd WHERE d.path IS NOT NULL AND sd.path LIKE d.path || '%') AS scope_departments`;

/**
 * A data scope as SQL over `cols` (parameters from `scopeParams`): own → owner is the user; department →
 * the record's department is the user's department or below (or the user owns it); all → no condition
 * (null). No scope → no rows. Members listed in `cols.members` see the record in every case.
 *
 * The department side is `department_id = ANY(<the ids resolved with the user>)`, not a sub-select of the
 * department tree: an index over (department_id, …) can take an array of ids (a bitmap scan per id, so a
 * manager's 2-character search is a BitmapOr of exact GIN scans), while a sub-select is a hashed filter run
 * on every candidate row (bench/README.md, "Chinese search for a rep").
 */
export function scopeCondition(user: AuthUser, scope: DataScope | null, cols: ScopeColumns): string | null {
  const own = ownerCondition(user, scope, cols);
  return own !== null && cols.members ? `(${own} OR ${cols.members} @> ARRAY[:__scopeUser]::uuid[])` : own;
}

function ownerCondition(user: AuthUser, scope: DataScope | null, cols: ScopeColumns): string | null {
  if (scope === 'all') return null;
  if (scope === null) return '1 = 0';
  if (scope === 'department' && user.departmentPath && cols.department) {
    return `(${cols.owner} = :__scopeUser OR ${cols.department} = ANY(CAST(:__scopeDepts AS uuid[])))`;
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
