import { ObjectLiteral, QueryRunner, SelectQueryBuilder } from 'typeorm';
import { badRequest } from './domain-error';
import { compileFilter, FilterableField, parseFilterParam } from './filter-compiler';
import { ListQueryDto } from './list-query.dto';
import { normalizeEmail, normalizePhone } from '../util/contact-normalize';

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
  /**
   * A `text[]` column of the 2-character pieces of the record's Chinese text, GIN-indexed
   * (`search_bigrams`, migration 1764200000000). A `q` with Chinese characters is then also matched
   * against it, which the index serves where trigrams cannot (2-character words).
   */
  bigramColumn?: string;
  /**
   * Columns `q` matches only as a whole value: a phone column when `q` normalizes (E.164, default
   * region CN) to exactly its number, an email column when `q` is exactly its (lower-cased) address.
   * Used with a `search` that leaves those values out, so searching cannot recover a masked value.
   */
  exact?: { phones?: string[]; emails?: string[] };
  /** api name → column, exact match. */
  filters?: Record<string, string>;
  /** api name → column; the query accepts `<name>From` and `<name>To` (inclusive). */
  ranges?: Record<string, string>;
  /** SQL expression of the id column, e.g. `u.id`. */
  idColumn: string;
  /**
   * api name → how the advanced `filter` parameter may use it (libs/shared FilterGroup). `id` is always
   * filterable (eq / in / notIn: "export selected"). A list without `fields` takes no `filter`.
   */
  fields?: Record<string, FilterableField>;
}

export interface Page<T> {
  data: T[];
  nextCursor: string | null;
  total: number;
  /** True when `total` is the planner's estimate (more than EXACT_COUNT_CAP matches), false when exact. */
  totalIsEstimate: boolean;
}

/**
 * Lists count their matches exactly up to this many; beyond it `total` is PostgreSQL's estimate.
 * Counting 19,000 matches costs ~5 ms of index reads, thirty times the 50-row page itself (bench/README.md);
 * counting to 1,000 costs about as much as the page.
 */
export const EXACT_COUNT_CAP = 1000;

/**
 * With `estimateFirst`, a list whose planner estimate is at least this many matches answers the estimate without
 * counting (four times the cap: the planner's element statistics put a 2-character piece within ~10 % of its real
 * count at 1M leads, and several pieces are underestimated, never over; bench/README.md, issue 20).
 */
export const ESTIMATE_SKIPS_COUNT = 4 * EXACT_COUNT_CAP;

/** Options of a list's `total`. */
export interface CountOptions {
  /**
   * Ask the planner first, and skip the count when it expects ESTIMATE_SKIPS_COUNT matches or more: a frequent
   * Chinese search in a wide scope (all, department) costs 7–9 ms to count to the cap at 1M leads, its EXPLAIN
   * 0.3 ms. A narrow scope counts first (its count is cheap, and an EXPLAIN first would be one statement more).
   */
  estimateFirst?: boolean;
}

/**
 * `total` of a list: exact when at most EXACT_COUNT_CAP rows match (a count over a LIMITed subquery,
 * so it never reads more than the cap), otherwise the planner's row estimate of the same query.
 */
export async function countMatches<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, opts: CountOptions = {}): Promise<{ total: number; totalIsEstimate: boolean }> {
  // lists have no joins that multiply rows (a join would need count(DISTINCT id) here)
  // built once: the capped count and the estimate's EXPLAIN are the same matches, with and without the cap
  const [sql, params] = qb.clone().select('1', 'one').orderBy().offset(undefined).skip(undefined).take(undefined).limit(undefined).getQueryAndParameters();
  // the builder's own runner when it belongs to a transaction (what getCount() would use), else the pool
  const tx = (qb as unknown as { queryRunner?: QueryRunner }).queryRunner;
  const run = (text: string, values: unknown[]): Promise<never[]> => (tx ? tx.query(text, values) : qb.connection.query(text, values));
  const explain = async () => {
    const [row]: { 'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }] }[] = await run(`EXPLAIN (FORMAT JSON) ${sql}`, params);
    return Math.round(row['QUERY PLAN'][0].Plan['Plan Rows']);
  };
  const first = opts.estimateFirst ? await explain() : null;
  if (first !== null && first >= ESTIMATE_SKIPS_COUNT) return { total: first, totalIsEstimate: true };
  const [{ n }]: { n: number }[] = await run(`SELECT count(*)::int AS n FROM (${sql} LIMIT ${EXACT_COUNT_CAP + 1}) capped`, params);
  if (n <= EXACT_COUNT_CAP) return { total: n, totalIsEstimate: false };
  return { total: Math.max(first ?? (await explain()), EXACT_COUNT_CAP + 1), totalIsEstimate: true };
}

/**
 * Up to this many matches a Chinese search's page is the matches sorted, not a walk of the sort index. Measured at
 * 1M leads (bench/results/manager-search-2026-12-01.md): a manager's 1,563 account matches sorted 3.8-4.2 ms against
 * 7.8-9.7 ms walking `ix_accounts_created`; 4,803 lead matches sorted 13-18 ms against 7.5-12 ms walking.
 */
export const SORT_MATCHES_MAX = 2500;

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
        { params: { key, allowed: Object.keys(spec.sortable) } },
      );
    }
    seen.add(key);
    return { key, desc, field };
  });
}

function encodeCursor(sortKey: string, values: unknown[]): string {
  return Buffer.from(JSON.stringify({ s: sortKey, v: values })).toString('base64url');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function isCursorValue(v: unknown): boolean {
  if (typeof v === 'number') return Number.isFinite(v);
  return typeof v === 'string' && v.length <= 1000 && !v.includes('\u0000');
}

export function decodeCursor(cursor: string, sortKey: string, n: number): unknown[] {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { s: string; v: unknown[] };
    if (parsed.s !== sortKey || !Array.isArray(parsed.v) || parsed.v.length !== n) throw new Error('mismatch');
    // sort values are strings (text, ISO dates) or numbers; the last one is the record id
    if (!parsed.v.every(isCursorValue) || !UUID.test(String(parsed.v[n - 1]))) throw new Error('bad value');
    return parsed.v;
  } catch {
    throw badRequest('INVALID_CURSOR', 'cursor', 'cursor is invalid or belongs to another sort order');
  }
}

function toCursorValue(v: unknown): unknown {
  return v instanceof Date ? v.toISOString() : v;
}

const CJK_RUN = /[\u3400-\u9fff\uf900-\ufaff]{2,}/g;
const CJK_PAIR = /^[\u3400-\u9fff\uf900-\ufaff]{2}$/;

/** Distinct overlapping 2-character pieces of the CJK runs of `s`, as the SQL function `cjk_bigrams`. */
export function cjkBigrams(s: string): string[] {
  const out = new Set<string>();
  for (const run of s.match(CJK_RUN) ?? []) for (let i = 0; i + 1 < run.length; i++) out.add(run.slice(i, i + 2));
  return [...out];
}

export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * The `q` condition. A query without letters that have a case (digits, Chinese) uses LIKE: the same
 * matches as ILIKE, several times cheaper per row on multi-byte text, and served by the same trigram
 * index. With `bigramColumn`, Chinese pieces of the query must also be in that column; a query that is
 * exactly two Chinese characters is fully decided by it (a 2-character substring is one piece).
 */
function searchCondition(q: string, spec: ListSpec): { sql: string; params: Record<string, unknown> } {
  const like = q.toLowerCase() === q.toUpperCase() ? 'LIKE' : 'ILIKE';
  const params: Record<string, unknown> = { __q: `%${escapeLike(q)}%`, __qb: cjkBigrams(q) };
  const ors = spec.search!.map((c) => `${c} ${like} :__q`);
  const phone = spec.exact?.phones?.length && /\d{5}/.test(q.replace(/\D/g, '')) ? normalizePhone(q) : null;
  if (phone) {
    params.__qphone = phone;
    ors.push(...spec.exact!.phones!.map((c) => `${c} = :__qphone`));
  }
  if (spec.exact?.emails?.length && q.includes('@')) {
    params.__qemail = normalizeEmail(q);
    ors.push(...spec.exact.emails.map((c) => `${c} = :__qemail`));
  }
  const text = `(${ors.join(' OR ')})`;
  if (!spec.bigramColumn || !cjkBigrams(q).length) return { sql: text, params };
  const pieces = `${spec.bigramColumn} @> :__qb`;
  return { sql: CJK_PAIR.test(q) ? pieces : `(${text} AND ${pieces})`, params };
}

/** True when the list's `q` is matched through the bigram column (it has Chinese pieces). */
function bigramSearch(query: ListQueryDto, spec: ListSpec): boolean {
  const q = query.q?.trim();
  return !!q && !!spec.search?.length && !!spec.bigramColumn && cjkBigrams(q).length > 0;
}

/** Adds `q`, exact filters and ranges of a list query to a query builder. */
export function applyFilters<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  query: ListQueryDto & Record<string, unknown>,
  spec: ListSpec,
): void {
  const q = query.q?.trim();
  if (q && spec.search?.length) {
    const { sql, params } = searchCondition(q, spec);
    qb.andWhere(sql, params);
  }
  for (const [name, column] of Object.entries(spec.filters ?? {})) {
    const v = query[name];
    if (v !== undefined && v !== null && v !== '') qb.andWhere(`${column} = :__f_${name}`, { [`__f_${name}`]: v });
  }
  if (typeof query.filter === 'string' && query.filter) {
    if (!spec.fields) throw badRequest('FILTER_NOT_SUPPORTED', 'filter', 'this list takes no advanced filter');
    const compiled = compileFilter(parseFilterParam(query.filter), spec.fields, spec.idColumn);
    if (compiled) qb.andWhere(compiled.sql, compiled.params);
  }
  for (const [name, column] of Object.entries(spec.ranges ?? {})) {
    const from = query[`${name}From`];
    const to = query[`${name}To`];
    if (from !== undefined) qb.andWhere(`${column} >= :__r_${name}_from`, { [`__r_${name}_from`]: from });
    if (to !== undefined) qb.andWhere(`${column} <= :__r_${name}_to`, { [`__r_${name}_to`]: to });
  }
}

/** How `paginate` counts. */
export interface ListOptions {
  /** False: no `total` (exports walk every page). */
  count?: boolean;
  /** The reader's scope is wide (all, department): a Chinese search asks the planner before counting (CountOptions). */
  wideScope?: boolean;
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
  opts: ListOptions = {},
): Promise<Page<T>> {
  const query = queryDto as ListQueryDto & Record<string, unknown>;
  applyFilters(qb, query, spec);
  // streaming exports walk every page and need no count; only a Chinese search asks the planner first
  const { total, totalIsEstimate } =
    opts.count === false ? { total: -1, totalIsEstimate: false } : await countMatches(qb, { estimateFirst: opts.wideScope === true && bigramSearch(query, spec) });
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
  // A Chinese search with few matches (the count, or beyond the cap the planner's estimate): sort those matches,
  // read from the bigram GIN bitmap the count used, instead of walking the sort index and testing each row until
  // a page is found. `COALESCE(c, c)` sorts exactly as `c` (sort columns are NOT NULL) but no index yields its order.
  const sortMatches = total >= 0 && total <= SORT_MATCHES_MAX && bigramSearch(query, spec);
  columns.forEach((c, i) => {
    const expr = sortMatches && i === 0 ? `COALESCE(${c.column}, ${c.column})` : c.column;
    if (i === 0) qb.orderBy(expr, c.desc ? 'DESC' : 'ASC');
    else qb.addOrderBy(expr, c.desc ? 'DESC' : 'ASC');
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
  return { data, nextCursor, total, totalIsEstimate };
}
