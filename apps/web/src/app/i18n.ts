import { createI18n } from 'vue-i18n';
import { type AppLocale, APP_LOCALES, initialLocale } from './locales';

interface Messages {
  [key: string]: string | Messages;
}

/** Every `locales/<lang>/<feature>.json` becomes the `<feature>` namespace of `<lang>`. */
const files = import.meta.glob<{ default: Messages }>('../locales/*/*.json', { eager: true });

export function collectMessages(): Record<AppLocale, Messages> {
  const messages = Object.fromEntries(APP_LOCALES.map((l) => [l, {} as Messages])) as Record<AppLocale, Messages>;
  for (const [path, mod] of Object.entries(files)) {
    const match = /locales\/([^/]+)\/([^/]+)\.json$/.exec(path);
    if (!match) continue;
    const [, lang, feature] = match;
    if (lang in messages) messages[lang as AppLocale][feature] = mod.default;
  }
  return messages;
}

export const i18n = createI18n({
  legacy: false,
  globalInjection: true,
  locale: initialLocale(),
  fallbackLocale: 'en-US',
  messages: collectMessages(),
  missingWarn: import.meta.env.DEV,
  fallbackWarn: false,
});

export function t(key: string, params?: Record<string, unknown>): string {
  return params ? i18n.global.t(key, params) : i18n.global.t(key);
}
