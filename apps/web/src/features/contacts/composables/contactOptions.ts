import type { Contact } from '../api';

export const GENDERS = ['male', 'female', 'unknown'] as const;
export const CHANNELS = ['phone', 'sms', 'email', 'wechat', 'visit'] as const;

/** The opt-outs a contact asked for, as i18n keys (every sending feature must honour them). */
export const optOutsOf = (c: Pick<Contact, 'doNotCall' | 'doNotEmail' | 'doNotSms'>): string[] =>
  [c.doNotCall && 'contacts.optOut.doNotCall', c.doNotEmail && 'contacts.optOut.doNotEmail', c.doNotSms && 'contacts.optOut.doNotSms'].filter(
    (k): k is string => typeof k === 'string',
  );
