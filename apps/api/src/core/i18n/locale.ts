import { LOCALES, type Locale } from '@keyuan/shared';
import type { Request } from 'express';

export type { Locale };

/** The language of answers to clients that send no (usable) Accept-Language: `DEFAULT_LOCALE`, else English (API-first). */
export const FALLBACK_LOCALE: Locale = 'en-US';

export function isLocale(v: unknown): v is Locale {
  return typeof v === 'string' && (LOCALES as readonly string[]).includes(v);
}

/** Maps a language tag onto a supported locale by its primary language: zh, zh-TW, zh-Hans → zh-CN; en-GB → en-US. */
export function localeOfTag(tag: string | undefined): Locale | undefined {
  const primary = tag?.trim().toLowerCase().split(/[-_]/)[0];
  if (primary === 'zh') return 'zh-CN';
  if (primary === 'en') return 'en-US';
  return undefined;
}

/**
 * The locale of a request: the best match of its Accept-Language (q-values honoured, by Express's negotiator),
 * else `fallback`. `lang` (an explicit query option of exports) wins over the header.
 */
export function requestLocale(req: Request, fallback: Locale, lang?: string): Locale {
  if (isLocale(lang)) return lang;
  if (!req.headers['accept-language']) return fallback;
  // ordered so a wildcard (`*`) picks the fallback
  const offered = fallback === 'zh-CN' ? ['zh-CN', 'zh', 'en-US', 'en'] : ['en-US', 'en', 'zh-CN', 'zh'];
  const best = req.acceptsLanguages(...offered);
  return (best && localeOfTag(best)) || fallback;
}
