import type { FilterCondition, FilterOperator } from '@keyuan/shared';

export interface FilterOption {
  value: string | number | boolean;
  /** Shown as is (a record's name)... */
  label?: string;
  /** ...or translated. */
  labelKey?: string;
}

export interface FilterTreeNode {
  id: string;
  name: string;
  children?: FilterTreeNode[];
}

export interface FilterField {
  /** The query parameter. */
  key: string;
  labelKey: string;
  type: 'text' | 'select' | 'boolean' | 'tree' | 'date-range' | 'number-range';
  options?: FilterOption[];
  /** For type tree (departments...). */
  tree?: FilterTreeNode[];
  multiple?: boolean;
  /** Bounds of a number-range (sent as `<key>From` / `<key>To`). */
  min?: number;
  max?: number;
  width?: string;
}

/** The type of a list field in the advanced filter, as the API declares it (ListSpec.fields). */
export type FilterFieldType = 'text' | 'enum' | 'number' | 'date' | 'uuid' | 'boolean' | 'tags';

/** A field the advanced filter builder offers (from a RecordColumn's `filter`). */
export interface FilterBuilderField {
  field: string;
  labelKey: string;
  type: FilterFieldType;
  options?: FilterOption[];
}

/** The operators each type takes; the API answers 400 FILTER_OPERATOR_NOT_ALLOWED for any other. */
export const OPERATORS_BY_TYPE: Record<FilterFieldType, readonly FilterOperator[]> = {
  text: ['contains', 'eq', 'ne', 'startsWith', 'in', 'notIn', 'isEmpty', 'isNotEmpty'],
  enum: ['eq', 'ne', 'in', 'notIn', 'isEmpty', 'isNotEmpty'],
  number: ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'between', 'isEmpty', 'isNotEmpty'],
  date: ['olderThanDays', 'withinNextDays', 'gte', 'lte', 'between', 'isEmpty', 'isNotEmpty'],
  uuid: ['eq', 'ne', 'in', 'notIn', 'isEmpty', 'isNotEmpty'],
  boolean: ['eq', 'ne'],
  tags: ['contains', 'in', 'notIn', 'isEmpty', 'isNotEmpty'],
};

/** What value an operator takes: none, one, a list, two bounds, or a number of days. */
export function valueShape(op: FilterOperator): 'none' | 'one' | 'list' | 'range' | 'days' {
  if (op === 'isEmpty' || op === 'isNotEmpty') return 'none';
  if (op === 'in' || op === 'notIn') return 'list';
  if (op === 'between') return 'range';
  if (op === 'olderThanDays' || op === 'withinNextDays') return 'days';
  return 'one';
}

/** Whether a condition is complete enough to send (the builder drops half-filled rows). */
export function conditionReady(c: FilterCondition): boolean {
  const shape = valueShape(c.op);
  if (shape === 'none') return true;
  if (shape === 'list') return Array.isArray(c.value) && c.value.length > 0;
  if (shape === 'range') return Array.isArray(c.value) && c.value.length === 2 && c.value.every((v) => v !== null && v !== '' && v !== undefined);
  if (shape === 'days') return typeof c.value === 'number' && c.value >= 0;
  return c.value !== undefined && c.value !== null && c.value !== '';
}
