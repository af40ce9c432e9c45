/** `2026-01-31` → the last millisecond of that day in the browser's time zone, as ISO 8601. */
export function endOfDay(day: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return day;
  const [y, m, d] = day.split('-').map(Number);
  return new Date(y, m - 1, d, 23, 59, 59, 999).toISOString();
}

/** `2026-01-01` → the start of that day in the browser's time zone, as ISO 8601. */
export function startOfDay(day: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return day;
  const [y, m, d] = day.split('-').map(Number);
  return new Date(y, m - 1, d).toISOString();
}

/** The `<key>From` / `<key>To` day filters of a list query as the instants they mean locally. */
export function dayRanges<Q extends Record<string, unknown>>(query: Q, keys: readonly string[] = ['createdAt']): Q {
  const out: Record<string, unknown> = { ...query };
  for (const key of keys) {
    if (typeof out[`${key}From`] === 'string') out[`${key}From`] = startOfDay(out[`${key}From`] as string);
    if (typeof out[`${key}To`] === 'string') out[`${key}To`] = endOfDay(out[`${key}To`] as string);
  }
  return out as Q;
}
