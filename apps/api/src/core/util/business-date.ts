import { DateTime } from 'luxon';

/** The business date (YYYY-MM-DD) of `at` in the time zone. */
export function businessDate(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/** A wall-clock time (`HH:mm`) of a business date in the time zone, as an instant (e.g. a task due at 09:00 local). */
export function atLocalTime(date: string, hhmm: string, timeZone: string): Date {
  return DateTime.fromISO(`${date}T${hhmm}`, { zone: timeZone }).toJSDate();
}
