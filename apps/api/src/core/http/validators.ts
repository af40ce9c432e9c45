import { Transform } from 'class-transformer';
import { registerDecorator, ValidationOptions } from 'class-validator';
import { normalizeEmail, normalizePhone } from '../util/contact-normalize';

/** Trims strings; empty strings stay empty so @IsNotEmpty can reject them. */
export const Trim = () => Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));

export const LowerCaseEmail = () => Transform(({ value }) => (typeof value === 'string' ? normalizeEmail(value) : value));

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
  Transform(({ value }) => (typeof value === 'string' && value.trim() ? (normalizePhone(value) ?? value) : value));
