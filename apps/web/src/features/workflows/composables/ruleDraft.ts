import type { FilterOperator } from '@keyuan/shared';
import type { WorkflowAction, WorkflowCondition, WorkflowField, WorkflowRule, WorkflowRuleBody, WorkflowTrigger } from '../api';

/** The rule as the builder edits it. */
export interface RuleDraft {
  name: string;
  description: string;
  entityType: string;
  enabled: boolean;
  trigger: WorkflowTrigger;
  match: 'all' | 'any';
  conditions: WorkflowCondition[];
  actions: WorkflowAction[];
}

export const blankDraft = (entityType = 'lead'): RuleDraft => ({
  name: '',
  description: '',
  entityType,
  enabled: true,
  trigger: { type: 'fieldChanged', field: 'status' },
  match: 'all',
  conditions: [],
  actions: [{ type: 'createTask', title: '', dueInDays: 1, assignee: 'owner' }],
});

export const draftOf = (r: WorkflowRule): RuleDraft => ({
  name: r.name,
  description: r.description ?? '',
  entityType: r.entityType,
  enabled: r.enabled,
  trigger: { ...r.trigger },
  match: r.conditions.match,
  conditions: r.conditions.conditions.map((c) => ({ ...c })),
  actions: r.actions.map((a) => ({ ...a })),
});

/** Properties each trigger and action type uses; the others are dropped before sending. */
const TRIGGER_KEYS: Record<string, string[]> = {
  fieldChanged: ['field', 'to'],
  dateReached: ['field', 'days', 'direction'],
};
export const ACTION_KEYS: Record<string, string[]> = {
  createTask: ['title', 'dueInDays', 'assignee', 'userId'],
  notify: ['message', 'userIds'],
  updateField: ['field', 'value', 'daysFromNow'],
  assignRoundRobin: ['userIds'],
  moveToPool: ['poolId', 'reason'],
};

const pick = <T extends object>(o: T, keys: string[]): T =>
  Object.fromEntries(Object.entries(o).filter(([k, v]) => k === 'type' || (keys.includes(k) && v !== undefined && v !== ''))) as T;

export function bodyOf(d: RuleDraft): WorkflowRuleBody {
  return {
    name: d.name.trim(),
    description: d.description.trim() || null,
    entityType: d.entityType,
    enabled: d.enabled,
    trigger: pick(d.trigger, TRIGGER_KEYS[d.trigger.type] ?? []),
    conditions: { match: d.match, conditions: d.conditions.map((c) => (NO_VALUE.has(c.op) ? { field: c.field, op: c.op } : c)) },
    actions: d.actions.map((a) => pick(a, ACTION_KEYS[a.type] ?? [])),
  };
}

/** Operators without a value. */
export const NO_VALUE = new Set<FilterOperator>(['isEmpty', 'isNotEmpty', 'changed']);

/** Operators that make sense for a field type (`changed` only for update triggers). */
export function operatorsFor(field: WorkflowField | undefined, updateTrigger: boolean): FilterOperator[] {
  const base: FilterOperator[] = ['eq', 'ne', 'isEmpty', 'isNotEmpty'];
  const byType: Record<string, FilterOperator[]> = {
    enum: ['eq', 'ne', 'in', 'notIn'],
    number: ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'between'],
    date: ['olderThanDays', 'withinNextDays', 'isEmpty', 'isNotEmpty'],
    string: ['eq', 'ne', 'contains', 'startsWith', 'isEmpty', 'isNotEmpty'],
  };
  const ops = field ? (byType[field.type] ?? base) : base;
  return updateTrigger ? [...ops, 'changed'] : ops;
}

export const UPDATE_TRIGGERS = new Set(['updated', 'fieldChanged', 'ownerChanged']);
