import { describe, expect, it } from 'vitest';
import { agingOption, balanceAfter, thousandths, fromThousandths, isoDay, overshoots } from '../composables/finance';
import { isValidUscc } from '../composables/uscc';

describe('finance helpers', () => {
  it('keeps money exact in thousandths (JPY 0, CNY 2, KWD 3 decimals)', () => {
    expect(thousandths('1000.01')).toBe(1000010n);
    expect(thousandths('0.1')).toBe(100n);
    expect(thousandths('-4000.00')).toBe(-4000000n);
    expect(thousandths('1.234')).toBe(1234n);
    expect(fromThousandths(-50n)).toBe('-0.05');
    expect(fromThousandths(1234567890n)).toBe('1234567.89');
    expect(fromThousandths(1234n, 3)).toBe('1.234');
    expect(fromThousandths(98000000n, 0)).toBe('98000');
  });

  it('computes the balance after a payment and spots an overshoot', () => {
    expect(balanceAfter('4500.00', '4000')).toBe('500.00');
    expect(balanceAfter('4500.00', '4500.00')).toBe('0.00');
    expect(balanceAfter('4500.00', 'abc')).toBeNull();
    expect(balanceAfter('4500.00', '0')).toBeNull();
    expect(balanceAfter('4500.00', '1.2345')).toBeNull();
    expect(balanceAfter('1000.000', '1.234')).toBe('998.766');
    expect(balanceAfter('99000', '1000')).toBe('98000');
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
        totalInvoiced: '0',
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
