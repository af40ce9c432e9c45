import { dateInDays, monthRange, secondsBetween, weightedAmount } from './opportunity-rules';

describe('opportunity rules', () => {
  it.each([
    ['128000.00', 60, '76800.00'],
    ['100', 50, '50.00'],
    ['0.01', 50, '0.01'],
    ['0.01', 49, '0.00'],
    ['99.99', 33, '33.00'],
    ['12345678901234.56', 100, '12345678901234.56'],
    ['10.5', 0, '0.00'],
    ['1.1', 10, '0.11'],
  ])('weights %s at %i%% as %s (half-up to cents)', (amount, p, expected) => {
    expect(weightedAmount(amount, p)).toBe(expected);
  });

  it('gives month ranges, including February of a leap year', () => {
    expect(monthRange('2028-02')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(monthRange('2026-12')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
  });

  it('counts whole seconds and dates ahead', () => {
    expect(secondsBetween(new Date('2026-01-01T00:00:00Z'), new Date('2026-01-02T00:00:01.900Z'))).toBe(86401);
    expect(secondsBetween(new Date('2026-01-02T00:00:00Z'), new Date('2026-01-01T00:00:00Z'))).toBe(0);
    expect(dateInDays(30, new Date('2026-01-15T12:00:00Z'))).toBe('2026-02-14');
  });
});

