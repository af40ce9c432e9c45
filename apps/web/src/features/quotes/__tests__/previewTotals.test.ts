import { describe, expect, it } from 'vitest';
import { previewTotals } from '../composables/previewTotals';

const line = (quantity: string, unitPrice: string, discountPercent = '0', taxRate = '13') => ({ quantity, unitPrice, discountPercent, taxRate });

/** The live preview follows the server's formula (the API's core/money/line-totals.spec.ts has the same figures). */
describe('previewTotals', () => {
  it('tax included with a line discount', () => {
    const t = previewTotals([line('3', '1999.00', '5'), line('2', '333.33')], true, '0');
    expect(t).toMatchObject({ amounts: ['5697.15', '666.66'], subtotal: '6363.81', taxTotal: '732.12', grandTotal: '6363.81' });
  });
  it('tax excluded with an overall discount', () => {
    const t = previewTotals([line('10', '88.88', '12.5'), line('1', '5000', '0', '6')], false, '3');
    expect(t).toMatchObject({ subtotal: '5777.70', discountAmount: '173.33', taxTotal: '389.07', grandTotal: '5993.44' });
  });
  it('treats unfinished input as zero', () => {
    expect(previewTotals([line('', 'abc')], true, '').grandTotal).toBe('0.00');
  });
});
