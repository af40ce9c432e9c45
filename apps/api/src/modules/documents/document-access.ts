import { scopeCondition, scopeParams } from '@core/access/data-scope';
import { AuthUser, scopeOf } from '@core/auth/auth-user';

export interface SqlCondition {
  sql: string;
  params: Record<string, unknown>;
}

/**
 * Who may change an item (rename, move, share, new version, delete): its owner, or a holder of the
 * `documents` grant whose data scope covers the owner (department and below, all). As SQL on alias `a`.
 */
export function manageCondition(user: AuthUser, a = 'd'): SqlCondition {
  const scoped = scopeCondition(user, scopeOf(user, 'documents'), { owner: `${a}.owner_id`, department: `${a}.department_id` });
  return { sql: scoped ?? '1 = 1', params: scopeParams(user) };
}

/**
 * Who may see an item: whoever may manage it, plus the audience it is shared with — named users, members of
 * the named departments or their sub-departments (the reader's department path passes through one of them),
 * holders of a named role, or everyone. Applied in the SQL of every read path (list, get, download,
 * versions, search, linked-record lists), so an item outside it is a 404.
 */
export function visibleCondition(user: AuthUser, a = 'd'): SqlCondition {
  const manage = manageCondition(user, a);
  if (manage.sql === '1 = 1') return manage;
  return {
    sql: `(${manage.sql}
      OR ${a}.share_scope = 'everyone'
      OR (${a}.share_scope = 'users' AND CAST(:__docUser AS uuid) = ANY(${a}.share_user_ids))
      OR (${a}.share_scope = 'departments' AND EXISTS (SELECT 1 FROM unnest(${a}.share_department_ids) sdx WHERE CAST(:__docPath AS text) LIKE '%/' || sdx || '/%'))
      OR (${a}.share_scope = 'roles' AND ${a}.share_role_keys && CAST(:__docRoles AS varchar[])))`,
    params: { ...manage.params, __docUser: user.id, __docPath: user.departmentPath ?? '', __docRoles: user.roleKeys },
  };
}
