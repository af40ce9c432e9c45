import { lineAmount, lineGross, linesTotal } from './line-totals';

describe('line totals', () => {
  it.each([
    ['3', '19800.00', '0', '59400.00'],
    ['1.5', '2500.00', '10', '3375.00'],
    ['3', '33.333', '0', '100.00'], // 99.999 → 100.00
    ['1', '0.005', '0', '0.01'], // half-up
    ['7', '1199.99', '12.5', '7349.94'], // 8399.93 × 0.875 = 7349.93875
    ['0', '100', '0', '0.00'],
  ])('%s × %s − %s%% = %s', (quantity, unitPrice, discountPercent, expected) => {
    expect(lineAmount({ quantity, unitPrice, discountPercent }).toFixed(2)).toBe(expected);
  });

  it('sums line amounts after rounding each', () => {
    expect(linesTotal([{ quantity: '1', unitPrice: '0.005' }, { quantity: '1', unitPrice: '0.005' }])).toEqual({ amounts: ['0.01', '0.01'], total: '0.02' });
    expect(lineGross({ quantity: '3', unitPrice: '33.333' }).toFixed(2)).toBe('100.00');
  });
});
