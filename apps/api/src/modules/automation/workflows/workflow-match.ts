import type { FilterCondition, FilterGroup, WorkflowTrigger } from '@keyuan/shared';

/** What a rule is matched against: the event (absent for time-based and dry runs) and the record now. */
export interface MatchContext {
  /** The committed event's name, e.g. `record.updated`. */
  eventName?: string;
  /** Fields the event changed, old → new. */
  changes: { field: string; old: unknown; new: unknown }[];
  record: Record<string, unknown>;
  now: Date;
}

const DAY = 86_400_000;

const EVENT_OF: Record<string, string> = {
  created: 'record.created',
  updated: 'record.updated',
  fieldChanged: 'record.updated',
  deleted: 'record.deleted',
  ownerChanged: 'record.ownerChanged',
};

const scalar = (v: unknown): unknown => (v instanceof Date ? v.toISOString() : v);
const same = (a: unknown, b: unknown) => String(scalar(a) ?? '') === String(scalar(b) ?? '') && (a == null) === (b == null);

/** Whether an event sets off the trigger (time-based triggers are the scheduler's, never an event's). */
export function triggerMatches(trigger: WorkflowTrigger, ctx: MatchContext): boolean {
  if (trigger.type === 'dateReached') return false;
  // an owner change is also an update of the owner fields: "updated" and "fieldChanged ownerId" see it
  const names = trigger.type === 'ownerChanged' ? ['record.ownerChanged'] : [EVENT_OF[trigger.type], ...(trigger.type === 'created' || trigger.type === 'deleted' ? [] : ['record.ownerChanged'])];
  if (!ctx.eventName || !names.includes(ctx.eventName)) return false;
  if (trigger.type !== 'fieldChanged') return true;
  const change = ctx.changes.find((c) => c.field === trigger.field);
  if (!change) return false;
  return trigger.to === undefined || same(change.new, trigger.to);
}

function asTime(v: unknown): number | null {
  if (v == null || v === '') return null;
  const t = v instanceof Date ? v.getTime() : new Date(String(v)).getTime();
  return Number.isNaN(t) ? null : t;
}

/** Orders two values: numbers as numbers, dates as times, the rest as text. */
function compare(a: unknown, b: unknown): number | null {
  if (a == null || b == null) return null;
  if (typeof a === 'number' || typeof b === 'number') {
    const x = Number(a);
    const y = Number(b);
    return Number.isNaN(x) || Number.isNaN(y) ? null : x - y;
  }
  if (a instanceof Date) {
    const y = asTime(b);
    return y === null ? null : a.getTime() - y;
  }
  return String(a).localeCompare(String(b));
}

const empty = (v: unknown) => v == null || v === '' || (Array.isArray(v) && v.length === 0);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : [v]);

/** One condition against the record (and the event's changes for `changed`). */
export function conditionMatches(c: FilterCondition, ctx: MatchContext): boolean {
  const v = ctx.record[c.field];
  switch (c.op) {
    case 'eq':
      return same(v, c.value);
    case 'ne':
      return !same(v, c.value);
    case 'in':
      return list(c.value).some((x) => same(v, x));
    case 'notIn':
      return !list(c.value).some((x) => same(v, x));
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      const r = compare(v, c.value);
      if (r === null) return false;
      return c.op === 'gt' ? r > 0 : c.op === 'gte' ? r >= 0 : c.op === 'lt' ? r < 0 : r <= 0;
    }
    case 'between': {
      const [lo, hi] = list(c.value);
      const a = compare(v, lo);
      const b = compare(v, hi);
      return a !== null && b !== null && a >= 0 && b <= 0;
    }
    case 'contains':
      return !empty(v) && String(v).toLowerCase().includes(String(c.value ?? '').toLowerCase());
    case 'startsWith':
      return !empty(v) && String(v).toLowerCase().startsWith(String(c.value ?? '').toLowerCase());
    case 'isEmpty':
      return empty(v);
    case 'isNotEmpty':
      return !empty(v);
    case 'olderThanDays': {
      const t = asTime(v);
      return t === null || t <= ctx.now.getTime() - Number(c.value) * DAY;
    }
    case 'withinNextDays': {
      const t = asTime(v);
      return t !== null && t >= ctx.now.getTime() && t <= ctx.now.getTime() + Number(c.value) * DAY;
    }
    case 'changed': {
      const change = ctx.changes.find((x) => x.field === c.field);
      return !!change && (c.value === undefined || same(change.new, c.value));
    }
    default:
      return false;
  }
}

/** All or any of the group's conditions; an empty group always matches. */
export function conditionsMatch(group: FilterGroup, ctx: MatchContext): boolean {
  if (!group.conditions.length) return true;
  return group.match === 'any' ? group.conditions.some((c) => conditionMatches(c, ctx)) : group.conditions.every((c) => conditionMatches(c, ctx));
}
