import { badRequest } from '@core/http/domain-error';

/** Keyset cursor of a finance list: the sort value and the id of the last row, opaque to clients. */
export function encodeCursor(value: unknown, id: string): string {
  return Buffer.from(JSON.stringify([value, id])).toString('base64url');
}

export function decodeCursor(cursor: string): [string, string] {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(v) && v.length === 2 && typeof v[1] === 'string') return [String(v[0]), v[1]];
  } catch {
    /* fall through */
  }
  throw badRequest('INVALID_CURSOR', 'cursor', 'cursor is not a cursor of this list');
}

/** A WHERE builder for raw SQL with numbered parameters. */
export class Where {
  readonly parts: string[] = [];
  readonly params: unknown[] = [];

  add(sql: string, ...values: unknown[]): this {
    let out = sql;
    for (const v of values) {
      this.params.push(v);
      out = out.replace('?', `$${this.params.length}`);
    }
    this.parts.push(out);
    return this;
  }

  /** Raw SQL already numbered from `this.next`. */
  raw(sql: string, params: unknown[]): this {
    if (sql) {
      this.parts.push(sql.replace(/^\s*AND\s+/, ''));
      this.params.push(...params);
    }
    return this;
  }

  get next(): number {
    return this.params.length + 1;
  }

  get sql(): string {
    return this.parts.length ? `WHERE ${this.parts.join(' AND ')}` : '';
  }
}

export const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
