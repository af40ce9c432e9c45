import Decimal from 'decimal.js';

const D = Decimal.clone({ precision: 60, rounding: Decimal.ROUND_HALF_UP });

/**
 * `amount` in the base currency: amount × rate, exact (decimal.js), rounded half-up to the base
 * currency's minor unit (`digits`: 2 for CNY, 0 for JPY, 3 for KWD). Answers a fixed-point string.
 */
export function convertAmount(amount: string, rate: string, digits: number): string {
  return new D(amount).times(rate).toDecimalPlaces(digits, Decimal.ROUND_HALF_UP).toFixed(digits);
}

/** Sum of decimal strings, exact, with `digits` decimals. */
export function sumAmounts(values: string[], digits: number): string {
  return values.reduce((s, v) => s.plus(v), new D(0)).toFixed(digits);
}

/** A rate as written: no trailing zeros beyond what was given ("7.1200000000" → "7.12"). */
export function normalizeRate(rate: string): string {
  return new D(rate).toFixed();
}

/** Map key of a (currency, date) pair. */
export const rateKey = (currency: string, date: string) => `${currency}|${date}`;

/**
 * `amount` written with the currency's minor unit (`digits`), never dropping a decimal it has beyond it:
 * "30000.000" in CNY → "30000.00", "1.234" in KWD → "1.234", "1000" in JPY → "1000".
 */
export function formatAmount(amount: string | number, digits: number): string {
  const d = new D(amount);
  return d.toFixed(Math.max(digits, d.decimalPlaces()));
}

/** True when `amount` has more decimals than the currency's minor unit allows. */
export function tooPrecise(amount: string, digits: number): boolean {
  return new D(amount).decimalPlaces() > digits;
}
