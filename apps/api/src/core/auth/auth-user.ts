import type { DataScope, PermissionGrant, PermissionModule, SpecialPermission } from '@keyuan/shared';

/** The acting user as every service sees it: identity, department and merged role grants. */
export interface AuthUser {
  id: string;
  email: string;
  name: string;
  departmentId: string | null;
  /** Materialized path of the user's department (`/<root id>/<child id>/`), null without a department. */
  departmentPath: string | null;
  /**
   * Ids of the user's department and every department below it (soft-deleted ones too: records may still
   * name them): the department data scope, resolved with the user on every request from the department tree,
   * so a department created or moved under it is in scope on the next request. Empty without a department.
   */
  scopeDepartmentIds: string[];
  roleKeys: string[];
  grants: PermissionGrant[];
  special: SpecialPermission[];
  /** An admin reset the password: the user must choose a new one before anything else. */
  mustChangePassword?: boolean;
  /** Set when the request authenticated with an API key (the user is then the key's service user). */
  apiKeyId?: string;
}

export function scopeOf(user: AuthUser, module: PermissionModule): DataScope | null {
  return user.grants.find((g) => g.module === module)?.scope ?? null;
}
