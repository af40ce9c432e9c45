import { describe, expect, it } from 'vitest';
import { byDay, calendarDays, dayKey, rangeOf, shift, startOfWeek } from '@/features/tasks/composables/calendarGrid';

describe('calendar grid', () => {
  it('shows six whole weeks around a month, starting on Monday or Sunday', () => {
    const days = calendarDays(new Date(2026, 10, 22), 'month', 1, new Date(2026, 10, 22, 9));
    expect(days).toHaveLength(42);
    expect(days[0].key).toBe('2026-10-26'); // the Monday before Sunday 1 November
    expect(days.filter((d) => d.inMonth)).toHaveLength(30);
    expect(days.find((d) => d.today)?.key).toBe('2026-11-22');
    expect(calendarDays(new Date(2026, 10, 22), 'month', 0)[0].key).toBe('2026-11-01');
  });

  it('shows one week and the instants it covers', () => {
    const days = calendarDays(new Date(2026, 10, 25), 'week', 1);
    expect(days.map((d) => d.key)).toEqual(['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27', '2026-11-28', '2026-11-29']);
    const { from, to } = rangeOf(days);
    expect(from).toEqual(new Date(2026, 10, 23));
    expect(to).toEqual(new Date(2026, 10, 29, 23, 59, 59, 999));
    expect(startOfWeek(new Date(2026, 10, 29), 1)).toEqual(new Date(2026, 10, 23));
  });

  it('pages by month or week', () => {
    expect(dayKey(shift(new Date(2026, 0, 31), 'month', 1))).toBe('2026-02-01');
    expect(dayKey(shift(new Date(2026, 11, 30), 'week', 1))).toBe('2027-01-06');
  });

  it('groups items by local day in time order', () => {
    const a = { at: new Date(2026, 10, 23, 15).toISOString(), id: 'a' };
    const b = { at: new Date(2026, 10, 23, 9).toISOString(), id: 'b' };
    const c = { at: new Date(2026, 10, 24, 9).toISOString(), id: 'c' };
    const grouped = byDay([a, c, b]);
    expect(grouped.get('2026-11-23')?.map((i) => i.id)).toEqual(['b', 'a']);
    expect(grouped.get('2026-11-24')?.map((i) => i.id)).toEqual(['c']);
  });
});
