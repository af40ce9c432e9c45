import { CONTACT_CHANNELS, GENDERS } from '@keyuan/shared';
import type { Contact } from '../api';

export { GENDERS };
export const CHANNELS = CONTACT_CHANNELS;

/** The opt-outs a contact asked for, as i18n keys (every sending feature must honour them). */
export const optOutsOf = (c: Pick<Contact, 'doNotCall' | 'doNotEmail' | 'doNotSms'>): string[] =>
  [c.doNotCall && 'contacts.optOut.doNotCall', c.doNotEmail && 'contacts.optOut.doNotEmail', c.doNotSms && 'contacts.optOut.doNotSms'].filter(
    (k): k is string => typeof k === 'string',
  );
