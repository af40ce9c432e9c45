import { DateTime } from 'luxon';

/** A working interval of a day, local wall-clock times `HH:mm` (`24:00` ends at midnight). */
export interface WorkInterval {
  start: string;
  end: string;
}

/** What a day is in a calendar when it differs from its weekday: a day off, or a working day (调休). */
export interface DayOverride {
  kind: 'holiday' | 'workday';
  /** A working day's intervals; absent: the calendar's `makeupIntervals`. */
  intervals?: WorkInterval[] | null;
}

/** Everything business-time arithmetic needs: pure data, no database. */
export interface CalendarSpec {
  /** IANA time zone of the wall-clock times. */
  timeZone: string;
  /** Working intervals per ISO weekday: index 0 = Monday … 6 = Sunday. */
  weekly: WorkInterval[][];
  /** Days that differ from their weekday, by local date `YYYY-MM-DD`. */
  days: ReadonlyMap<string, DayOverride>;
  /** Intervals of a make-up working day that names none (default: Monday's). */
  makeupIntervals?: WorkInterval[];
}

/** A span of time the clock did not run (a ticket pending on the customer); `to` null: still paused. */
export interface Pause {
  from: Date;
  to: Date | null;
}

const MINUTE = 60_000;
/** How far a search for working time may go before the calendar is called empty (ten years of days). */
const MAX_DAYS = 3660;

export class EmptyCalendarError extends Error {
  constructor() {
    super('The calendar has no working time in the next ten years');
  }
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** The working intervals of a local date: its override, else its weekday's. */
export function workingIntervalsOn(date: string, spec: CalendarSpec): WorkInterval[] {
  const override = spec.days.get(date);
  if (override?.kind === 'holiday') return [];
  if (override?.kind === 'workday') return override.intervals ?? spec.makeupIntervals ?? spec.weekly[0];
  const weekday = DateTime.fromISO(date, { zone: spec.timeZone }).weekday; // 1 = Monday
  return spec.weekly[weekday - 1] ?? [];
}

/** A wall-clock time of a local day as an instant (`24:00`: the next midnight); right on days the clocks change. */
function wallClock(day: DateTime, hhmm: string): number {
  if (hhmm === '24:00') return day.plus({ days: 1 }).startOf('day').toMillis();
  return day.set({ hour: Number(hhmm.slice(0, 2)), minute: Number(hhmm.slice(3, 5)), second: 0, millisecond: 0 }).toMillis();
}

/** The working spans of one local day as absolute times, in order. */
function spansOn(day: DateTime, spec: CalendarSpec): [number, number][] {
  const date = day.toISODate()!;
  return workingIntervalsOn(date, spec)
    .map((i): [number, number] => [wallClock(day, i.start), wallClock(day, i.end)])
    .filter(([s, e]) => e > s)
    .sort((a, b) => a[0] - b[0]);
}

/** Local midnights from the day of `from` on. */
function* days(from: Date, spec: CalendarSpec): Generator<DateTime> {
  let day = DateTime.fromJSDate(from, { zone: spec.timeZone }).startOf('day');
  for (let i = 0; i < MAX_DAYS; i++) {
    yield day;
    day = day.plus({ days: 1 }).startOf('day');
  }
}

/**
 * The moment `minutes` of working time after `from` (a due time): the clock runs only inside the
 * calendar's working intervals, skipping nights, weekends and holidays and counting make-up working days.
 * Zero minutes from outside working time is the next working moment.
 */
export function addBusinessMinutes(from: Date, minutes: number, spec: CalendarSpec): Date {
  let remaining = Math.max(0, minutes) * MINUTE;
  const start = from.getTime();
  for (const day of days(from, spec)) {
    for (const [s, e] of spansOn(day, spec)) {
      if (e <= start) continue;
      const begin = Math.max(s, start);
      if (remaining <= e - begin) return new Date(begin + remaining);
      remaining -= e - begin;
    }
  }
  throw new EmptyCalendarError();
}

/** Working minutes between two moments (0 when `to` is not after `from`). */
export function businessMinutesBetween(from: Date, to: Date, spec: CalendarSpec): number {
  const a = from.getTime();
  const b = to.getTime();
  if (b <= a) return 0;
  let total = 0;
  for (const day of days(from, spec)) {
    if (day.toMillis() >= b) break;
    for (const [s, e] of spansOn(day, spec)) total += Math.max(0, Math.min(e, b) - Math.max(s, a));
  }
  return total / MINUTE;
}

/**
 * The due time of a target of `minutes` working minutes started at `start`, with the clock stopped during
 * `pauses` (in order, not overlapping): the time left when a pause began runs on from its end. `null`
 * while the clock is stopped by a pause still open.
 */
export function dueWithPauses(start: Date, minutes: number, pauses: readonly Pause[], spec: CalendarSpec): Date | null {
  let remaining = minutes;
  let runFrom = start;
  for (const p of [...pauses].sort((x, y) => x.from.getTime() - y.from.getTime())) {
    if (p.from.getTime() < runFrom.getTime()) continue;
    const due = addBusinessMinutes(runFrom, remaining, spec);
    if (due.getTime() <= p.from.getTime()) return due; // reached before the pause began
    remaining -= businessMinutesBetween(runFrom, p.from, spec);
    if (!p.to) return null;
    runFrom = p.to;
  }
  return addBusinessMinutes(runFrom, remaining, spec);
}

/** Checks one day's intervals: `HH:mm` in order, end after start, no overlaps. Answers a problem or null. */
export function intervalProblem(intervals: WorkInterval[]): string | null {
  const re = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;
  let last = -1;
  for (const i of intervals) {
    if (!re.test(i.start) || !re.test(i.end) || i.start === '24:00') return 'times are HH:mm (00:00–24:00)';
    if (minutesOf(i.end) <= minutesOf(i.start)) return 'an interval ends after it starts';
    if (minutesOf(i.start) < last) return 'intervals are in order and do not overlap';
    last = minutesOf(i.end);
  }
  return null;
}
