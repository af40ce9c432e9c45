import type { DataSource, EntityManager } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import { scopeOf } from '../auth/auth-user';
import { scopeCondition, scopeParams, ScopeColumns } from './data-scope';

/** The filters every analytics figure takes: a date range, an owner, a department (and below), a pipeline. */
export interface ReportFilter {
  /** First day, `YYYY-MM-DD` (inclusive). */
  from: string;
  /** Last day, `YYYY-MM-DD` (inclusive). */
  to: string;
  ownerId?: string;
  departmentId?: string;
  pipelineId?: string;
}

/** A WHERE fragment with named parameters (`:name`), joined with AND by the caller. */
export interface SqlWhere {
  where: string[];
  params: Record<string, unknown>;
}

/**
 * The caller's analytics data scope plus the owner and department filters over a table's owner/department
 * columns: the conditions every reporting query starts from. The scope is the `analytics` grant's (own →
 * the caller's records, department → their department and below, all), applied in SQL like every list.
 */
export function reportScope(user: AuthUser, cols: ScopeColumns, f: Pick<ReportFilter, 'ownerId' | 'departmentId'>): SqlWhere {
  const where: string[] = [];
  const params: Record<string, unknown> = { ...scopeParams(user) };
  const scope = scopeCondition(user, scopeOf(user, 'analytics'), cols);
  if (scope) where.push(scope);
  if (f.ownerId) {
    where.push(`${cols.owner} = :__fOwner`);
    params.__fOwner = f.ownerId;
  }
  if (f.departmentId && cols.department) {
    where.push(`${cols.department} IN (SELECT fd.id FROM departments fd WHERE fd.path LIKE (SELECT pd.path FROM departments pd WHERE pd.id = :__fDept) || '%')`);
    params.__fDept = f.departmentId;
  }
  return { where, params };
}

/** `where` joined with AND (`true` when empty). */
export const andAll = (where: string[]): string => (where.length ? where.map((w) => `(${w})`).join(' AND ') : 'true');

/** Runs SQL with named parameters (`:name`, `:...list`) through the driver's own escaping. */
export async function namedQuery<T>(db: DataSource | EntityManager, sql: string, params: Record<string, unknown>): Promise<T[]> {
  const ds = 'driver' in db && (db as DataSource).driver ? (db as DataSource) : (db as EntityManager).connection;
  const [text, values] = ds.driver.escapeQueryWithParameters(sql, params);
  return db.query(text, values);
}

/** True when the department lies in the user's scope on `module` (all: any; department: theirs and below; own: none). */
export async function departmentWithinScope(db: DataSource | EntityManager, user: AuthUser, module: Parameters<typeof scopeOf>[1], departmentId: string): Promise<boolean> {
  const scope = scopeOf(user, module);
  if (scope === null || scope === 'own') return false;
  const rows: { ok: boolean }[] = await db.query(`SELECT ($2::text IS NULL OR path LIKE $2 || '%') AS ok FROM departments WHERE id = $1 AND deleted_at IS NULL`, [
    departmentId,
    scope === 'all' ? null : (user.departmentPath ?? '\u0000'),
  ]);
  return rows[0]?.ok === true;
}
