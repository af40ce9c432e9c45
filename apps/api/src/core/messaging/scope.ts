import type { PermissionModule } from '@keyuan/shared';
import { scopeOf, type AuthUser } from '@core/auth/auth-user';
import { scopeCondition, scopeParams } from '@core/access/data-scope';

/**
 * A messaging module's data scope (`sms`, `email`) as raw SQL over `<alias>.owner_id` / `<alias>.department_id`
 * (the owner and department of the record a message belongs to, copied when it is written), with its two
 * parameters always `$1` (user id) and `$2` (the scope's department ids, `uuid[]`): queries put their own from `$3`.
 */
export function messagingScope(actor: AuthUser, module: PermissionModule, alias = 'm'): { sql: string; params: [string, string[]] } {
  const p = scopeParams(actor);
  const cond = scopeCondition(actor, scopeOf(actor, module), { owner: `${alias}.owner_id`, department: `${alias}.department_id` });
  const sql = (cond ?? 'TRUE').replaceAll(':__scopeUser', '$1::uuid').replaceAll('CAST(:__scopeDepts AS uuid[])', '$2::uuid[]');
  // both parameters are always typed, whether or not the condition uses them
  return { sql: `(${sql}) AND $1::uuid IS NOT NULL AND $2::uuid[] IS NOT NULL`, params: [p.__scopeUser, p.__scopeDepts] };
}
