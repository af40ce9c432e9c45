import { computeLeadScore } from './lead-score';

describe('computeLeadScore', () => {
  it('adds completeness, source and engagement', () => {
    expect(computeLeadScore({ name: 'a', source: 'other' }, 0)).toBe(10);
    expect(computeLeadScore({ name: 'a', phone: 'p', email: 'e', company: 'c', title: 't', source: 'referral' }, 0)).toBe(65);
    expect(computeLeadScore({ name: 'a', phone: 'p', email: 'e', company: 'c', title: 't', source: 'referral' }, 2)).toBe(79);
  });
  it('caps engagement at 35 and the total at 100', () => {
    expect(computeLeadScore({ name: 'a', phone: 'p', email: 'e', company: 'c', title: 't', source: 'referral' }, 50)).toBe(100);
  });
  it('scores unqualified leads 0', () => {
    expect(computeLeadScore({ name: 'a', phone: 'p', source: 'web', status: 'unqualified' }, 3)).toBe(0);
  });
});
