/**
 * The one filter model of the product: advanced list filters, saved views and workflow-rule
 * conditions all speak it, so a condition built in one place means the same thing everywhere.
 * A field is a record's API field name (camelCase); the API validates it against the record kind's
 * filterable fields.
 */
export const FILTER_OPERATORS = [
  'eq',
  'ne',
  'in',
  'notIn',
  'gt',
  'gte',
  'lt',
  'lte',
  'between',
  'contains',
  'startsWith',
  'isEmpty',
  'isNotEmpty',
  /** A date field at least N days in the past (or empty): "no activity for N days". */
  'olderThanDays',
  /** A date field within the next N days: "ends within N days". */
  'withinNextDays',
  /** The field changed in this event (workflow rules only). */
  'changed',
] as const;
export type FilterOperator = (typeof FILTER_OPERATORS)[number];

export interface FilterCondition {
  field: string;
  op: FilterOperator;
  /** Absent for isEmpty / isNotEmpty / changed; an array for in / notIn / between; a number of days for the day operators. */
  value?: unknown;
}

/** Conditions joined by `all` (AND) or `any` (OR). */
export interface FilterGroup {
  match: 'all' | 'any';
  conditions: FilterCondition[];
}
