/** Pure rules of opportunities (money as decimal strings: no float ever touches an amount). */

/** amount × probability / 100, rounded half-up to cents, as a decimal string. */
export function weightedAmount(amount: string, probability: number): string {
  const [int, frac = ''] = amount.split('.');
  const cents = BigInt(int) * 100n + BigInt((frac + '00').slice(0, 2));
  const scaled = cents * BigInt(probability); // cents × percent: divide by 100 with half-up rounding
  const rounded = (scaled + 50n) / 100n;
  const s = rounded.toString().padStart(3, '0');
  return `${s.slice(0, -2)}.${s.slice(-2)}`;
}

/** First and last day of a `YYYY-MM` month as `YYYY-MM-DD`. */
export function monthRange(month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}

/** `YYYY-MM-DD` of today plus `days` (UTC). */
export function dateInDays(days: number, from = new Date()): string {
  return new Date(from.getTime() + days * 86400000).toISOString().slice(0, 10);
}

/** Whole seconds between two instants (never negative). */
export function secondsBetween(from: Date, to: Date): number {
  return Math.max(0, Math.floor((to.getTime() - from.getTime()) / 1000));
}
