import { LOCALES, type Locale } from '@keyuan/shared';

export const APP_LOCALES = LOCALES;
export type AppLocale = Locale;

export const LOCALE_STORAGE_KEY = 'keyuan.locale';

export function isAppLocale(value: unknown): value is AppLocale {
  return typeof value === 'string' && (APP_LOCALES as readonly string[]).includes(value);
}

/** Maps a browser language tag (zh, zh-TW, en-GB...) to one of ours. */
export function matchLocale(tag: string | undefined | null): AppLocale {
  if (!tag) return 'en-US';
  return tag.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en-US';
}

/** The stored choice, else the browser's first language. */
export function initialLocale(): AppLocale {
  try {
    const stored = localStorage.getItem(LOCALE_STORAGE_KEY);
    if (isAppLocale(stored)) return stored;
  } catch {
    // storage may be unavailable (privacy mode): fall through to the browser language
  }
  const nav = typeof navigator !== 'undefined' ? (navigator.languages?.[0] ?? navigator.language) : undefined;
  return matchLocale(nav);
}
