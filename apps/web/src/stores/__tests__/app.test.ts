import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { i18n } from '@/app/i18n';
import { initialLocale, LOCALE_STORAGE_KEY, matchLocale } from '@/app/locales';
import { useAppStore } from '@/stores/app';

function browserLanguage(tag: string) {
  vi.spyOn(navigator, 'languages', 'get').mockReturnValue([tag]);
  vi.spyOn(navigator, 'language', 'get').mockReturnValue(tag);
}

describe('locale', () => {
  beforeEach(() => setActivePinia(createPinia()));
  afterEach(() => vi.restoreAllMocks());

  it('maps browser languages onto ours', () => {
    expect(matchLocale('zh')).toBe('zh-CN');
    expect(matchLocale('zh-TW')).toBe('zh-CN');
    expect(matchLocale('en-GB')).toBe('en-US');
    expect(matchLocale('fr-FR')).toBe('en-US');
    expect(matchLocale(undefined)).toBe('en-US');
  });

  it('follows the browser language on a first visit', () => {
    browserLanguage('zh-CN');
    expect(initialLocale()).toBe('zh-CN');
    browserLanguage('en-US');
    expect(initialLocale()).toBe('en-US');
  });

  it('prefers the stored choice over the browser language', () => {
    browserLanguage('en-US');
    localStorage.setItem(LOCALE_STORAGE_KEY, 'zh-CN');
    expect(initialLocale()).toBe('zh-CN');
    localStorage.setItem(LOCALE_STORAGE_KEY, 'xx');
    expect(initialLocale()).toBe('en-US');
  });

  it('switching persists the choice, changes the messages and the document language', () => {
    browserLanguage('en-US');
    const app = useAppStore();
    expect(app.locale).toBe('en-US');
    app.setLocale('zh-CN');
    expect(localStorage.getItem(LOCALE_STORAGE_KEY)).toBe('zh-CN');
    expect(document.documentElement.lang).toBe('zh-CN');
    expect(i18n.global.t('admin.users.title')).toBe('用户管理');
    app.setLocale('en-US');
    expect(i18n.global.t('admin.users.title')).toBe('Users');
  });

  it('collapses the menu on a tablet and restores the saved choice on a wide screen', () => {
    const app = useAppStore();
    expect(app.menuCollapsed).toBe(false);
    app.setCompact(true);
    expect(app.menuCollapsed).toBe(true);
    app.setCompact(false);
    expect(app.menuCollapsed).toBe(false);
    app.toggleMenu();
    expect(localStorage.getItem('keyuan.menuCollapsed')).toBe('1');
  });
});
