import { Transform } from 'class-transformer';
import { isISO8601, isRFC3339, registerDecorator, ValidationOptions } from 'class-validator';
import { normalizeEmail, normalizePhone } from '../util/contact-normalize';

/** Trims strings; empty strings stay empty so @IsNotEmpty can reject them. */
export const Trim = () => Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));

export const LowerCaseEmail = () =>
  Transform(({ value }) => (typeof value === 'string' ? normalizeEmail(value) : value));

/**
 * Validates a phone number (default region CN) and rewrites it to E.164, e.g. `13812345678` → `+8613812345678`.
 * Use together with `NormalizePhone()`.
 */
export function IsPhone(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isPhone',
      target: object.constructor,
      propertyName,
      options: { message: `${propertyName} must be a valid phone number`, ...options },
      validator: {
        validate: (value: unknown) => typeof value === 'string' && /^\+[1-9]\d{6,14}$/.test(value),
      },
    });
}

export const NormalizePhone = () =>
  Transform(({ value }) =>
    typeof value === 'string' && value.trim() ? (normalizePhone(value) ?? value) : value,
  );

const MIN_YEAR = 1900;
const MAX_YEAR = 9999;
const inYearRange = (value: string) => {
  const year = Number(value.slice(0, 4));
  return year >= MIN_YEAR && year <= MAX_YEAR;
};

/** An RFC 3339 date-time with an offset (`2026-12-01T10:00:00+08:00`), a real calendar day, years 1900–9999. */
export const isDateTimeString = (value: unknown): value is string =>
  typeof value === 'string' && isRFC3339(value) && isISO8601(value, { strict: true }) && inYearRange(value);

/** A plain calendar date (`1988-06-15`), years 1900–9999. */
export const isDateOnlyString = (value: unknown): value is string =>
  typeof value === 'string' &&
  /^\d{4}-\d{2}-\d{2}$/.test(value) &&
  isISO8601(value, { strict: true }) &&
  inYearRange(value);

/**
 * A date-time field (body or query): accepts only an RFC 3339 date-time within years 1900–9999 and hands the
 * service a `Date`; anything else (`2026-12-01 10:00`, `275760-09-13`, a number) is a 400. Use on `Date` fields
 * so the OpenAPI document says `format: date-time`; combine with `@IsOptional()` where the field may be absent or null.
 */
export function IsDateTime(options?: ValidationOptions) {
  const toDate = Transform(({ value }) => (isDateTimeString(value) ? new Date(value) : value));
  return (object: object, propertyName: string) => {
    toDate(object, propertyName);
    registerDecorator({
      name: 'isDateTime',
      target: object.constructor,
      propertyName,
      options: {
        message: `${propertyName} must be an RFC 3339 date-time such as 2026-12-01T10:00:00+08:00 (years ${MIN_YEAR}–${MAX_YEAR})`,
        ...options,
      },
      validator: { validate: (value: unknown) => value instanceof Date && !Number.isNaN(value.getTime()) },
    });
  };
}

/** A calendar-date string field such as a birthday (`1988-06-15`, years 1900–9999); stays a string. */
export function IsDateOnly(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isDateOnly',
      target: object.constructor,
      propertyName,
      options: {
        message: `${propertyName} must be a date such as 1988-06-15 (years ${MIN_YEAR}–${MAX_YEAR})`,
        ...options,
      },
      validator: { validate: isDateOnlyString },
    });
}
