import { describe, expect, it } from 'vitest';
import type { CalendarDay } from '../api';
import { blankWeekly, dayCell, intervalError, visibleRange, weeklyHours } from '../composables/schedule';

describe('business calendar schedule', () => {
  it('counts a plain week and checks intervals like the server', () => {
    expect(weeklyHours(blankWeekly())).toBe(40);
    expect(intervalError([{ start: '09:00', end: '12:00' }, { start: '13:00', end: '24:00' }])).toBeNull();
    expect(intervalError([{ start: '9:00', end: '12:00' }])).toBe('format');
    expect(intervalError([{ start: '12:00', end: '09:00' }])).toBe('order');
    expect(intervalError([{ start: '09:00', end: '13:00' }, { start: '12:00', end: '18:00' }])).toBe('overlap');
  });

  it('shows a special day over its weekday, in the reader language', () => {
    const days = new Map<string, CalendarDay>([
      ['2026-10-01', { date: '2026-10-01', kind: 'holiday', name: '国庆节', nameEn: 'National Day', intervals: null, source: 'official' }],
      ['2026-10-10', { date: '2026-10-10', kind: 'workday', name: '公司加班', nameEn: null, intervals: null, source: 'custom' }],
    ]);
    const weekly = blankWeekly();
    expect(dayCell('2026-10-01', days, weekly, 'en-US')).toEqual({ kind: 'holiday', label: 'National Day', custom: false });
    expect(dayCell('2026-10-01', days, weekly, 'zh-CN').label).toBe('国庆节');
    expect(dayCell('2026-10-10', days, weekly, 'en-US')).toEqual({ kind: 'workday', label: '公司加班', custom: true });
    expect(dayCell('2026-10-11', days, weekly, 'en-US').kind).toBe('off'); // a Sunday
    expect(dayCell('2026-10-12', days, weekly, 'en-US').kind).toBe('working'); // a Monday
  });

  it('asks for the month with a week on each side', () => {
    expect(visibleRange(new Date(2026, 9, 15))).toEqual({ from: '2026-09-24', to: '2026-11-07' });
  });
});
