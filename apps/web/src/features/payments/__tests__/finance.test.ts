import { describe, expect, it } from 'vitest';
import { agingOption, balanceAfter, cents, fromCents, isoDay, overshoots } from '../composables/finance';
import { isValidUscc } from '../composables/uscc';

describe('finance helpers', () => {
  it('keeps money exact in cents', () => {
    expect(cents('1000.01')).toBe(100001n);
    expect(cents('0.1')).toBe(10n);
    expect(cents('-4000.00')).toBe(-400000n);
    expect(fromCents(-5n)).toBe('-0.05');
    expect(fromCents(123456789n)).toBe('1234567.89');
  });

  it('computes the balance after a payment and spots an overshoot', () => {
    expect(balanceAfter('4500.00', '4000')).toBe('500.00');
    expect(balanceAfter('4500.00', '4500.00')).toBe('0.00');
    expect(balanceAfter('4500.00', 'abc')).toBeNull();
    expect(balanceAfter('4500.00', '0')).toBeNull();
    expect(balanceAfter('4500.00', '1.234')).toBeNull();
    expect(overshoots('4500.00', '4500.01')).toBe(true);
    expect(overshoots('4500.00', '4500.00')).toBe(false);
  });

  it('checks unified social credit codes like the server', () => {
    expect(isValidUscc('91330100799655058B')).toBe(true);
    expect(isValidUscc('914403001922038216')).toBe(true);
    expect(isValidUscc('914403001922038217')).toBe(false);
    expect(isValidUscc('91440300192203821')).toBe(false);
  });

  it('builds the aging bars in bucket order with the base currency', () => {
    const option = agingOption(
      {
        baseCurrency: 'CNY',
        totalAmount: '0',
        totalReceived: '0',
        totalBalance: '0',
        totalOverdue: '0',
        byCurrency: [],
        aging: [
          { bucket: 'current', amount: '5840.00', count: 2 },
          { bucket: '0-30', amount: '2130.00', count: 1 },
          { bucket: '31-60', amount: '1065.00', count: 1 },
          { bucket: '61-90', amount: '2000.00', count: 1 },
          { bucket: '90+', amount: '0.00', count: 0 },
        ],
      },
      (b) => `B${b}`,
    ) as { xAxis: { data: string[] }; series: { data: { value: number }[] }[] };
    expect(option.xAxis.data).toEqual(['Bcurrent', 'B0-30', 'B31-60', 'B61-90', 'B90+']);
    expect(option.series[0].data.map((d) => d.value)).toEqual([5840, 2130, 1065, 2000, 0]);
  });

  it('formats local days', () => {
    expect(isoDay(1, new Date(2026, 1, 28))).toBe('2026-03-01');
  });
});
