import { getMetadataStorage, type ValidationError } from 'class-validator';

/** One wrong field of a request: a stable `code` the clients render, its `params`, and a sentence in the request's language. */
export interface FieldError {
  field: string;
  /** Stable code: a field code below (`required`, `too_long`, …) or a problem code (`ACCOUNT_UNKNOWN_PARENT`). */
  code: string;
  params?: Record<string, unknown>;
  /** The server's sentence (translated by the problem filter from `code` + `params`). */
  message: string;
}

type Params = Record<string, unknown>;

/**
 * class-validator constraint → field error code and its parameters (from the decorator's constraints):
 * the one place the API's field codes come from. Order is priority: a field reports only its first failure,
 * so an empty required cell says `required` once instead of "required; too long; not a string".
 */
const CONSTRAINTS: [string, string, (c: unknown[]) => Params][] = [
  ['whitelistValidation', 'unknown_field', () => ({})],
  ['isDefined', 'required', () => ({})],
  ['isNotEmpty', 'required', () => ({})],
  ['arrayNotEmpty', 'required', () => ({})],
  ['isString', 'not_string', () => ({})],
  ['isInt', 'not_integer', () => ({})],
  ['isNumber', 'not_number', () => ({})],
  ['isNumberString', 'not_number', () => ({})],
  ['isDecimal', 'not_number', () => ({})],
  ['isBoolean', 'not_boolean', () => ({})],
  ['isArray', 'not_array', () => ({})],
  ['isObject', 'not_object', () => ({})],
  ['nestedValidation', 'not_object', () => ({})],
  ['isUuid', 'not_uuid', () => ({})],
  ['isUUID', 'not_uuid', () => ({})],
  ['isIn', 'invalid_enum', (c) => ({ allowed: c[0] })],
  ['isEnum', 'invalid_enum', (c) => ({ allowed: c[1] ?? Object.values((c[0] ?? {}) as object) })],
  ['isEmail', 'invalid_email', () => ({})],
  ['isPhone', 'invalid_phone', () => ({})],
  ['isDateOnly', 'invalid_date', () => ({})],
  ['isDateTime', 'invalid_datetime', () => ({})],
  ['isDateString', 'invalid_datetime', () => ({})],
  ['isIso8601', 'invalid_datetime', () => ({})],
  ['isUrl', 'invalid_url', () => ({})],
  ['matches', 'invalid_format', () => ({})],
  ['maxLength', 'too_long', (c) => ({ max: c[0] })],
  ['minLength', 'too_short', (c) => ({ min: c[0] })],
  ['min', 'too_small', (c) => ({ min: c[0] })],
  ['max', 'too_large', (c) => ({ max: c[0] })],
  ['arrayMinSize', 'too_few', (c) => ({ min: c[0] })],
  ['arrayMaxSize', 'too_many', (c) => ({ max: c[0] })],
];
const PRIORITY = new Map(CONSTRAINTS.map(([name], i) => [name, i]));
const REQUIRED = new Set(['isDefined', 'isNotEmpty', 'arrayNotEmpty']);

/** The decorator arguments of one constraint on a property (e.g. `[100]` for `@MaxLength(100)`). */
function constraintArgs(target: object | undefined, property: string, name: string): unknown[] {
  if (!target || typeof target !== 'object') return [];
  const metas = getMetadataStorage().getTargetValidationMetadatas(target.constructor, '', true, false);
  const meta = metas.find((m) => m.propertyName === property && (m.name === name || m.type === name));
  return meta?.constraints ?? [];
}

const isEmpty = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/** The single error a property reports: `required` for an empty value that must be given, else its first failure by priority. */
function fieldErrorOf(e: ValidationError, field: string): FieldError | undefined {
  const names = Object.keys(e.constraints ?? {});
  if (!names.length) return undefined;
  if (isEmpty(e.value) && names.some((n) => REQUIRED.has(n))) {
    return { field, code: 'required', message: `${field} is required` };
  }
  const name = [...names].sort((a, b) => (PRIORITY.get(a) ?? 99) - (PRIORITY.get(b) ?? 99))[0];
  const known = CONSTRAINTS.find(([n]) => n === name);
  const message = e.constraints![name].replace(/^property (\S+) should not exist$/, 'unknown field');
  if (!known) return { field, code: 'invalid', message };
  const params = known[2](constraintArgs(e.target, e.property, name));
  return { field, code: known[1], ...(Object.keys(params).length ? { params } : {}), message };
}

/**
 * class-validator errors → one FieldError per wrong field (nested paths as `items[0].name`, `address.city`).
 * Used by the validation pipe and the import runner, so a request and an import row speak the same codes.
 */
export function toFieldErrors(errors: ValidationError[], prefix = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const e of errors) {
    const field = prefix ? (/^\d+$/.test(e.property) ? `${prefix}[${e.property}]` : `${prefix}.${e.property}`) : e.property;
    const own = fieldErrorOf(e, field);
    if (own) out.push(own);
    if (e.children?.length && !own) out.push(...toFieldErrors(e.children, field));
  }
  return out;
}
