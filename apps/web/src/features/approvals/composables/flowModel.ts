import type { FilterOperator } from '@keyuan/shared';

/** A condition row as the builder edits it: `value` as typed text, parsed when saved. */
export interface ConditionRow {
  field: string;
  op: FilterOperator;
  value: string;
}

export interface ApproverRow {
  type: 'manager' | 'role' | 'users';
  of: string | null;
  roleKey: string | null;
  userIds: string[];
}

export interface StepRow {
  name: string;
  mode: 'any' | 'all';
  approvers: ApproverRow[];
}

/** Operators the builder offers per field type (`changed` belongs to workflow rules). */
export const OPERATORS: Record<string, FilterOperator[]> = {
  number: ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'between', 'isEmpty', 'isNotEmpty'],
  string: ['eq', 'ne', 'in', 'notIn', 'contains', 'startsWith', 'isEmpty', 'isNotEmpty'],
  date: ['olderThanDays', 'withinNextDays', 'isEmpty', 'isNotEmpty'],
  boolean: ['eq', 'ne'],
  user: ['eq', 'ne', 'in', 'isEmpty', 'isNotEmpty'],
};

const NO_VALUE = new Set<FilterOperator>(['isEmpty', 'isNotEmpty']);
const LIST = new Set<FilterOperator>(['in', 'notIn', 'between']);

export const needsValue = (op: FilterOperator) => !NO_VALUE.has(op);

/** The typed text as the API's value: numbers for number fields and day counts, lists split on commas. */
export function parseValue(type: string, op: FilterOperator, text: string): unknown {
  if (!needsValue(op)) return undefined;
  const one = (s: string): unknown => {
    const v = s.trim();
    if ((type === 'number' || op.endsWith('Days')) && v !== '' && !Number.isNaN(Number(v))) return Number(v);
    if (type === 'boolean') return v === 'true';
    return v;
  };
  return LIST.has(op) ? text.split(/[,，]/).map(one).filter((v) => v !== '') : one(text);
}

/** The API's value as text for the builder. */
export const valueText = (v: unknown) => (Array.isArray(v) ? v.join(', ') : v === undefined || v === null ? '' : String(v));

export const blankApprover = (): ApproverRow => ({ type: 'manager', of: null, roleKey: null, userIds: [] });
export const blankStep = (): StepRow => ({ name: '', mode: 'any', approvers: [blankApprover()] });

/** Steps as the API takes them: only the keys each approver type uses. */
export function stepsBody(steps: StepRow[]) {
  return steps.map((s) => ({
    name: s.name.trim() || null,
    mode: s.mode,
    approvers: s.approvers.map((a) =>
      a.type === 'manager' ? { type: a.type, of: a.of || null } : a.type === 'role' ? { type: a.type, roleKey: a.roleKey } : { type: a.type, userIds: a.userIds },
    ),
  }));
}
