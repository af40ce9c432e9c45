import { i18n } from '@/app/i18n';

/** A module's name in the UI language (`plural` for menus and lists). */
export function moduleName(m: { nameZh: string; nameEn: string; pluralZh: string; pluralEn: string }, plural = true): string {
  const locale = String((i18n.global.locale as unknown as { value?: string }).value ?? i18n.global.locale);
  const zh = locale.startsWith('zh');
  return plural ? (zh ? m.pluralZh : m.pluralEn) : zh ? m.nameZh : m.nameEn;
}
