import { badRequest } from '@core/http/domain-error';

/** A keyset cursor over `(created_at, id)`: base64url JSON `{ t: ISO time, i: uuid }`. */
export const messageCursor = (r: { created_at: Date; id: string }): string => Buffer.from(JSON.stringify({ t: r.created_at.toISOString(), i: r.id })).toString('base64url');

/** Reads a `messageCursor`; anything else is a 400 `INVALID_CURSOR` on `cursor`. */
export function decodeMessageCursor(c: string | undefined): { t: string; i: string } | null {
  if (!c) return null;
  try {
    const v = JSON.parse(Buffer.from(c, 'base64url').toString('utf8')) as { t: string; i: string };
    if (Number.isNaN(Date.parse(v.t)) || !/^[0-9a-f-]{36}$/.test(v.i)) throw new Error('bad');
    return v;
  } catch {
    throw badRequest('INVALID_CURSOR', 'cursor', 'cursor is invalid');
  }
}

/** Runs SQL with positional parameters (a DataSource or an EntityManager). */
interface Queryable {
  query(sql: string, params: unknown[]): Promise<unknown>;
}

/**
 * One page of a messaging module's messages (`sms_messages`, `email_messages`, aliased `m`), newest first: the
 * reader's data scope (core/messaging/scope, `$1`/`$2`), exact filters by column (undefined ones skipped) and a
 * keyset cursor on `(created_at, id)` as a row comparison (the table's `(created_at DESC, id DESC)` indexes serve
 * any depth). The module maps the rows to its responses.
 */
export async function listMessages<R extends { created_at: Date; id: string }>(
  db: Queryable,
  table: string,
  scope: { sql: string; params: readonly unknown[] },
  filters: Record<string, unknown>,
  q: { cursor?: string; limit?: number },
): Promise<{ rows: R[]; nextCursor: string | null }> {
  const params: unknown[] = [...scope.params];
  const where = [scope.sql];
  for (const [column, value] of Object.entries(filters)) {
    if (value === undefined || value === null || value === '') continue;
    params.push(value);
    where.push(`${column} = $${params.length}`);
  }
  const after = decodeMessageCursor(q.cursor);
  if (after) {
    params.push(after.t, after.i);
    where.push(`(m.created_at, m.id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
  }
  const limit = q.limit ?? 50;
  params.push(limit + 1);
  const rows = (await db.query(`SELECT m.* FROM ${table} m WHERE ${where.join(' AND ')} ORDER BY m.created_at DESC, m.id DESC LIMIT $${params.length}`, params)) as R[];
  const page = rows.slice(0, limit);
  return { rows: page, nextCursor: rows.length > limit ? messageCursor(page[page.length - 1]) : null };
}
