import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

/** E.164 form of a phone number (default region CN), or null when it is not a valid number. */
export function normalizePhone(raw: string, region: 'CN' | (string & {}) = 'CN'): string | null {
  const parsed = parsePhoneNumberFromString(raw.trim(), region as never);
  return parsed && parsed.isValid() ? parsed.number : null;
}

export function normalizeEmail(raw: string): string {
  return raw.trim().toLowerCase();
}
