/**
 * The Standard Webhooks retry schedule: attempt 1 at once, then after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h,
 * 20 h and 24 h (ten attempts in all, about 3 days).
 */
export const RETRY_DELAYS_SEC = [5, 300, 1800, 7200, 18000, 36000, 50400, 72000, 86400];
/** A subscription failing this long (and still failing) is disabled and its creator notified. */
export const DISABLE_AFTER_FAILING_MS = 3 * 24 * 3600 * 1000;

/**
 * Seconds until the next attempt after `attempts` failed ones (null: give up), ±10 % jitter so receivers
 * coming back are not hit by every sender at once; a later `Retry-After` (capped at a day) wins.
 */
export function nextDelaySec(attempts: number, retryAfterSec: number | null, random = Math.random): number | null {
  const base = RETRY_DELAYS_SEC[attempts - 1];
  if (base === undefined) return null;
  const jittered = base * (0.9 + 0.2 * random());
  return Math.max(jittered, Math.min(retryAfterSec ?? 0, 86400));
}
