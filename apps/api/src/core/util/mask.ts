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

/** The phone as the user may see it. */
export const phoneFor = (user: AuthUser | null | undefined, phone: string | null) => (canViewSensitive(user) ? phone : maskPhone(phone));
export const emailFor = (user: AuthUser | null | undefined, email: string | null) => (canViewSensitive(user) ? email : maskEmail(email));
