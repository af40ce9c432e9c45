import { createI18n } from 'vue-i18n';
import { type AppLocale, initialLocale } from './locales';
import type { Messages } from './messages';

/**
 * One chunk per language (`locales/<lang>/index.ts`), loaded before the app mounts and when the user
 * switches: a page carries the words of its language only, not of both.
 */
const bundles = import.meta.glob<{ default: Messages }>('../locales/*/index.ts');
const loaded = new Set<AppLocale>();

export const i18n = createI18n({
  legacy: false,
  globalInjection: true,
  locale: initialLocale(),
  fallbackLocale: 'en-US',
  messages: {},
  missingWarn: import.meta.env.DEV,
  fallbackWarn: false,
});

export function isLocaleLoaded(locale: AppLocale): boolean {
  return loaded.has(locale);
}

/** Puts a language's messages in place (the test setup gives them eagerly). */
export function useLocaleMessages(locale: AppLocale, messages: Messages): void {
  i18n.global.setLocaleMessage(locale, messages as never);
  loaded.add(locale);
}

export async function loadLocale(locale: AppLocale): Promise<void> {
  if (loaded.has(locale)) return;
  const load = bundles[`../locales/${locale}/index.ts`];
  if (!load) throw new Error(`no messages for ${locale}`);
  useLocaleMessages(locale, (await load()).default);
}

export function t(key: string, params?: Record<string, unknown>): string {
  return params ? i18n.global.t(key, params) : i18n.global.t(key);
}
