import { describe, expect, it } from 'vitest';
import { plainDecimal, previewLineAmount, previewTotal } from '../composables/lineItems';

describe('line item preview', () => {
  it.each([
    ['3', '19800', '5', '56430.00'],
    ['1.5', '2400', '', '3600.00'],
    ['3', '33.333', '0', '100.00'],
    ['1', '0.005', '0', '0.01'],
    ['7', '1199.99', '12.5', '7349.94'],
  ])('%s × %s − %s%% = %s (as the server computes it)', (quantity, unitPrice, discountPercent, expected) => {
    expect(previewLineAmount({ quantity, unitPrice, discountPercent })).toBe(expected);
  });

  it('answers null for incomplete lines and sums complete ones exactly', () => {
    expect(previewLineAmount({ quantity: '', unitPrice: '1', discountPercent: '0' })).toBeNull();
    expect(previewLineAmount({ quantity: '1', unitPrice: 'x', discountPercent: '0' })).toBeNull();
    expect(previewLineAmount({ quantity: '1', unitPrice: '1', discountPercent: '120' })).toBeNull();
    expect(previewTotal([{ quantity: '0.1', unitPrice: '0.1', discountPercent: '0' }, { quantity: '0.2', unitPrice: '1', discountPercent: '0' }])).toBe('0.21');
    expect(previewTotal([])).toBe('0.00');
    expect(plainDecimal('19800.0000')).toBe('19800');
    expect(plainDecimal('2.5000')).toBe('2.5');
  });
});
