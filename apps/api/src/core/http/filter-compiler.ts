import { FILTER_OPERATORS, type FilterCondition, type FilterGroup, type FilterOperator } from '@keyuan/shared';
import { badRequest } from './domain-error';

/** How a list field may be filtered: its SQL column and value type (options: the allowed values of an enum). */
export interface FilterableField {
  type: 'text' | 'enum' | 'number' | 'date' | 'uuid' | 'boolean' | 'tags';
  /** SQL expression with the alias, e.g. `l.last_activity_at`. */
  column: string;
  options?: readonly string[];
  /**
   * SQL expression `olderThanDays` compares instead of `column`: "no activity for N days" counts from
   * creation when a record never had one (`COALESCE(l.last_activity_at, l.created_at)`), served by an
   * expression index on exactly this text.
   */
  olderThan?: string;
}

const OPS: Record<FilterableField['type'], readonly FilterOperator[]> = {
  text: ['eq', 'ne', 'in', 'notIn', 'contains', 'startsWith', 'isEmpty', 'isNotEmpty'],
  enum: ['eq', 'ne', 'in', 'notIn', 'isEmpty', 'isNotEmpty'],
  number: ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'between', 'isEmpty', 'isNotEmpty'],
  date: ['gt', 'gte', 'lt', 'lte', 'between', 'isEmpty', 'isNotEmpty', 'olderThanDays', 'withinNextDays'],
  uuid: ['eq', 'ne', 'in', 'notIn', 'isEmpty', 'isNotEmpty'],
  boolean: ['eq', 'ne'],
  tags: ['contains', 'in', 'notIn', 'isEmpty', 'isNotEmpty'],
};

export const MAX_FILTER_CONDITIONS = 20;
const MAX_LIST_VALUES = 200;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2}))?$/;

/** The operators a field type takes (what the SPA's filter builder offers). */
export const operatorsOf = (type: FilterableField['type']): readonly FilterOperator[] => OPS[type];

/**
 * Reads the `filter` query parameter: a FilterGroup as JSON, or the same JSON base64url-encoded (what
 * the SPA puts in its URLs). Anything else is 400 FILTER_INVALID.
 */
export function parseFilterParam(raw: string): FilterGroup {
  let text = raw.trim();
  if (!text.startsWith('{')) text = Buffer.from(text, 'base64url').toString('utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw badRequest('FILTER_INVALID', 'filter', 'filter must be a JSON object { match, conditions } (or its base64url)');
  }
  const g = parsed as Partial<FilterGroup>;
  if (!g || typeof g !== 'object' || Array.isArray(g)) throw badRequest('FILTER_INVALID', 'filter', 'filter must be an object { match, conditions }');
  const extra = Object.keys(g).filter((k) => k !== 'match' && k !== 'conditions');
  if (extra.length) throw badRequest('FILTER_INVALID', `filter.${extra[0]}`, `filter has no property "${extra[0]}"`);
  if (g.match !== undefined && g.match !== 'all' && g.match !== 'any') throw badRequest('FILTER_INVALID', 'filter.match', 'match must be "all" or "any"');
  if (!Array.isArray(g.conditions)) throw badRequest('FILTER_INVALID', 'filter.conditions', 'conditions must be an array');
  if (g.conditions.length > MAX_FILTER_CONDITIONS) {
    throw badRequest('FILTER_TOO_MANY_CONDITIONS', 'filter.conditions', `at most ${MAX_FILTER_CONDITIONS} conditions`);
  }
  return { match: g.match ?? 'all', conditions: g.conditions };
}

interface Compiled {
  sql: string;
  params: Record<string, unknown>;
}

/**
 * Turns a FilterGroup into one SQL condition over the list's declared fields (plus `id`), with bound
 * parameters only: a field or operator the list does not declare, or a value of the wrong shape, is a
 * 400 naming the condition (`filter.conditions[2].op`). Null for an empty group.
 */
export function compileFilter(group: FilterGroup, fields: Record<string, FilterableField>, idColumn: string): Compiled | null {
  const all: Record<string, FilterableField> = { id: { type: 'uuid', column: idColumn }, ...fields };
  const params: Record<string, unknown> = {};
  const parts = group.conditions.map((c, i) => compileCondition(c, i, all, params));
  if (!parts.length) return null;
  return { sql: `(${parts.join(group.match === 'any' ? ' OR ' : ' AND ')})`, params };
}

function compileCondition(c: FilterCondition, i: number, fields: Record<string, FilterableField>, params: Record<string, unknown>): string {
  const at = `filter.conditions[${i}]`;
  if (!c || typeof c !== 'object') throw badRequest('FILTER_INVALID', at, 'a condition is an object { field, op, value? }');
  const field = Object.prototype.hasOwnProperty.call(fields, c.field) ? fields[c.field] : undefined;
  if (!field) {
    throw badRequest('FILTER_UNKNOWN_FIELD', `${at}.field`, `"${String(c.field)}" cannot be filtered; use ${Object.keys(fields).join(', ')}`);
  }
  if (!(FILTER_OPERATORS as readonly string[]).includes(c.op)) throw badRequest('FILTER_UNKNOWN_OPERATOR', `${at}.op`, `unknown operator "${String(c.op)}"`);
  if (!OPS[field.type].includes(c.op)) {
    throw badRequest('FILTER_OPERATOR_NOT_ALLOWED', `${at}.op`, `"${c.op}" does not apply to ${c.field}; use ${OPS[field.type].join(', ')}`);
  }
  const p = `__flt${i}`;
  const col = field.column;
  const bad = (message: string) => badRequest('FILTER_INVALID_VALUE', `${at}.value`, `${c.field}: ${message}`);
  const one = (v: unknown) => checkValue(field, v, bad);
  const list = (): unknown[] => {
    if (!Array.isArray(c.value) || !c.value.length || c.value.length > MAX_LIST_VALUES) throw bad(`"${c.op}" takes an array of 1 to ${MAX_LIST_VALUES} values`);
    return c.value.map(one);
  };
  const days = (): number => {
    const n = c.value;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > 36500) throw bad(`"${c.op}" takes a whole number of days (0..36500)`);
    return n;
  };
  const set = (v: unknown) => ((params[p] = v), `:${p}`);
  switch (c.op) {
    case 'eq':
      return `${col} = ${set(one(c.value))}`;
    case 'ne':
      return `${col} IS DISTINCT FROM ${set(one(c.value))}`;
    case 'in':
      params[p] = list();
      return field.type === 'tags' ? `${col} && CAST(:${p} AS text[])` : `${col} IN (:...${p})`;
    case 'notIn':
      params[p] = list();
      return field.type === 'tags' ? `NOT (${col} && CAST(:${p} AS text[]))` : `(${col} IS NULL OR ${col} NOT IN (:...${p}))`;
    case 'gt':
      return `${col} > ${set(one(c.value))}`;
    case 'gte':
      return `${col} >= ${set(one(c.value))}`;
    case 'lt':
      return `${col} < ${set(one(c.value))}`;
    case 'lte':
      return `${col} <= ${set(one(c.value))}`;
    case 'between': {
      if (!Array.isArray(c.value) || c.value.length !== 2) throw bad('"between" takes [from, to]');
      const [from, to] = c.value.map(one);
      params[`${p}a`] = from;
      params[`${p}b`] = to;
      return `${col} BETWEEN :${p}a AND :${p}b`;
    }
    case 'contains':
      if (field.type === 'tags') return `${col} @> CAST(ARRAY[${set(one(c.value))}] AS text[])`;
      return `${col} ILIKE ${set(`%${escapeLike(String(one(c.value)))}%`)}`;
    case 'startsWith':
      return `${col} ILIKE ${set(`${escapeLike(String(one(c.value)))}%`)}`;
    case 'isEmpty':
      if (c.value !== undefined) throw bad('"isEmpty" takes no value');
      return field.type === 'tags' ? `cardinality(${col}) = 0` : field.type === 'text' ? `NULLIF(${col}, '') IS NULL` : `${col} IS NULL`;
    case 'isNotEmpty':
      if (c.value !== undefined) throw bad('"isNotEmpty" takes no value');
      return field.type === 'tags' ? `cardinality(${col}) > 0` : field.type === 'text' ? `NULLIF(${col}, '') IS NOT NULL` : `${col} IS NOT NULL`;
    case 'olderThanDays':
      // a record with no date at all counts as old when the field has no fallback (never followed up)
      return field.olderThan ? `${field.olderThan} < now() - make_interval(days => ${set(days())})` : `(${col} IS NULL OR ${col} < now() - make_interval(days => ${set(days())}))`;
    case 'withinNextDays':
      return `(${col} >= now() AND ${col} < now() + make_interval(days => ${set(days())}))`;
    default:
      throw badRequest('FILTER_OPERATOR_NOT_ALLOWED', `${at}.op`, `"${c.op}" is for workflow rules, not lists`);
  }
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (ch) => `\\${ch}`);

/** A single value of the field's type, or a 400. */
function checkValue(field: FilterableField, v: unknown, bad: (m: string) => Error): unknown {
  switch (field.type) {
    case 'text':
    case 'tags':
      if (typeof v !== 'string' || !v.length || v.length > 200) throw bad('takes text of 1 to 200 characters');
      return v;
    case 'enum':
      if (typeof v !== 'string' || !field.options?.includes(v)) throw bad(`takes one of ${field.options?.join(', ')}`);
      return v;
    case 'number':
      if (typeof v !== 'number' || !Number.isFinite(v)) throw bad('takes a number');
      return v;
    case 'date':
      if (typeof v !== 'string' || !DATE.test(v) || Number.isNaN(Date.parse(v))) throw bad('takes a date (2026-01-31) or an RFC 3339 date-time');
      return v;
    case 'uuid':
      if (typeof v !== 'string' || !UUID.test(v)) throw bad('takes a UUID');
      return v;
    case 'boolean':
      if (typeof v !== 'boolean') throw bad('takes true or false');
      return v;
  }
}
