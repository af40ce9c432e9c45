import type { FilterGroup } from '@keyuan/shared';
import { badRequest } from '@core/http/domain-error';
import type { ApprovalKind } from './approval-kinds';
import type { FlowStep } from './approval-flow.entity';
import { ApprovalErrorCode } from './approvals.errors';

const NEEDS_ARRAY = new Set(['in', 'notIn', 'between']);
const NO_VALUE = new Set(['isEmpty', 'isNotEmpty']);
const NUMERIC = new Set(['gt', 'gte', 'lt', 'lte', 'between', 'olderThanDays', 'withinNextDays']);

/**
 * Checks a flow against its kind: the trigger is one of the kind's, each condition names a known field
 * with a value its operator can use, and each approver is complete. 400 with the field path otherwise.
 */
export function validateFlow(kind: ApprovalKind | undefined, kindName: string, flow: { trigger: string; condition?: FilterGroup | null; steps: FlowStep[] }): void {
  if (!kind) throw badRequest(ApprovalErrorCode.APPROVAL_UNKNOWN_KIND, 'kind', `${kindName} does not ask for approvals`);
  if (!kind.triggers.includes(flow.trigger)) {
    throw badRequest(ApprovalErrorCode.APPROVAL_UNKNOWN_TRIGGER, 'trigger', `trigger must be one of ${kind.triggers.join(', ')}`);
  }
  (flow.condition?.conditions ?? []).forEach((c, i) => {
    const at = `condition.conditions.${i}`;
    const type = kind.fields[c.field];
    if (!type) throw badRequest(ApprovalErrorCode.APPROVAL_UNKNOWN_FIELD, `${at}.field`, `${c.field} is not a field of ${kindName}`);
    if (c.op === 'changed') throw badRequest(ApprovalErrorCode.APPROVAL_UNKNOWN_FIELD, `${at}.op`, 'changed applies to workflow rules only');
    if (NO_VALUE.has(c.op)) return;
    if (c.value === undefined || c.value === null) throw badRequest('VALUE_REQUIRED', `${at}.value`, `${c.op} needs a value`);
    if (NEEDS_ARRAY.has(c.op) !== Array.isArray(c.value) || (c.op === 'between' && (c.value as unknown[]).length !== 2)) {
      throw badRequest('INVALID_VALUE', `${at}.value`, NEEDS_ARRAY.has(c.op) ? `${c.op} needs an array` : `${c.op} needs a single value`);
    }
    const values = Array.isArray(c.value) ? c.value : [c.value];
    if (NUMERIC.has(c.op) && (type === 'number' || c.op.endsWith('Days')) && values.some((v) => Number.isNaN(Number(v)))) {
      throw badRequest('INVALID_VALUE', `${at}.value`, `${c.op} on ${c.field} needs a number`);
    }
  });
  flow.steps.forEach((s, i) =>
    s.approvers.forEach((a, j) => {
      const at = `steps.${i}.approvers.${j}`;
      const fail = (field: string, message: string) => {
        throw badRequest(ApprovalErrorCode.APPROVAL_INVALID_APPROVER, `${at}.${field}`, message);
      };
      if (a.type === 'manager' && a.of && kind.fields[a.of] !== 'user') fail('of', `${a.of} is not a user field of ${kindName}`);
      if (a.type === 'role' && !a.roleKey) fail('roleKey', 'roleKey is required for a role approver');
      if (a.type === 'users' && !a.userIds?.length) fail('userIds', 'userIds is required for named approvers');
    }),
  );
}

/** The step as stored: only the keys its approver type uses. */
export function cleanSteps(steps: FlowStep[]): FlowStep[] {
  return steps.map((s) => ({
    name: s.name ?? null,
    mode: s.mode,
    approvers: s.approvers.map((a) =>
      a.type === 'manager' ? { type: a.type, of: a.of ?? null } : a.type === 'role' ? { type: a.type, roleKey: a.roleKey } : { type: a.type, userIds: [...new Set(a.userIds)] },
    ),
  }));
}
