import type { CalendarDay } from '../api';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];
export interface Interval {
  start: string;
  end: string;
}
export type WeeklyModel = Record<Weekday, Interval[]>;

/** China's office day: 09:00–12:00 and 13:00–18:00. */
export const officeDay = (): Interval[] => [
  { start: '09:00', end: '12:00' },
  { start: '13:00', end: '18:00' },
];

export function blankWeekly(): WeeklyModel {
  return { mon: officeDay(), tue: officeDay(), wed: officeDay(), thu: officeDay(), fri: officeDay(), sat: [], sun: [] };
}

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;
const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** What is wrong with one day's intervals (the server's rule), or null. */
export function intervalError(intervals: Interval[]): 'format' | 'order' | 'overlap' | null {
  let last = -1;
  for (const i of intervals) {
    if (!HHMM.test(i.start) || !HHMM.test(i.end) || i.start === '24:00') return 'format';
    if (minutes(i.end) <= minutes(i.start)) return 'order';
    if (minutes(i.start) < last) return 'overlap';
    last = minutes(i.end);
  }
  return null;
}

/** Working hours of a plain week. */
export function weeklyHours(weekly: WeeklyModel): number {
  return WEEKDAYS.flatMap((d) => weekly[d]).reduce((sum, i) => sum + Math.max(0, minutes(i.end) - minutes(i.start)), 0) / 60;
}

/** A date as `YYYY-MM-DD` in local time. */
export function isoDate(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** The dates a month view shows (the month with a week on each side). */
export function visibleRange(month: Date): { from: string; to: string } {
  const first = new Date(month.getFullYear(), month.getMonth(), 1);
  const last = new Date(month.getFullYear(), month.getMonth() + 1, 0);
  return { from: isoDate(new Date(first.getTime() - 7 * 86_400_000)), to: isoDate(new Date(last.getTime() + 7 * 86_400_000)) };
}

export type CellKind = 'holiday' | 'workday' | 'off' | 'working';

/** How a date shows in the month view: its special day if any, else its weekday's schedule. */
export function dayCell(date: string, days: ReadonlyMap<string, CalendarDay>, weekly: WeeklyModel, locale: string): { kind: CellKind; label: string | null; custom: boolean } {
  const special = days.get(date);
  if (special) {
    const label = locale.startsWith('zh') ? special.name : (special.nameEn ?? special.name);
    return { kind: special.kind, label, custom: special.source === 'custom' };
  }
  const weekday = WEEKDAYS[(new Date(`${date}T00:00:00`).getDay() + 6) % 7];
  return { kind: weekly[weekday].length ? 'working' : 'off', label: null, custom: false };
}

/** IANA time zones the browser knows (the common ones first when it knows none). */
export function timeZones(): string[] {
  const supported = (Intl as unknown as { supportedValuesOf?: (k: string) => string[] }).supportedValuesOf?.('timeZone');
  return supported?.length ? supported : ['Asia/Shanghai', 'Asia/Hong_Kong', 'Asia/Taipei', 'Asia/Singapore', 'Asia/Tokyo', 'Europe/London', 'America/New_York', 'UTC'];
}
