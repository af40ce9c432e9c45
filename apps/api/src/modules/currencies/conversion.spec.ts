import { convertAmount, formatAmount, tooPrecise, normalizeRate, sumAmounts } from './conversion';

describe('convertAmount', () => {
  it.each([
    ['100.00', '7.1234', 2, '712.34'],
    ['1.00', '7.125', 2, '7.13'], // half-up on the third decimal
    ['1.00', '7.1249999999', 2, '7.12'],
    ['0.10', '0.0479', 2, '0.00'],
    ['12345678901234.56', '7.2', 2, '88888888088888.83'],
    ['1000.00', '0.0478', 0, '48'], // a base with no minor unit (JPY-like)
    ['1000.00', '0.3256', 3, '325.600'],
    ['99.99', '1', 2, '99.99'],
  ])('%s × %s to %d digits = %s', (amount, rate, digits, expected) => {
    expect(convertAmount(amount, rate, digits)).toBe(expected);
  });

  it('sums exactly and normalises rates', () => {
    expect(sumAmounts(['0.10', '0.20', '0.30'], 2)).toBe('0.60');
    expect(normalizeRate('7.1200000000')).toBe('7.12');
  });
});

describe('formatAmount / tooPrecise (ISO minor units)', () => {
  it.each([
    ['30000.000', 2, '30000.00'],
    ['1.234', 3, '1.234'],
    ['1000', 0, '1000'],
    ['1000.000', 0, '1000'],
    ['1000.5', 0, '1000.5'],
    ['-3000.000', 2, '-3000.00'],
  ])('%s with %i decimals → %s', (amount, digits, out) => {
    expect(formatAmount(amount, digits)).toBe(out);
  });

  it.each([
    ['100.5', 0, true],
    ['100', 0, false],
    ['1.234', 2, true],
    ['1.230', 2, false],
    ['1.234', 3, false],
    ['1.2345', 3, true],
  ])('%s beyond %i decimals: %s', (amount, digits, out) => {
    expect(tooPrecise(amount, digits)).toBe(out);
  });
});
