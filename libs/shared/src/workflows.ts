import type { FilterGroup } from './filters';

/**
 * Workflow rules: a trigger on a record kind, conditions in the shared filter model, and actions.
 * Shared by the API (validation, engine) and the web rule builder.
 */
export const WORKFLOW_TRIGGER_TYPES = [
  'created',
  'updated',
  /** A field changed, optionally to a given value (`to`): a status or stage move. */
  'fieldChanged',
  'deleted',
  'ownerChanged',
  /** Time-based: `days` before or after a date field (`field`), checked by a scheduled scan. */
  'dateReached',
] as const;
export type WorkflowTriggerType = (typeof WORKFLOW_TRIGGER_TYPES)[number];

export interface WorkflowTrigger {
  type: WorkflowTriggerType;
  /** fieldChanged, dateReached: the field. */
  field?: string;
  /** fieldChanged: the value it changed to (absent: any change). */
  to?: string | number | boolean | null;
  /** dateReached: how many days. */
  days?: number;
  /** dateReached: before or after the date. */
  direction?: 'before' | 'after';
}

export const WORKFLOW_ACTION_TYPES = ['createTask', 'notify', 'updateField', 'assignRoundRobin', 'moveToPool'] as const;
export type WorkflowActionType = (typeof WORKFLOW_ACTION_TYPES)[number];

/** Who gets a task the rule creates. */
export const WORKFLOW_ASSIGNEES = ['owner', 'user'] as const;
export type WorkflowAssignee = (typeof WORKFLOW_ASSIGNEES)[number];

/** One action; which properties apply depends on `type`. */
export interface WorkflowAction {
  type: WorkflowActionType;
  /** createTask: the task's title. */
  title?: string;
  /** createTask: due this many days after the run (0: today). */
  dueInDays?: number;
  /** createTask: the record's owner or a named user (`userId`). */
  assignee?: WorkflowAssignee;
  /** createTask (assignee `user`): the user. */
  userId?: string;
  /** notify: the message; notify goes to the owner and to `userIds`. assignRoundRobin: the group, in turn. */
  message?: string;
  userIds?: string[];
  /** updateField: the field and its new value, or for a date `daysFromNow`. */
  field?: string;
  value?: string | number | boolean | null;
  daysFromNow?: number;
  /** moveToPool: the pool, and the reason kept in the audit log. */
  poolId?: string;
  reason?: string;
}

export interface WorkflowRuleDefinition {
  entityType: string;
  trigger: WorkflowTrigger;
  conditions: FilterGroup;
  actions: WorkflowAction[];
}

export const WORKFLOW_RUN_OUTCOMES = ['running', 'succeeded', 'failed', 'skipped'] as const;
export type WorkflowRunOutcome = (typeof WORKFLOW_RUN_OUTCOMES)[number];

/** A rule's own updates re-trigger rules only while the event's depth is below this (loop protection). */
export const WORKFLOW_MAX_DEPTH = 3;
