import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { badRequest } from './domain-error';
import { ListQueryDto } from './list-query.dto';

export interface SortField {
  /** SQL expression of a NOT NULL column, e.g. `u.created_at`. */
  column: string;
  /** Reads the value for the cursor from a loaded entity. */
  value: (row: never) => unknown;
}

export interface ListSpec {
  /** api name → sortable column. `id` is always appended as the tiebreaker. */
  sortable: Record<string, SortField>;
  defaultSort: string;
  /** SQL expressions searched by `q` (ILIKE, served by a trigram index). */
  search?: string[];
  /** api name → column, exact match. */
  filters?: Record<string, string>;
  /** api name → column; the query accepts `<name>From` and `<name>To` (inclusive). */
  ranges?: Record<string, string>;
  /** SQL expression of the id column, e.g. `u.id`. */
  idColumn: string;
}

export interface Page<T> {
  data: T[];
  nextCursor: string | null;
  total: number;
}

interface ParsedSort {
  key: string;
  desc: boolean;
  field: SortField;
}

export function parseSort(sort: string | undefined, spec: ListSpec): ParsedSort[] {
  const raw = (sort || spec.defaultSort).split(',').filter(Boolean);
  const seen = new Set<string>();
  return raw.map((part) => {
    const desc = part.startsWith('-');
    const key = desc ? part.slice(1) : part;
    const field = spec.sortable[key];
    if (!field || seen.has(key)) {
      throw badRequest(
        'INVALID_SORT',
        'sort',
        `sort by "${key}" is not supported; use ${Object.keys(spec.sortable).join(', ')}`,
      );
    }
    seen.add(key);
    return { key, desc, field };
  });
}

function encodeCursor(sortKey: string, values: unknown[]): string {
  return Buffer.from(JSON.stringify({ s: sortKey, v: values })).toString('base64url');
}

function decodeCursor(cursor: string, sortKey: string, n: number): unknown[] {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { s: string; v: unknown[] };
    if (parsed.s !== sortKey || !Array.isArray(parsed.v) || parsed.v.length !== n) throw new Error('mismatch');
    return parsed.v;
  } catch {
    throw badRequest('INVALID_CURSOR', 'cursor', 'cursor is invalid or belongs to another sort order');
  }
}

function toCursorValue(v: unknown): unknown {
  return v instanceof Date ? v.toISOString() : v;
}

export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Adds `q`, exact filters and ranges of a list query to a query builder. */
export function applyFilters<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  query: ListQueryDto & Record<string, unknown>,
  spec: ListSpec,
): void {
  const q = query.q?.trim();
  if (q && spec.search?.length) {
    qb.andWhere(`(${spec.search.map((c) => `${c} ILIKE :__q`).join(' OR ')})`, { __q: `%${escapeLike(q)}%` });
  }
  for (const [name, column] of Object.entries(spec.filters ?? {})) {
    const v = query[name];
    if (v !== undefined && v !== null && v !== '') qb.andWhere(`${column} = :__f_${name}`, { [`__f_${name}`]: v });
  }
  for (const [name, column] of Object.entries(spec.ranges ?? {})) {
    const from = query[`${name}From`];
    const to = query[`${name}To`];
    if (from !== undefined) qb.andWhere(`${column} >= :__r_${name}_from`, { [`__r_${name}_from`]: from });
    if (to !== undefined) qb.andWhere(`${column} <= :__r_${name}_to`, { [`__r_${name}_to`]: to });
  }
}

/**
 * Keyset pagination on the sort keys plus id. When every key runs the same direction the condition is a
 * row comparison `(a, b, id) < (x, y, z)`, which PostgreSQL serves from a matching index at any depth;
 * mixed directions fall back to the expanded OR form.
 */
export async function paginate<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  queryDto: ListQueryDto & object,
  spec: ListSpec,
): Promise<Page<T>> {
  const query = queryDto as ListQueryDto & Record<string, unknown>;
  applyFilters(qb, query, spec);
  const total = await qb.clone().getCount();
  const sorts = parseSort(query.sort, spec);
  const sortKey = sorts.map((s) => `${s.desc ? '-' : ''}${s.key}`).join(',');
  const limit = query.limit ?? 50;
  const idDesc = sorts[sorts.length - 1].desc;
  const columns = [...sorts.map((s) => ({ column: s.field.column, desc: s.desc })), { column: spec.idColumn, desc: idDesc }];

  if (query.cursor) {
    const values = decodeCursor(query.cursor, sortKey, columns.length);
    const params: Record<string, unknown> = {};
    values.forEach((v, i) => (params[`__k${i}`] = v));
    if (columns.every((c) => c.desc === columns[0].desc)) {
      const op = columns[0].desc ? '<' : '>';
      qb.andWhere(
        `(${columns.map((c) => c.column).join(', ')}) ${op} (${columns.map((_c, i) => `:__k${i}`).join(', ')})`,
        params,
      );
    } else {
      const ors = columns.map((c, i) => {
        const eqs = columns.slice(0, i).map((p, j) => `${p.column} = :__k${j}`);
        return `(${[...eqs, `${c.column} ${c.desc ? '<' : '>'} :__k${i}`].join(' AND ')})`;
      });
      qb.andWhere(`(${ors.join(' OR ')})`, params);
    }
  }
  columns.forEach((c, i) => {
    if (i === 0) qb.orderBy(c.column, c.desc ? 'DESC' : 'ASC');
    else qb.addOrderBy(c.column, c.desc ? 'DESC' : 'ASC');
  });
  const rows = await qb.take(undefined).limit(limit + 1).getMany();
  const hasMore = rows.length > limit;
  const data = hasMore ? rows.slice(0, limit) : rows;
  let nextCursor: string | null = null;
  if (hasMore) {
    const last = data[data.length - 1] as never;
    nextCursor = encodeCursor(sortKey, [
      ...sorts.map((s) => toCursorValue(s.field.value(last))),
      (last as { id: string }).id,
    ]);
  }
  return { data, nextCursor, total };
}
