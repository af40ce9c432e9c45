import type { FilterGroup } from '@keyuan/shared';
import { conditionsMatch, MatchContext, triggerMatches } from './workflow-match';

const now = new Date('2026-11-30T00:00:00Z');
const ctx = (over: Partial<MatchContext> = {}): MatchContext => ({
  eventName: 'record.updated',
  changes: [{ field: 'status', old: 'new', new: 'contacted' }],
  record: { status: 'contacted', score: 40, city: '杭州', notes: null, lastActivityAt: new Date('2026-11-01T00:00:00Z') },
  now,
  ...over,
});

describe('triggerMatches', () => {
  it.each([
    [{ type: 'updated' as const }, ctx(), true],
    [{ type: 'created' as const }, ctx(), false],
    [{ type: 'created' as const }, ctx({ eventName: 'record.created' }), true],
    [{ type: 'fieldChanged' as const, field: 'status' }, ctx(), true],
    [{ type: 'fieldChanged' as const, field: 'status', to: 'contacted' }, ctx(), true],
    [{ type: 'fieldChanged' as const, field: 'status', to: 'qualified' }, ctx(), false],
    [{ type: 'fieldChanged' as const, field: 'city' }, ctx(), false],
    [{ type: 'deleted' as const }, ctx({ eventName: 'record.deleted', changes: [] }), true],
    [{ type: 'ownerChanged' as const }, ctx({ eventName: 'record.ownerChanged' }), true],
    [{ type: 'ownerChanged' as const }, ctx(), false],
    [{ type: 'dateReached' as const, field: 'lastActivityAt', days: 3, direction: 'after' as const }, ctx(), false],
  ])('%j on the event → %s', (trigger, c, expected) => {
    expect(triggerMatches(trigger, c)).toBe(expected);
  });
});

describe('conditionsMatch', () => {
  const group = (match: 'all' | 'any', conditions: FilterGroup['conditions']): FilterGroup => ({ match, conditions });
  it.each([
    [group('all', []), true],
    [group('all', [{ field: 'status', op: 'eq', value: 'contacted' }, { field: 'score', op: 'gte', value: 40 }]), true],
    [group('all', [{ field: 'status', op: 'eq', value: 'contacted' }, { field: 'score', op: 'gt', value: 40 }]), false],
    [group('any', [{ field: 'status', op: 'eq', value: 'new' }, { field: 'score', op: 'lt', value: 50 }]), true],
    [group('any', [{ field: 'status', op: 'eq', value: 'new' }, { field: 'score', op: 'lt', value: 10 }]), false],
    [group('all', [{ field: 'status', op: 'in', value: ['new', 'contacted'] }]), true],
    [group('all', [{ field: 'status', op: 'notIn', value: ['new', 'contacted'] }]), false],
    [group('all', [{ field: 'score', op: 'between', value: [40, 60] }]), true],
    [group('all', [{ field: 'city', op: 'contains', value: '杭' }]), true],
    [group('all', [{ field: 'notes', op: 'isEmpty' }]), true],
    [group('all', [{ field: 'notes', op: 'isNotEmpty' }]), false],
    [group('all', [{ field: 'lastActivityAt', op: 'olderThanDays', value: 14 }]), true],
    [group('all', [{ field: 'lastActivityAt', op: 'olderThanDays', value: 60 }]), false],
    [group('all', [{ field: 'lastActivityAt', op: 'gt', value: '2026-10-01T00:00:00Z' }]), true],
    [group('all', [{ field: 'status', op: 'changed' }]), true],
    [group('all', [{ field: 'status', op: 'changed', value: 'qualified' }]), false],
    [group('all', [{ field: 'city', op: 'changed' }]), false],
  ])('%j → %s', (g, expected) => {
    expect(conditionsMatch(g, ctx())).toBe(expected);
  });
});
