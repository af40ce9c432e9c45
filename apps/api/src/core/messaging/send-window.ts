import { DateTime } from 'luxon';

/** Local hours (`HH:mm`, start inclusive, end exclusive) in which marketing may be sent; default 08:00–21:00. */
export interface SendWindow {
  start: string;
  end: string;
  timezone: string;
}

const minutes = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 60 + m;
};

/** `at` itself when it lies inside the window, else the window's next opening (local time in its zone). */
export function nextSendTime(at: Date, w: SendWindow): Date {
  const local = DateTime.fromJSDate(at, { zone: w.timezone });
  const now = local.hour * 60 + local.minute;
  const start = minutes(w.start);
  const end = minutes(w.end);
  const inside = start <= end ? now >= start && now < end : now >= start || now < end;
  if (inside) return at;
  const open = local.set({ hour: Math.floor(start / 60), minute: start % 60, second: 0, millisecond: 0 });
  return (open > local ? open : open.plus({ days: 1 })).toJSDate();
}

export const isInsideWindow = (at: Date, w: SendWindow): boolean => nextSendTime(at, w).getTime() === at.getTime();
