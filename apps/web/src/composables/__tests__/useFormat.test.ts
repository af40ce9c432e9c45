import { describe, expect, it } from 'vitest';
import { createFormatter } from '@/composables/useFormat';

describe('createFormatter', () => {
  const zh = createFormatter('zh-CN');
  const en = createFormatter('en-US');

  it('formats money from a decimal string per locale without float rounding', () => {
    expect(zh.money('12500.00', 'CNY')).toBe('¥12,500.00');
    expect(en.money('12500.00', 'CNY')).toBe('CN¥12,500.00');
    expect(en.money('9007199254740993.01', 'USD')).toBe('$9,007,199,254,740,993.01');
    expect(en.money(null)).toBe('');
  });

  it('formats dates and numbers per locale', () => {
    const at = '2026-03-04T05:06:00.000Z';
    expect(zh.date(at)).toMatch(/^2026\/03\/0[45]$/);
    expect(en.date(at)).toMatch(/^03\/0[45]\/2026$/);
    expect(zh.number(1234567.5)).toBe('1,234,567.5');
    expect(createFormatter('de-DE').number(1234.5)).toBe('1.234,5');
    expect(en.date(null)).toBe('');
    expect(en.date('not a date')).toBe('');
  });

  it('says how long ago', () => {
    const now = Date.parse('2026-03-04T12:00:00Z');
    expect(en.relative('2026-03-04T11:00:00Z', now)).toBe('1 hour ago');
    expect(zh.relative('2026-03-03T12:00:00Z', now)).toBe('昨天');
  });
});
