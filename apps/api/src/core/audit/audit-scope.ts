import { can, DataScope, PermissionModule } from '@keyuan/shared';
import { scopeCondition, ScopeColumns } from '../access/data-scope';
import { AuthUser, scopeOf } from '../auth/auth-user';

/** A record kind whose changes are audited, as its RecordStore describes it. */
export interface AuditedKind {
  entityType: string;
  /** Module whose grant decides who may read the record. */
  module: PermissionModule;
  alias: string;
  /** Owner and department columns (with `alias`); records without an owner have none. */
  scope?: ScopeColumns;
  /** The record's table, resolved when the log is read. */
  table: () => string;
  /** Each audited change also becomes a committed record event (the record kit's kinds). */
  events?: boolean;
}

const RANK: Record<DataScope, number> = { own: 0, department: 1, all: 2 };
const narrower = (a: DataScope | null, b: DataScope | null): DataScope | null => (a === null || b === null ? null : RANK[a] <= RANK[b] ? a : b);

/**
 * The entries of `au` (audit_logs) the reader may see, as one WHERE condition: an entry is visible when
 * the reader may read its record (the record's module grant, narrowed by the audit grant's scope, checked
 * against the record's current owner and department with an EXISTS on its primary key). Records without
 * an owner need both scopes to be `all`, and so do entries of kinds no store registered. Parameters:
 * `__auditKind<n>` and `__auditKinds` here, plus `scopeParams(user)`.
 */
export function auditVisibility(user: AuthUser, kinds: AuditedKind[]): { sql: string; params: Record<string, unknown> } {
  const auditScope = scopeOf(user, 'audit');
  const params: Record<string, unknown> = { __auditKinds: kinds.map((k) => k.entityType) };
  const parts: string[] = [];
  kinds.forEach((kind, i) => {
    if (!can(user.grants, kind.module, 'read')) return;
    const scope = narrower(auditScope, scopeOf(user, kind.module));
    const type = `au.entity_type = :__auditKind${i}`;
    params[`__auditKind${i}`] = kind.entityType;
    if (!kind.scope) {
      if (scope === 'all') parts.push(type);
      return;
    }
    const condition = scopeCondition(user, scope, kind.scope);
    if (condition === null) parts.push(type);
    else if (condition !== '1 = 0') {
      const a = kind.alias;
      parts.push(`(${type} AND EXISTS (SELECT 1 FROM "${kind.table()}" ${a} WHERE ${a}.id = au.entity_id AND ${condition}))`);
    }
  });
  if (auditScope === 'all') parts.push(`au.entity_type <> ALL(CAST(:__auditKinds AS text[]))`);
  return { sql: parts.length ? `(${parts.join(' OR ')})` : '1 = 0', params };
}
