import { Transform } from 'class-transformer';
import { Matches } from 'class-validator';

/** Numbers given as JSON numbers become strings (kept exact from here on); strings are trimmed. */
export const ToDecimalString = () =>
  Transform(({ value }) => (typeof value === 'number' && Number.isFinite(value) ? String(value) : typeof value === 'string' ? value.trim() : value));

/**
 * A non-negative decimal with at most `int` integer and `frac` fractional digits, as a string
 * (`"12500.00"`), so money and quantities never pass through a float.
 */
export const IsDecimalString = (int: number, frac: number) =>
  Matches(new RegExp(`^\\d{1,${int}}(\\.\\d{1,${frac}})?$`), {
    message: ({ property }) => `${property} must be a decimal number with at most ${int} digits before and ${frac} after the point`,
  });

/** A percentage 0..100 with at most 2 decimals. */
export const IsPercentString = () =>
  Matches(/^(100(\.0{1,2})?|\d{1,2}(\.\d{1,2})?)$/, { message: ({ property }) => `${property} must be a percentage between 0 and 100 (2 decimals at most)` });
