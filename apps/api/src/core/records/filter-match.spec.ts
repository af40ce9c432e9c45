import { matchesCondition, matchesGroup } from '@keyuan/shared';

describe('approval conditions (filter model in memory)', () => {
  const rec = { amount: '500000.00', score: 42, name: '华东大客户', tags: [], city: null, endsAt: '2026-12-10T00:00:00.000Z' };
  const now = Date.parse('2026-12-01T00:00:00.000Z');
  it.each([
    [{ field: 'amount', op: 'gte', value: 500000 }, true],
    [{ field: 'amount', op: 'gt', value: '500000' }, false],
    [{ field: 'score', op: 'gt', value: 15 }, true],
    [{ field: 'score', op: 'lt', value: 15 }, false],
    [{ field: 'score', op: 'between', value: [40, 50] }, true],
    [{ field: 'score', op: 'in', value: [1, 42] }, true],
    [{ field: 'score', op: 'notIn', value: [1, 42] }, false],
    [{ field: 'name', op: 'contains', value: '大客户' }, true],
    [{ field: 'name', op: 'startsWith', value: '华南' }, false],
    [{ field: 'city', op: 'isEmpty' }, true],
    [{ field: 'tags', op: 'isNotEmpty' }, false],
    [{ field: 'city', op: 'gt', value: 1 }, false],
    [{ field: 'endsAt', op: 'withinNextDays', value: 10 }, true],
    [{ field: 'endsAt', op: 'olderThanDays', value: 1 }, false],
    [{ field: 'score', op: 'changed' }, false],
  ] as const)('%j → %s', (c, expected) => {
    expect(matchesCondition(c as never, rec, { now })).toBe(expected);
  });

  it('joins with all / any; an empty group matches everything', () => {
    const hi = { field: 'score', op: 'gt' as const, value: 40 };
    const lo = { field: 'score', op: 'lt' as const, value: 10 };
    expect(matchesGroup({ match: 'all', conditions: [hi, lo] }, rec)).toBe(false);
    expect(matchesGroup({ match: 'any', conditions: [hi, lo] }, rec)).toBe(true);
    expect(matchesGroup({ match: 'all', conditions: [] }, rec)).toBe(true);
    expect(matchesGroup(null, rec)).toBe(true);
  });
});
