import { describe, expect, it } from 'vitest';
import { blankDraft, bodyOf, operatorsFor } from '../composables/ruleDraft';

describe('bodyOf', () => {
  it('sends only what each trigger and action type uses, and no value for value-less operators', () => {
    const draft = {
      ...blankDraft('lead'),
      name: '  回访  ',
      trigger: { type: 'dateReached' as const, field: 'lastActivityAt', days: 7, direction: 'after' as const, to: 'qualified' },
      conditions: [
        { field: 'notes', op: 'isEmpty' as const, value: 'left over' },
        { field: 'city', op: 'eq' as const, value: '杭州' },
      ],
      actions: [
        { type: 'createTask' as const, title: '回访', dueInDays: 1, assignee: 'owner' as const, message: 'stale', userIds: [] },
        { type: 'updateField' as const, field: 'status', value: 'contacted', title: '' },
      ],
    };
    expect(bodyOf(draft)).toEqual({
      name: '回访',
      description: null,
      entityType: 'lead',
      enabled: true,
      trigger: { type: 'dateReached', field: 'lastActivityAt', days: 7, direction: 'after' },
      conditions: { match: 'all', conditions: [{ field: 'notes', op: 'isEmpty' }, { field: 'city', op: 'eq', value: '杭州' }] },
      actions: [
        { type: 'createTask', title: '回访', dueInDays: 1, assignee: 'owner' },
        { type: 'updateField', field: 'status', value: 'contacted' },
      ],
    });
  });
});

describe('operatorsFor', () => {
  it('offers operators that fit the field, and `changed` only for update triggers', () => {
    expect(operatorsFor({ name: 'score', type: 'number', updatable: false }, false)).toContain('between');
    expect(operatorsFor({ name: 'lastActivityAt', type: 'date', updatable: false }, false)).toContain('olderThanDays');
    expect(operatorsFor({ name: 'status', type: 'enum', options: ['new'], updatable: true }, false)).not.toContain('changed');
    expect(operatorsFor({ name: 'status', type: 'enum', options: ['new'], updatable: true }, true)).toContain('changed');
  });
});
