import { toChineseCapitalAmount } from '@keyuan/shared';
import { computeLineTotals, lineAmount, lineGross, linesTotal } from '@core/money/line-totals';

const line = (quantity: string, unitPrice: string, discountPercent = '0', taxRate = '13', group?: string) => ({ quantity, unitPrice, discountPercent, taxRate, group });

/** Figures computed by hand (see the formula on computeLineTotals and in the README). */
describe('computeLineTotals', () => {
  it('tax included, line discounts, no overall discount', () => {
    // 3 × 1999.00 = 5997.00, −5 % → 5697.15; tax 5697.15 × 13/113 = 655.4155… → 655.42
    // 2 × 333.33 = 666.66, −0 → 666.66; tax 666.66 × 13/113 = 76.6953… → 76.70
    const t = computeLineTotals({ taxIncluded: true, discountPercent: '0', lines: [line('3', '1999.00', '5'), line('2', '333.33')] });
    expect(t.lines).toEqual([
      { amount: '5697.15', taxAmount: '655.42' },
      { amount: '666.66', taxAmount: '76.70' },
    ]);
    expect(t.subtotal).toBe('6363.81');
    expect(t.discountAmount).toBe('0.00');
    expect(t.taxTotal).toBe('732.12');
    expect(t.grandTotal).toBe('6363.81');
    expect(t.netTotal).toBe('5631.69');
    expect(t.maxLineDiscount).toBe('5.00');
    // list 6663.66, after 6363.81: 299.85 / 6663.66 = 4.4998 % → 4.50
    expect(t.totalDiscount).toBe('4.50');
  });

  it('tax excluded with an overall discount and two tax rates', () => {
    // 10 × 88.88 = 888.80, −12.5 % = 777.70; 1 × 5000 = 5000.00 (6 % service)
    // subtotal 5777.70; overall 3 % → 173.331 → 173.33
    // tax: 777.70 × 0.97 × 13 % = 98.070… → 98.07; 5000 × 0.97 × 6 % = 291.00
    const t = computeLineTotals({ taxIncluded: false, discountPercent: '3', lines: [line('10', '88.88', '12.5', '13', '硬件'), line('1', '5000', '0', '6', '服务')] });
    expect(t.lines).toEqual([
      { amount: '777.70', taxAmount: '98.07' },
      { amount: '5000.00', taxAmount: '291.00' },
    ]);
    expect(t.groups).toEqual([
      { name: '硬件', subtotal: '777.70' },
      { name: '服务', subtotal: '5000.00' },
    ]);
    expect(t.subtotal).toBe('5777.70');
    expect(t.discountAmount).toBe('173.33');
    expect(t.taxTotal).toBe('389.07');
    expect(t.netTotal).toBe('5604.37');
    expect(t.grandTotal).toBe('5993.44');
    expect(t.maxLineDiscount).toBe('12.50');
    // list 5888.80, after 5604.37: 284.43 / 5888.80 = 4.830 %
    expect(t.totalDiscount).toBe('4.83');
  });

  it('rounds half-up per line, never through floats', () => {
    // 0.1 × 0.05 = 0.005 → 0.01 (half-up); 3 × 0.335 = 1.005 → 1.01 (a float gives 1.00)
    const t = computeLineTotals({ taxIncluded: false, discountPercent: '0', lines: [line('0.1', '0.05', '0', '0'), line('3', '0.335', '0', '0')] });
    expect(t.lines.map((l) => l.amount)).toEqual(['0.01', '1.01']);
    expect(t.grandTotal).toBe('1.02');
  });

  it('an empty quote is all zeros', () => {
    const t = computeLineTotals({ taxIncluded: true, discountPercent: '10', lines: [] });
    expect([t.subtotal, t.discountAmount, t.taxTotal, t.grandTotal, t.totalDiscount]).toEqual(['0.00', '0.00', '0.00', '0.00', '0.00']);
  });
});

describe('toChineseCapitalAmount (大写金额)', () => {
  it.each([
    ['1234.56', '壹仟贰佰叁拾肆元伍角陆分'],
    ['100.00', '壹佰元整'],
    ['1005.01', '壹仟零伍元零壹分'],
    ['0', '零元整'],
    ['0.5', '伍角'],
    ['10.5', '壹拾元伍角'],
    ['100000', '壹拾万元整'],
    ['100010', '壹拾万零壹拾元整'],
    ['10001000', '壹仟万壹仟元整'],
    ['100000001', '壹亿零壹元整'],
    ['60036.20', '陆万零叁拾陆元贰角'],
    ['6363.81', '陆仟叁佰陆拾叁元捌角壹分'],
    ['1.005', '壹元零壹分'],
    ['9.995', '壹拾元整'],
    ['-12', '负壹拾贰元整'],
  ])('%s → %s', (amount, words) => {
    expect(toChineseCapitalAmount(amount)).toBe(words);
  });
  it('refuses what is not an amount', () => {
    expect(() => toChineseCapitalAmount('12a')).toThrow();
  });
});

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
