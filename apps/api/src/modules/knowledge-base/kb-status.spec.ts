import { allowedKbStatuses, KB_ARTICLE_STATUSES } from './kb-status';

describe('allowedKbStatuses', () => {
  it.each([
    ['draft', ['published', 'archived']],
    ['published', ['draft', 'archived']],
    ['archived', ['draft']],
  ] as const)('%s → %j', (from, to) => {
    expect(allowedKbStatuses(from)).toEqual(to);
  });

  it('never allows staying put or an unknown status', () => {
    for (const s of KB_ARTICLE_STATUSES) {
      expect(allowedKbStatuses(s)).not.toContain(s);
      expect(allowedKbStatuses(s).every((x) => KB_ARTICLE_STATUSES.includes(x))).toBe(true);
    }
  });
});
