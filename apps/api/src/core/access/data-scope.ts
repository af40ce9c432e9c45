import type { PermissionModule } from '@keyuan/shared';
import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { AuthUser, scopeOf } from '../auth/auth-user';

export interface ScopeColumns {
  /** Column holding the owning user's id. */
  owner: string;
  /** Column holding the owning department's id; omit when the record has none. */
  department?: string;
}

/**
 * The data scope of the user's grant on `module`, as a WHERE clause on the query:
 * own → owner is the user; department → the record's department is the user's department or below
 * (or the user owns it); all → no condition. No grant → no rows.
 */
export function applyDataScope<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  user: AuthUser,
  module: PermissionModule,
  cols: ScopeColumns,
): SelectQueryBuilder<T> {
  const scope = scopeOf(user, module);
  if (scope === 'all') return qb;
  if (scope === null) return qb.andWhere('1 = 0');
  if (scope === 'department' && user.departmentPath && cols.department) {
    return qb.andWhere(
      `(${cols.owner} = :__scopeUser OR ${cols.department} IN (SELECT sd.id FROM departments sd WHERE sd.path LIKE :__scopePath))`,
      { __scopeUser: user.id, __scopePath: `${user.departmentPath}%` },
    );
  }
  return qb.andWhere(`${cols.owner} = :__scopeUser`, { __scopeUser: user.id });
}
