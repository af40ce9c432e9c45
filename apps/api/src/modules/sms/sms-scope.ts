import { scopeOf, type AuthUser } from '@core/auth/auth-user';
import { scopeCondition, scopeParams } from '@core/access/data-scope';

/**
 * The reader's `sms` data scope as raw SQL over `<alias>.owner_id` / `<alias>.department_id`, with its two
 * parameters always `$1` (user id) and `$2` (department path prefix): queries put their own from `$3`.
 */
export function smsScope(actor: AuthUser, alias = 'm'): { sql: string; params: [string, string] } {
  const p = scopeParams(actor);
  const cond = scopeCondition(actor, scopeOf(actor, 'sms'), { owner: `${alias}.owner_id`, department: `${alias}.department_id` });
  const sql = (cond ?? 'TRUE').replaceAll(':__scopeUser', '$1::uuid').replaceAll(':__scopePath', '$2::text');
  // both parameters are always typed, whether or not the condition uses them
  return { sql: `(${sql}) AND $1::uuid IS NOT NULL AND $2::text IS NOT NULL`, params: [p.__scopeUser, p.__scopePath] };
}
