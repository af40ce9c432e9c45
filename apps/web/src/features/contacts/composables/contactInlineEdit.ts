import { useRecordInlineEdit } from '@/composables/useRecordInlineEdit';
import { type Contact, contactsApi } from '../api';
import { CHANNELS, GENDERS } from './contactOptions';

/**
 * Inline edit of a contact's simple fields (list and detail page). Mobile, work phone and email are
 * not among them: they are masked for most readers and have the reveal flow.
 */
export function useContactInlineEdit(onChange?: (contact: Contact) => void) {
  const inline = useRecordInlineEdit<Contact>(contactsApi, onChange);
  return {
    ...inline,
    genderOptions: inline.optionsOf(GENDERS, 'contacts.gender'),
    channelOptions: inline.optionsOf(CHANNELS, 'contacts.channel'),
  };
}

export type ContactInlineEdit = ReturnType<typeof useContactInlineEdit>;
