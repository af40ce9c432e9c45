import type { AuthUser } from '../auth/auth-user';

/** `+8613812345678` → `138****5678`; short numbers keep only the last 2 digits. */
export function maskPhone(phone: string | null | undefined): string | null {
  if (!phone) return phone ?? null;
  const national = phone.startsWith('+86') ? phone.slice(3) : phone;
  if (national.length >= 7) return `${national.slice(0, 3)}****${national.slice(-4)}`;
  return `${'*'.repeat(Math.max(0, national.length - 2))}${national.slice(-2)}`;
}

/** `zhang.san@example.com` → `z***@example.com`. */
export function maskEmail(email: string | null | undefined): string | null {
  if (!email) return email ?? null;
  const at = email.indexOf('@');
  if (at <= 0) return '***';
  return `${email[0]}***${email.slice(at)}`;
}

export const canViewSensitive = (user: AuthUser | null | undefined): boolean => !!user?.special.includes('viewSensitive');

/**
 * Whether the user sees a record's phones and emails unmasked: with `viewSensitive` on every record, or
 * as the record's owner when their role lets owners see their own records (`viewOwnSensitive`).
 */
export const seesUnmasked = (user: AuthUser | null | undefined, ownerId?: string | null): boolean =>
  canViewSensitive(user) || (!!user && !!ownerId && ownerId === user.id && user.special.includes('viewOwnSensitive'));

/** The phone as the user may see it (on a record owned by `ownerId`). */
export const phoneFor = (user: AuthUser | null | undefined, phone: string | null, ownerId?: string | null) =>
  seesUnmasked(user, ownerId) ? phone : maskPhone(phone);
export const emailFor = (user: AuthUser | null | undefined, email: string | null, ownerId?: string | null) =>
  seesUnmasked(user, ownerId) ? email : maskEmail(email);

/** Masks of the phone and email fields of leads, accounts, contacts, users and activities inside audited changes. */
const SENSITIVE_FIELDS: Record<string, (v: string) => string | null> = {
  phone: maskPhone,
  mobile: maskPhone,
  workPhone: maskPhone,
  callerPhone: maskPhone,
  email: maskEmail,
};

/** Audited changes as the user may see them: phones and emails masked without viewSensitive. */
export function maskChanges<C extends { field: string; old: unknown; new: unknown }>(changes: C[], user: AuthUser | null | undefined): C[] {
  if (canViewSensitive(user)) return changes;
  const mask = (field: string, v: unknown) => (typeof v === 'string' && SENSITIVE_FIELDS[field] ? SENSITIVE_FIELDS[field](v) : v);
  return changes.map((c) => ({ ...c, old: mask(c.field, c.old), new: mask(c.field, c.new) }));
}

const EMAIL_LIKE = /^[^\s@]+@[^\s@]+$/;
const PHONE_LIKE = /^\+?[\d\s()-]{7,20}$/;

/**
 * A free-text cell masked when it is in a phone or email field (`field`), or looks like one
 * (imported files: previews and error reports).
 */
export function maskCell(value: string, field?: string | null): string {
  if (!value) return value;
  if (field && SENSITIVE_FIELDS[field]) return SENSITIVE_FIELDS[field](value) ?? '';
  if (EMAIL_LIKE.test(value)) return maskEmail(value) ?? '';
  if (PHONE_LIKE.test(value) && (value.match(/\d/g) ?? []).length >= 7) return maskPhone(value.replace(/[\s()-]/g, '')) ?? '';
  return value;
}
