import Decimal from 'decimal.js';

const D = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });

/** Days between installments a parsed plan proposes (the k-th falls k × 30 days after the start, k from 1). */
export const PROPOSED_INTERVAL_DAYS = 30;

/**
 * The percentages a contract's payment terms (付款条件) name, for the plan proposed when it is signed:
 * - none, or nothing recognisable → `[100]` (one installment of the whole amount);
 * - a split written with `/`, `-`, `,`, `，`, `、`, `:` or `+` between numbers (`30/40/30`, `30%/70%`, `5:5`
 *   is read as 5 and 5 → normalised only when the parts add up to 100, else `[100]`);
 * - otherwise every `N%` in the text, in order (`预付30%，验收后40%，尾款30%`), when they add up to 100.
 * Parts that do not add up to exactly 100 give `[100]`: a proposal never invents a split.
 */
export function parsePaymentTerms(terms: string | null | undefined): string[] {
  const text = (terms ?? '').trim();
  if (!text) return ['100'];
  const split = /^\s*\d+(?:\.\d+)?\s*%?(?:\s*[/\-,，、:+]\s*\d+(?:\.\d+)?\s*%?)+\s*$/.test(text);
  const parts = split
    ? (text.match(/\d+(?:\.\d+)?/g) ?? [])
    : [...text.matchAll(/(\d+(?:\.\d+)?)\s*[%％]/g)].map((m) => m[1]);
  if (!parts.length || parts.some((p) => new D(p).lte(0))) return ['100'];
  const total = parts.reduce((s, p) => s.plus(p), new D(0));
  return total.eq(100) ? parts.map((p) => new D(p).toFixed()) : ['100'];
}

/**
 * Amounts of a plan given in percentages of `total` with `digits` decimals: each installment but the last
 * is its share rounded down to the minor unit; the last takes what is left, so the sum is exact and the
 * rounding cents sit on the last installment (1000.01 at 30/40/30 → 300.00, 400.00, 300.01).
 */
export function splitByPercent(total: string, percents: string[], digits = 2): string[] {
  const whole = new D(total);
  const out: string[] = [];
  let used = new D(0);
  percents.forEach((p, i) => {
    if (i === percents.length - 1) {
      out.push(whole.minus(used).toFixed(digits));
      return;
    }
    const share = whole.times(p).div(100).toDecimalPlaces(digits, Decimal.ROUND_DOWN);
    used = used.plus(share);
    out.push(share.toFixed(digits));
  });
  return out;
}

/** `total − Σ amounts`, exact (positive: the plan is short of the contract amount). */
export function planDifference(total: string, amounts: string[], digits = 2): string {
  return amounts.reduce((s, a) => s.minus(a), new D(total)).toFixed(digits);
}

/** Σ percents, exact. */
export function percentTotal(percents: string[]): string {
  return percents.reduce((s, p) => s.plus(p), new D(0)).toFixed();
}

/**
 * Decimals a plan of `total` uses: the currency's minor unit, unless the amount itself has more (a contract
 * amount keeps 2 decimals whatever its currency), so a plan can always add up to it exactly.
 */
export function planDigits(total: string, minorUnits: number): number {
  return Math.max(minorUnits, Math.min(2, new D(total).decimalPlaces()));
}

/** `YYYY-MM-DD` plus `days`. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (`YYYY-MM-DD`), negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The proposal for a signed contract: the terms' percentages with due dates 30, 60, 90... days after `start`. */
export function proposePlan(
  total: string,
  terms: string | null | undefined,
  start: string,
  digits = 2,
): { dueDate: string; percent: string; amount: string }[] {
  let percents = parsePaymentTerms(terms);
  let amounts = splitByPercent(total, percents, digits);
  // a share that rounds to nothing (a tiny amount split in parts): one installment instead
  if (amounts.some((a) => !new D(a).gt(0))) {
    percents = ['100'];
    amounts = [new D(total).toFixed(digits)];
  }
  return percents.map((percent, i) => ({
    dueDate: addDays(start, PROPOSED_INTERVAL_DAYS * (i + 1)),
    percent,
    amount: amounts[i],
  }));
}
