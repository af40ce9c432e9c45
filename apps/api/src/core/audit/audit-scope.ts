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
 * Rows of `alias` that stand for records (`<alias>.entity_type`, `<alias>.entity_id`: audit entries, outbox
 * events) whose record the reader may read now, as one WHERE condition: the record's module grant, narrowed by
 * `narrowTo` when given, checked against the record's current owner and department with an EXISTS on its
 * primary key. Records without an owner need the `all` scope. Kinds the reader may not read at all drop out.
 * Parameters: `__<alias>Kind<n>` here, plus `scopeParams(user)`.
 */
export function recordVisibility(
  user: AuthUser,
  kinds: AuditedKind[],
  alias: string,
  narrowTo: DataScope | null = 'all',
): { parts: string[]; params: Record<string, unknown> } {
  const params: Record<string, unknown> = {};
  const parts: string[] = [];
  kinds.forEach((kind, i) => {
    // the kind's alias names its table inside the EXISTS: the outer alias must differ, or `<alias>.entity_id` would read the record's table
    if (kind.alias === alias) throw new Error(`recordVisibility: alias ${alias} is also the alias of ${kind.entityType}`);
    if (!can(user.grants, kind.module, 'read')) return;
    const scope = narrower(narrowTo, scopeOf(user, kind.module));
    const type = `${alias}.entity_type = :__${alias}Kind${i}`;
    params[`__${alias}Kind${i}`] = kind.entityType;
    if (!kind.scope) {
      if (scope === 'all') parts.push(type);
      return;
    }
    const condition = scopeCondition(user, scope, kind.scope);
    if (condition === null) parts.push(type);
    else if (condition !== '1 = 0') {
      const a = kind.alias;
      parts.push(`(${type} AND EXISTS (SELECT 1 FROM "${kind.table()}" ${a} WHERE ${a}.id = ${alias}.entity_id AND ${condition}))`);
    }
  });
  return { parts, params };
}

/**
 * The entries of `au` (audit_logs) the reader may see: the records they may read, narrowed by the audit
 * grant's scope (`recordVisibility`), and with the `all` audit scope the entries of kinds no store
 * registered. Parameters: `__auKind<n>` and `__auditKinds`, plus `scopeParams(user)`.
 */
export function auditVisibility(user: AuthUser, kinds: AuditedKind[]): { sql: string; params: Record<string, unknown> } {
  const auditScope = scopeOf(user, 'audit');
  const { parts, params } = recordVisibility(user, kinds, 'au', auditScope);
  if (auditScope === 'all') parts.push(`au.entity_type <> ALL(CAST(:__auditKinds AS text[]))`);
  return { sql: parts.length ? `(${parts.join(' OR ')})` : '1 = 0', params: { ...params, __auditKinds: kinds.map((k) => k.entityType) } };
}
