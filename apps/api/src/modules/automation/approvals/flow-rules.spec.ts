import { DomainError } from '@core/http/domain-error';
import type { ApprovalKind } from './approval-kinds';
import { cleanSteps, validateFlow } from './flow-rules';

const kind: ApprovalKind = { kind: 'quote', triggers: ['submit'], fields: { amount: 'number', name: 'string', ownerId: 'user', endsAt: 'date' } };
const steps = [{ mode: 'any' as const, approvers: [{ type: 'manager' as const }] }];

function failure(flow: Parameters<typeof validateFlow>[2], k: ApprovalKind | undefined = kind): { code: string; field: string } | null {
  try {
    validateFlow(k, 'quote', flow);
    return null;
  } catch (e) {
    const err = e as DomainError;
    return { code: err.code, field: err.errors?.[0]?.field ?? '' };
  }
}

describe('approval flow rules', () => {
  it.each([
    [{ trigger: 'submit', steps }, null],
    [{ trigger: 'submit', condition: { match: 'all' as const, conditions: [{ field: 'amount', op: 'gte' as const, value: 500000 }] }, steps }, null],
    [{ trigger: 'submit', condition: { match: 'all' as const, conditions: [{ field: 'name', op: 'isEmpty' as const }] }, steps }, null],
    [{ trigger: 'submit', condition: { match: 'any' as const, conditions: [{ field: 'endsAt', op: 'withinNextDays' as const, value: 30 }] }, steps }, null],
    [{ trigger: 'approve', steps }, { code: 'APPROVAL_UNKNOWN_TRIGGER', field: 'trigger' }],
    [{ trigger: 'submit', condition: { match: 'all' as const, conditions: [{ field: 'discount', op: 'gt' as const, value: 1 }] }, steps }, { code: 'APPROVAL_UNKNOWN_FIELD', field: 'condition.conditions.0.field' }],
    [{ trigger: 'submit', condition: { match: 'all' as const, conditions: [{ field: 'amount', op: 'changed' as const }] }, steps }, { code: 'APPROVAL_UNKNOWN_FIELD', field: 'condition.conditions.0.op' }],
    [{ trigger: 'submit', condition: { match: 'all' as const, conditions: [{ field: 'amount', op: 'gt' as const }] }, steps }, { code: 'VALUE_REQUIRED', field: 'condition.conditions.0.value' }],
    [{ trigger: 'submit', condition: { match: 'all' as const, conditions: [{ field: 'amount', op: 'between' as const, value: [1] }] }, steps }, { code: 'INVALID_VALUE', field: 'condition.conditions.0.value' }],
    [{ trigger: 'submit', condition: { match: 'all' as const, conditions: [{ field: 'amount', op: 'in' as const, value: 3 }] }, steps }, { code: 'INVALID_VALUE', field: 'condition.conditions.0.value' }],
    [{ trigger: 'submit', condition: { match: 'all' as const, conditions: [{ field: 'amount', op: 'gt' as const, value: 'lots' }] }, steps }, { code: 'INVALID_VALUE', field: 'condition.conditions.0.value' }],
    [{ trigger: 'submit', steps: [{ mode: 'all' as const, approvers: [{ type: 'users' as const, userIds: [] }] }] }, { code: 'APPROVAL_INVALID_APPROVER', field: 'steps.0.approvers.0.userIds' }],
    [{ trigger: 'submit', steps: [{ mode: 'all' as const, approvers: [{ type: 'manager' as const, of: 'amount' }] }] }, { code: 'APPROVAL_INVALID_APPROVER', field: 'steps.0.approvers.0.of' }],
  ])('%j → %j', (flow, expected) => {
    expect(failure(flow)).toEqual(expected);
  });

  it('refuses kinds nobody registered', () => {
    expect(() => validateFlow(undefined, 'spaceship', { trigger: 'submit', steps })).toThrow(expect.objectContaining({ code: 'APPROVAL_UNKNOWN_KIND' }));
  });

  it('stores only the keys each approver type uses', () => {
    expect(
      cleanSteps([{ mode: 'any', approvers: [{ type: 'manager', roleKey: 'x' }, { type: 'users', userIds: ['a', 'a', 'b'], of: 'ownerId' }] }]),
    ).toEqual([{ name: null, mode: 'any', approvers: [{ type: 'manager', of: null }, { type: 'users', userIds: ['a', 'b'] }] }]);
  });
});
