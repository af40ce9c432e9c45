import type { CustomFieldOption, CustomFieldType } from '@keyuan/shared';
import { CUSTOM_FIELD_KEY, CUSTOM_RANGE_TYPES, CUSTOM_SORTABLE_TYPES } from '@keyuan/shared';
import { normalizePhone } from '../util/contact-normalize';
import { CustomFieldErrorCode as E } from './custom-field.errors';

/** What the value rules need of a definition. */
export interface CustomDef {
  key: string;
  type: CustomFieldType;
  labelZh: string;
  labelEn: string;
  required: boolean;
  isUnique: boolean;
  defaultValue: unknown;
  options: CustomFieldOption[];
  refKind: string | null;
  filterable: boolean;
}

export type Coerced = { ok: true; value: unknown } | { ok: false; code: E; message: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const DECIMAL = /^-?\d{1,15}(\.\d+)?$/;
const MONEY = /^-?\d{1,13}(\.\d{1,2})?$/;
const DATE = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/;
const TRUE = new Set(['true', '1', 'yes', 'y', '是', '真']);
const FALSE = new Set(['false', '0', 'no', 'n', '否', '假']);

const bad = (message: string, code = E.CUSTOM_FIELD_INVALID): Coerced => ({ ok: false, code, message });
const ok = (value: unknown): Coerced => ({ ok: true, value });

/** A key is an identifier by CUSTOM_FIELD_KEY: the only part of a definition that reaches SQL text, and only after this test. */
export function isCustomKey(key: unknown): key is string {
  return typeof key === 'string' && CUSTOM_FIELD_KEY.test(key);
}

function optionOf(def: CustomDef, raw: string, fromText: boolean): CustomFieldOption | undefined {
  const s = raw.trim();
  return def.options.find((o) => o.key === s) ?? (fromText ? def.options.find((o) => o.labelZh === s || o.labelEn.toLowerCase() === s.toLowerCase()) : undefined);
}

function isoDate(s: string): string | null {
  const m = DATE.exec(s.trim());
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const dt = new Date(Date.UTC(y, mo - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== d) return null;
  return dt.toISOString().slice(0, 10);
}

/**
 * A value as its field stores it, or why it cannot be: numbers and money as JSON numbers (PostgreSQL keeps
 * jsonb numbers as exact numerics), dates `YYYY-MM-DD`, datetimes ISO UTC, phones E.164, emails lower-case,
 * options by key. `fromText` (imports, type changes) also reads numbers, booleans and option labels from
 * text; `previous` is the stored value (a retired option may stay, not be chosen again). Empty is null.
 */
export function coerceValue(def: CustomDef, raw: unknown, opts: { fromText?: boolean; previous?: unknown } = {}): Coerced {
  if (raw === null || raw === undefined || (typeof raw === 'string' && raw.trim() === '') || (Array.isArray(raw) && !raw.length)) return ok(null);
  const text = typeof raw === 'string' ? raw.trim() : null;
  switch (def.type) {
    case 'text':
    case 'longText': {
      const s = text ?? (opts.fromText && (typeof raw === 'number' || typeof raw === 'boolean') ? String(raw) : null);
      if (s === null) return bad('must be text');
      const max = def.type === 'text' ? 500 : 10000;
      return s.length > max ? bad(`must be at most ${max} characters`) : ok(s);
    }
    case 'number':
    case 'money': {
      let n: number;
      if (typeof raw === 'number') n = raw;
      else if (text !== null && (def.type === 'money' ? MONEY : DECIMAL).test(text.replace(/,/g, ''))) n = Number(text.replace(/,/g, ''));
      else return bad(def.type === 'money' ? 'must be an amount with at most 2 decimals' : 'must be a number');
      if (!Number.isFinite(n) || Math.abs(n) >= 1e13) return bad('must be a number below 10,000,000,000,000 in size');
      if (def.type === 'money' && Math.round(n * 100) / 100 !== n) return bad('must be an amount with at most 2 decimals');
      return ok(n);
    }
    case 'date': {
      const d = text !== null ? isoDate(text) : null;
      return d ? ok(d) : bad('must be a date YYYY-MM-DD');
    }
    case 'datetime': {
      if (text === null || !/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(text)) return bad('must be an ISO 8601 date and time');
      const d = new Date(text.length === 10 ? `${text}T00:00:00Z` : text.replace(' ', 'T'));
      return Number.isNaN(d.getTime()) ? bad('must be an ISO 8601 date and time') : ok(d.toISOString());
    }
    case 'boolean': {
      if (typeof raw === 'boolean') return ok(raw);
      const s = text?.toLowerCase() ?? (typeof raw === 'number' ? String(raw) : '');
      if (opts.fromText || typeof raw !== 'string') {
        if (TRUE.has(s)) return ok(true);
        if (FALSE.has(s)) return ok(false);
      }
      return bad('must be true or false');
    }
    case 'select': {
      if (text === null) return bad('must be one of the options', E.CUSTOM_FIELD_OPTION);
      const o = optionOf(def, text, !!opts.fromText);
      if (!o) return bad('must be one of the options', E.CUSTOM_FIELD_OPTION);
      if (o.retired && opts.previous !== o.key) return bad(`option ${o.key} is retired`, E.CUSTOM_FIELD_OPTION);
      return ok(o.key);
    }
    case 'multiSelect': {
      const list = Array.isArray(raw) ? raw : text !== null && opts.fromText ? text.split(/[;,；，]/).filter((s) => s.trim()) : null;
      if (!list || list.length > 50 || !list.every((x) => typeof x === 'string')) return bad('must be a list of options', E.CUSTOM_FIELD_OPTION);
      const before = Array.isArray(opts.previous) ? opts.previous : [];
      const out: string[] = [];
      for (const x of list as string[]) {
        const o = optionOf(def, x, !!opts.fromText);
        if (!o) return bad('must be a list of options', E.CUSTOM_FIELD_OPTION);
        if (o.retired && !before.includes(o.key)) return bad(`option ${o.key} is retired`, E.CUSTOM_FIELD_OPTION);
        if (!out.includes(o.key)) out.push(o.key);
      }
      return ok(out);
    }
    case 'user':
    case 'reference':
      return text !== null && UUID.test(text) ? ok(text.toLowerCase()) : bad('must be a UUID');
    case 'phone': {
      const p = text !== null || typeof raw === 'number' ? normalizePhone(String(raw)) : null;
      return p ? ok(p) : bad('must be a valid phone number');
    }
    case 'email':
      return text !== null && text.length <= 254 && EMAIL.test(text) ? ok(text.toLowerCase()) : bad('must be a valid email address');
    case 'url': {
      if (text === null || text.length > 2000) return bad('must be an http(s) URL');
      try {
        const u = new URL(text);
        return u.protocol === 'http:' || u.protocol === 'https:' ? ok(text) : bad('must be an http(s) URL');
      } catch {
        return bad('must be an http(s) URL');
      }
    }
  }
  return bad('unknown type');
}

/** The value as the API answers it: money as a decimal string, the rest as stored. */
export function presentValue(def: CustomDef, v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (def.type === 'money' && typeof v === 'number') return v.toFixed(2);
  return v;
}

/** The SQL expression lists sort and range-filter by (NOT NULL for keyset pages; the filterable index is on it). */
export function customSortExpr(alias: string, key: string): string {
  if (!isCustomKey(key)) throw new Error('custom field key is not an identifier');
  return `COALESCE(${alias}.custom -> '${key}', 'null'::jsonb)`;
}

export const isSortable = (def: CustomDef) => CUSTOM_SORTABLE_TYPES.includes(def.type);
export const hasRange = (def: CustomDef) => CUSTOM_RANGE_TYPES.includes(def.type);

/** A filter's value for a field: `custom.<key>=v` (equality; for a multi-select: holds v), or a range end. */
export function filterValue(def: CustomDef, raw: string): Coerced {
  if (def.type === 'multiSelect') {
    const r = coerceValue(def, [raw], { previous: [raw] });
    return r.ok ? ok(r.value) : r;
  }
  const r = coerceValue(def, raw, { fromText: true, previous: raw });
  if (r.ok && r.value === null) return bad('must not be empty', E.CUSTOM_FIELD_FILTER);
  return r;
}
