import { CUSTOM_FIELD_KEY, CUSTOM_REFERENCE_KINDS, type CustomFieldOption, type CustomFieldType } from '@keyuan/shared';
import { badRequest } from '../http/domain-error';
import { CustomFieldErrorCode as E } from './custom-field.errors';
import { coerceValue } from './custom-values';

const OPTION_KEY = /^[A-Za-z0-9_\-\u4e00-\u9fff]{1,40}$/;
const COLOR = /^#[0-9a-fA-F]{6}$/;
const UNIQUE_TYPES: CustomFieldType[] = ['text', 'number', 'money', 'date', 'datetime', 'user', 'phone', 'email', 'url', 'reference'];

export interface DefinitionInput {
  key: string;
  type: CustomFieldType;
  labelZh: string;
  labelEn: string;
  required?: boolean;
  unique?: boolean;
  defaultValue?: unknown;
  options?: CustomFieldOption[];
  refKind?: string | null;
}

/** A definition's own rules (400 naming the field): options for choice types, a reference kind, a valid default, unique only where it means something. */
export function validateDefinition(d: DefinitionInput, previousOptions: CustomFieldOption[] = []): void {
  if (!CUSTOM_FIELD_KEY.test(d.key)) throw badRequest(E.CUSTOM_FIELD_INVALID, 'key', 'key must be a camelCase identifier of at most 40 characters');
  const choice = d.type === 'select' || d.type === 'multiSelect';
  const options = d.options ?? [];
  if (choice && !options.some((o) => !o.retired)) throw badRequest(E.CUSTOM_FIELD_INVALID, 'options', 'a select field needs at least one option');
  if (!choice && options.length) throw badRequest(E.CUSTOM_FIELD_INVALID, 'options', 'only select fields take options');
  const seen = new Set<string>();
  options.forEach((o, i) => {
    if (!OPTION_KEY.test(o.key) || seen.has(o.key)) throw badRequest(E.CUSTOM_FIELD_INVALID, `options[${i}].key`, 'option keys are unique identifiers');
    if (o.color && !COLOR.test(o.color)) throw badRequest(E.CUSTOM_FIELD_INVALID, `options[${i}].color`, 'colour must be #rrggbb');
    seen.add(o.key);
  });
  // an option that had values is retired, not dropped silently (dropping is checked against the values)
  void previousOptions;
  if (d.type === 'reference' && !(CUSTOM_REFERENCE_KINDS as readonly string[]).includes(d.refKind ?? '')) {
    throw badRequest(E.CUSTOM_FIELD_INVALID, 'refKind', `refKind must be one of ${CUSTOM_REFERENCE_KINDS.join(', ')}`);
  }
  if (d.type !== 'reference' && d.refKind) throw badRequest(E.CUSTOM_FIELD_INVALID, 'refKind', 'only reference fields take refKind');
  if (d.unique && !UNIQUE_TYPES.includes(d.type)) throw badRequest(E.CUSTOM_FIELD_INVALID, 'unique', `a ${d.type} field cannot be unique`);
  if (d.unique && d.defaultValue !== undefined && d.defaultValue !== null) throw badRequest(E.CUSTOM_FIELD_INVALID, 'defaultValue', 'a unique field takes no default');
  if (d.defaultValue !== undefined && d.defaultValue !== null) {
    const c = coerceValue({ ...d, required: false, isUnique: false, options, refKind: d.refKind ?? null, filterable: false, defaultValue: null }, d.defaultValue);
    if (!c.ok) throw badRequest(E.CUSTOM_FIELD_INVALID, 'defaultValue', `defaultValue ${c.message}`);
  }
}
