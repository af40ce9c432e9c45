import Decimal from 'decimal.js';
import { MoneyDecimal } from '@core/money/line-totals';

/**
 * Exact money sums of the analytics figures. The owners' SQL sums `numeric` per (currency, day) group and
 * hands the sums over as strings; the conversion to the base currency and every further sum stay decimal
 * (decimal.js), and a figure is rounded once, half-up to cents, when it leaves the API. Summing JS floats
 * first drifted: 0.1 + 0.2 style errors, and per-group rounding before the sum (1.005 + 1.005 gave 2.02).
 *
 * The API's number format is unchanged: analytics figures are JSON numbers with at most two decimals (the
 * nearest double prints as exactly those digits), while record amounts elsewhere are decimal strings.
 */
export type Exact = Decimal;

export const ZERO: Exact = new MoneyDecimal(0);

export const exact = (v: Decimal.Value | null | undefined): Exact =>
  v === null || v === undefined || v === '' ? ZERO : new MoneyDecimal(v);

/** Σ of decimal values (strings, numbers or decimals), exact. */
export const sumExact = (values: Iterable<Decimal.Value | null | undefined>): Exact => {
  let s = ZERO;
  for (const v of values) s = s.plus(exact(v));
  return s;
};

/** A money figure as the API prints it: half-up to `digits` (default cents), as a JSON number. */
export const money2 = (v: Decimal.Value | null | undefined, digits = 2): number =>
  exact(v).toDecimalPlaces(digits, Decimal.ROUND_HALF_UP).toNumber();

/** Adds `v` to the decimal kept under `key`. */
export function addTo<K>(map: Map<K, Exact>, key: K, v: Decimal.Value | null | undefined): void {
  map.set(key, (map.get(key) ?? ZERO).plus(exact(v)));
}
