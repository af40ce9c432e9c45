import type { FilterCondition, FilterGroup } from './filters';

/** A record as the filter sees it: its API field names and plain values. */
export type RecordValues = Record<string, unknown>;

/** When the filter is evaluated: the time, and for a change event the fields it changed (for `changed`). */
export interface MatchOptions {
  now?: number;
  changes?: { field: string; new: unknown }[];
}

const DAY = 86_400_000;
const isEmpty = (v: unknown) => v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);

/** Numbers, decimal strings ("12500.00") and dates compare as numbers; everything else as text. */
function comparable(v: unknown): number | string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return v;
  if (v instanceof Date) return v.getTime();
  if (typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v))) return Number(v);
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v) && !Number.isNaN(Date.parse(v))) return Date.parse(v);
  return String(v);
}

function compare(a: unknown, b: unknown): number | null {
  const x = comparable(a);
  const y = comparable(b);
  if (x === null || y === null) return null;
  if (typeof x === 'number' && typeof y === 'number') return x - y;
  return String(x).localeCompare(String(y));
}

const same = (a: unknown, b: unknown) => compare(a, b) === 0 || (a === b && a !== undefined);

/**
 * One condition against one record: the filter model's meaning evaluated in memory (approval-flow and
 * workflow-rule conditions; lists compile the same model to SQL in the API).
 */
export function matchesCondition(c: FilterCondition, record: RecordValues, opts: MatchOptions = {}): boolean {
  const now = opts.now ?? Date.now();
  const v = record[c.field];
  const list = Array.isArray(c.value) ? c.value : [c.value];
  switch (c.op) {
    case 'eq':
      return same(v, c.value);
    case 'ne':
      return !same(v, c.value);
    case 'in':
      return list.some((x) => same(v, x));
    case 'notIn':
      return !list.some((x) => same(v, x));
    case 'gt':
      return (compare(v, c.value) ?? 0) > 0 && compare(v, c.value) !== null;
    case 'gte':
      return compare(v, c.value) !== null && compare(v, c.value)! >= 0;
    case 'lt':
      return compare(v, c.value) !== null && compare(v, c.value)! < 0;
    case 'lte':
      return compare(v, c.value) !== null && compare(v, c.value)! <= 0;
    case 'between':
      return compare(v, list[0]) !== null && compare(v, list[0])! >= 0 && compare(v, list[1]) !== null && compare(v, list[1])! <= 0;
    case 'contains':
      return typeof v === 'string' && v.toLowerCase().includes(String(c.value ?? '').toLowerCase());
    case 'startsWith':
      return typeof v === 'string' && v.toLowerCase().startsWith(String(c.value ?? '').toLowerCase());
    case 'isEmpty':
      return isEmpty(v);
    case 'isNotEmpty':
      return !isEmpty(v);
    case 'olderThanDays': {
      const t = comparable(v);
      return t === null || (typeof t === 'number' && t <= now - Number(c.value) * DAY);
    }
    case 'withinNextDays': {
      const t = comparable(v);
      return typeof t === 'number' && t >= now && t <= now + Number(c.value) * DAY;
    }
    case 'changed': {
      // only with a change event (workflow rules); a record alone has no changes
      const change = opts.changes?.find((x) => x.field === c.field);
      return !!change && (c.value === undefined || same(change.new, c.value));
    }
    default:
      return false;
  }
}

/** Whether the record matches the group; no group (or no conditions) matches every record. */
export function matchesGroup(group: FilterGroup | null | undefined, record: RecordValues, opts: MatchOptions = {}): boolean {
  if (!group || !group.conditions.length) return true;
  const test = (c: FilterCondition) => matchesCondition(c, record, opts);
  return group.match === 'any' ? group.conditions.some(test) : group.conditions.every(test);
}
