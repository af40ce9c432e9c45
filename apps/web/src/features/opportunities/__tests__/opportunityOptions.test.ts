import { describe, expect, it } from 'vitest';
import { closeMonthOptions, orderTotals, spentLabel, stageName } from '../composables/opportunityOptions';

describe('opportunity options', () => {
  it('names stages in the UI language', () => {
    expect(stageName({ nameZh: '赢单', nameEn: 'Won' }, 'zh-CN')).toBe('赢单');
    expect(stageName({ nameZh: '赢单', nameEn: 'Won' }, 'en-US')).toBe('Won');
    expect(stageName(null, 'en-US')).toBe('');
  });

  it('offers close months around now', () => {
    const months = closeMonthOptions(new Date(2026, 0, 15)).map((o) => o.value);
    expect(months[0]).toBe('2025-07');
    expect(months).toContain('2026-01');
    expect(months[months.length - 1]).toBe('2027-01');
  });

  it('puts the base currency first and never merges currencies', () => {
    const totals = orderTotals([
      { currency: 'USD', count: 1, amount: '1.00', weighted: '0.10' },
      { currency: 'CNY', count: 2, amount: '2.00', weighted: '0.20' },
      { currency: 'EUR', count: 1, amount: '3.00', weighted: '0.30' },
    ]);
    expect(totals.map((t) => t.currency)).toEqual(['CNY', 'EUR', 'USD']);
  });

  it('words time spent in a stage', () => {
    const u = { d: 'd', h: 'h', m: 'min' };
    expect(spentLabel(null, u)).toBe('—');
    expect(spentLabel(90061, u)).toBe('1 d 1 h');
    expect(spentLabel(7200, u)).toBe('2 h');
    expect(spentLabel(600, u)).toBe('10 min');
  });
});
