import { mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import type { Component } from 'vue';
import { i18n } from '@/app/i18n';

/** Mounts with the app's plugins (pinia, i18n) in English. */
export function mountWithApp<C extends Component>(component: C, options: Parameters<typeof mount<C>>[1] = {}) {
  const pinia = createPinia();
  setActivePinia(pinia);
  (i18n.global.locale as unknown as { value: string }).value = 'en-US';
  return mount(component, {
    attachTo: document.body,
    ...options,
    global: { plugins: [pinia, i18n], ...(options as { global?: object }).global },
  } as never);
}

export const flush = () => new Promise((r) => setTimeout(r, 0));
