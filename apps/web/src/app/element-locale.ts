import en from 'element-plus/es/locale/lang/en.mjs';
import zhCn from 'element-plus/es/locale/lang/zh-cn.mjs';
import type { AppLocale } from './locales';

/** Element Plus's own texts (pagination, date picker, empty...) follow the app locale. */
export const elementLocales: Record<AppLocale, typeof en> = {
  'zh-CN': zhCn,
  'en-US': en,
};
