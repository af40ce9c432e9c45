/**
 * Custom fields (issue 18): the types an admin may give a field, the record kinds that take them and the
 * limits, shared by the API and the web client.
 */
export const CUSTOM_FIELD_TYPES = [
  'text',
  'longText',
  'number',
  'money',
  'date',
  'datetime',
  'boolean',
  'select',
  'multiSelect',
  'user',
  'phone',
  'email',
  'url',
  'reference',
] as const;
export type CustomFieldType = (typeof CUSTOM_FIELD_TYPES)[number];

/** Record kinds (their permission module) that carry a `custom` object. */
export const CUSTOM_FIELD_KINDS = ['leads', 'accounts', 'contacts', 'opportunities', 'quotes', 'contracts', 'tickets', 'projects'] as const;
export type CustomFieldKind = (typeof CUSTOM_FIELD_KINDS)[number];

/** Kinds a `reference` field may point to. */
export const CUSTOM_REFERENCE_KINDS = ['lead', 'account', 'contact', 'opportunity', 'quote', 'contract', 'ticket', 'project'] as const;
export type CustomReferenceKind = (typeof CUSTOM_REFERENCE_KINDS)[number];

/** A field key: a camelCase identifier, 1–40 characters, starting with a lower-case letter. */
export const CUSTOM_FIELD_KEY = /^[a-z][a-zA-Z0-9]{0,39}$/;
export const CUSTOM_FIELD_LIMIT = 200;
/** Types a list can sort by (one comparable value per record). */
export const CUSTOM_SORTABLE_TYPES: readonly CustomFieldType[] = ['text', 'number', 'money', 'date', 'datetime', 'boolean', 'select', 'user', 'phone', 'email', 'url', 'reference'];
/** Types with `<key>From` / `<key>To` ranges. */
export const CUSTOM_RANGE_TYPES: readonly CustomFieldType[] = ['number', 'money', 'date', 'datetime'];

export interface CustomFieldOption {
  /** Stored value. */
  key: string;
  labelZh: string;
  labelEn: string;
  /** `#rrggbb`. */
  color?: string | null;
  /** Retired options stay for old values but cannot be chosen again. */
  retired?: boolean;
}
