export type CalendarView = 'month' | 'week';

export interface CalendarDay {
  /** Local `YYYY-MM-DD`. */
  key: string;
  date: Date;
  inMonth: boolean;
  today: boolean;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The local calendar day of an instant: `2026-11-23`. */
export const dayKey = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

const startOfDay = (d: Date) => new Date(d.getFullYear(), d.getMonth(), d.getDate());
const addDays = (d: Date, n: number) => new Date(d.getFullYear(), d.getMonth(), d.getDate() + n);

/** The first day of the week holding `d` (weekStart 0 = Sunday, 1 = Monday). */
export function startOfWeek(d: Date, weekStart: 0 | 1): Date {
  const day = startOfDay(d);
  return addDays(day, -((day.getDay() - weekStart + 7) % 7));
}

/** The days shown for `anchor`: six whole weeks around its month, or its week. */
export function calendarDays(anchor: Date, view: CalendarView, weekStart: 0 | 1 = 1, now = new Date()): CalendarDay[] {
  const first = view === 'month' ? startOfWeek(new Date(anchor.getFullYear(), anchor.getMonth(), 1), weekStart) : startOfWeek(anchor, weekStart);
  const count = view === 'month' ? 42 : 7;
  const todayKey = dayKey(now);
  return Array.from({ length: count }, (_, i) => {
    const date = addDays(first, i);
    return { key: dayKey(date), date, inMonth: view === 'week' || date.getMonth() === anchor.getMonth(), today: dayKey(date) === todayKey };
  });
}

/** The instants the days cover, for GET /calendar?from&to (the end is the last millisecond). */
export function rangeOf(days: readonly CalendarDay[]): { from: Date; to: Date } {
  const last = days[days.length - 1].date;
  return { from: days[0].date, to: new Date(addDays(last, 1).getTime() - 1) };
}

/** The anchor one page earlier or later. */
export function shift(anchor: Date, view: CalendarView, step: -1 | 1): Date {
  return view === 'month' ? new Date(anchor.getFullYear(), anchor.getMonth() + step, 1) : addDays(anchor, 7 * step);
}

/** Items by local day, each day's in time order. */
export function byDay<T extends { at: string }>(items: readonly T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of [...items].sort((a, b) => a.at.localeCompare(b.at))) {
    const key = dayKey(new Date(item.at));
    const list = out.get(key);
    if (list) list.push(item);
    else out.set(key, [item]);
  }
  return out;
}
