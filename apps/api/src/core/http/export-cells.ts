import type { Locale } from '../i18n/locale';
import { optionLabel } from '../i18n/translate';

/** A column of an export or import: its API key and its header in both languages. */
export interface FieldDef<T = never> {
  key: string;
  zh: string;
  en: string;
  /** Other headers recognised when suggesting an import mapping. */
  aliases?: string[];
  /** The exported value (defaults to the row's `key`). */
  value?: (row: T) => unknown;
  /** Exported as this option list's label (core/i18n catalogue `options.<list>`), not the stored code. */
  options?: string;
  /** Kept as text even when it looks like a number (phones, ids): XLSX writes it as a text cell. */
  text?: boolean;
}

export type FileLocale = Locale;

const FORMATS = new Map<string, Intl.DateTimeFormat>();

/** One formatter per zone: building an Intl.DateTimeFormat costs far more than using one (100k-row exports). */
function formatIn(timeZone: string): Intl.DateTimeFormat {
  let f = FORMATS.get(timeZone);
  if (!f) {
    // Swedish writes ISO-like `2026-11-30 17:05:09` (Node ships full ICU); format() is ~3x faster than formatToParts()
    f = new Intl.DateTimeFormat('sv-SE', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    FORMATS.set(timeZone, f);
  }
  return f;
}

/** `2026-11-30 17:05:09` in `timeZone`: what people read in a file (the API's JSON stays ISO UTC). */
export function localDateTime(d: Date, timeZone: string): string {
  return formatIn(timeZone).format(d);
}

/** The wall-clock time of `d` in `timeZone` as a Date whose UTC fields hold it: how a spreadsheet date cell shows local time. */
export function wallClock(d: Date, timeZone: string): Date {
  const [date, time] = localDateTime(d, timeZone).split(' ');
  return new Date(`${date}T${time}Z`);
}

/** The value a file shows for one field of a row: option labels and yes/no in the file's language; dates stay Dates. */
export function exportValue<T>(field: FieldDef<T>, row: T, locale: Locale): unknown {
  const v = field.value ? field.value(row) : (row as Record<string, unknown>)[field.key];
  if (v === null || v === undefined || v === '') return '';
  if (Array.isArray(v)) return v.map((x) => (field.options ? optionLabel(locale, field.options, x) : String(x))).join(';');
  if (typeof v === 'boolean') return optionLabel(locale, 'boolean', v);
  if (field.options) return optionLabel(locale, field.options, v);
  return v;
}
