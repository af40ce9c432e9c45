import { ElMessage } from 'element-plus';
import { defineStore } from 'pinia';
import { type Ref, ref } from 'vue';
import { i18n, isLocaleLoaded, loadLocale } from '@/app/i18n';
import { type AppLocale, initialLocale, LOCALE_STORAGE_KEY } from '@/app/locales';

const COLLAPSE_KEY = 'keyuan.menuCollapsed';

/** Global UI state: locale and layout. */
export const useAppStore = defineStore('app', () => {
  const locale = ref<AppLocale>(initialLocale());
  const menuCollapsed = ref(localStorage.getItem(COLLAPSE_KEY) === '1');
  /** True under the tablet breakpoint: the menu then collapses and does not persist. */
  const compact = ref(false);

  function applyLocale(value: AppLocale) {
    (i18n.global.locale as unknown as Ref<string>).value = value;
    document.documentElement.lang = value;
  }

  /** Switches at once when the language's messages are here, else once its chunk has loaded. */
  function setLocale(value: AppLocale) {
    const switchTo = () => {
      locale.value = value;
      localStorage.setItem(LOCALE_STORAGE_KEY, value);
      applyLocale(value);
    };
    if (isLocaleLoaded(value)) switchTo();
    else void loadLocale(value).then(switchTo, () => ElMessage.error('Language files could not be loaded; reload the page.'));
  }

  function toggleMenu() {
    menuCollapsed.value = !menuCollapsed.value;
    if (!compact.value) localStorage.setItem(COLLAPSE_KEY, menuCollapsed.value ? '1' : '0');
  }

  function setCompact(value: boolean) {
    compact.value = value;
    if (value) menuCollapsed.value = true;
    else menuCollapsed.value = localStorage.getItem(COLLAPSE_KEY) === '1';
  }

  applyLocale(locale.value);

  return { locale, menuCollapsed, compact, setLocale, toggleMenu, setCompact };
});
