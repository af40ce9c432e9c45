import type { AuthUser } from '@core/auth/auth-user';
import { messagingScope } from '@core/messaging/scope';

/** The reader's `sms` data scope as raw SQL (see core/messaging/scope: `$1`, `$2` taken, queries go on from `$3`). */
export function smsScope(actor: AuthUser, alias = 'm'): { sql: string; params: [string, string[]] } {
  return messagingScope(actor, 'sms', alias);
}
