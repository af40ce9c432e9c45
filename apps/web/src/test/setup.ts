import { afterEach } from 'vitest';
import { useLocaleMessages } from '@/app/i18n';
import en from '@/locales/en-US/index';
import zh from '@/locales/zh-CN/index';

// the app loads one language lazily; tests have both at hand
useLocaleMessages('en-US', en);
useLocaleMessages('zh-CN', zh);

// jsdom lacks these; Element Plus and our layout probe them.
if (!window.matchMedia) {
  window.matchMedia = (query: string) =>
    ({
      matches: false,
      media: query,
      onchange: null,
      addEventListener: () => {},
      removeEventListener: () => {},
      addListener: () => {},
      removeListener: () => {},
      dispatchEvent: () => false,
    }) as MediaQueryList;
}
if (!('ResizeObserver' in window)) {
  (window as unknown as { ResizeObserver: unknown }).ResizeObserver = class {
    observe() {}
    unobserve() {}
    disconnect() {}
  };
}

afterEach(() => {
  localStorage.clear();
});
