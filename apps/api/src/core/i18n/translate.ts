import { EN_US, type Catalogue } from './catalogue/en-US';
import { ZH_CN } from './catalogue/zh-CN';
import type { Locale } from './locale';

export type MessageParams = Record<string, unknown>;
type Section = Exclude<keyof Catalogue, never>;

const CATALOGUES: Record<Locale, Catalogue> = { 'en-US': EN_US, 'zh-CN': ZH_CN };

/** The catalogue's text for `section.key` in `locale` (English when the locale lacks it), or undefined. */
export function lookup(locale: Locale, section: Section, key: string): string | undefined {
  const of = (c: Catalogue) => (c[section] as Record<string, unknown>)[key];
  const text = of(CATALOGUES[locale]) ?? of(EN_US);
  return typeof text === 'string' ? text : undefined;
}

/** An option's label (`options.<list>.<value>`), the value itself when the list or value is unknown. */
export function optionLabel(locale: Locale, list: string, value: unknown): string {
  const key = String(value);
  return CATALOGUES[locale].options[list]?.[key] ?? EN_US.options[list]?.[key] ?? key;
}

function show(locale: Locale, v: unknown, section?: string): string {
  if (Array.isArray(v)) return v.map((x) => show(locale, x, section)).join(locale === 'zh-CN' ? '、' : ', ');
  const s = v instanceof Date ? v.toISOString() : String(v);
  if (section && section in EN_US) return lookup(locale, section as Section, s) ?? s;
  return s;
}

/**
 * Fills `{name}` and `{name:section}` (the parameter's label from that catalogue section) in a template.
 * Returns undefined when a parameter is missing, so callers can fall back to a message they already have.
 */
export function interpolate(locale: Locale, template: string, params: MessageParams = {}): string | undefined {
  let missing = false;
  const out = template.replace(/\{(\w+)(?::(\w+))?\}/g, (_m, name: string, section?: string) => {
    const v = params[name];
    if (v === undefined || v === null) {
      missing = true;
      return '';
    }
    return show(locale, v, section);
  });
  return missing ? undefined : out;
}

/** `section.key` rendered in `locale` with `params`; undefined when the catalogue has no such text or a parameter is missing. */
export function translate(locale: Locale, section: Section, key: string, params?: MessageParams): string | undefined {
  const template = lookup(locale, section, key);
  return template === undefined ? undefined : interpolate(locale, template, params);
}
