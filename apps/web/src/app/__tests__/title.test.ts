import { describe, expect, it } from 'vitest';
import { nextTick } from 'vue';
import { createMemoryHistory, createRouter } from 'vue-router';
import App from '@/App.vue';
import { i18n } from '@/app/i18n';
import { mount } from '@vue/test-utils';
import { createPinia } from 'pinia';
import { flush } from '@/test/mount';

const Stub = { template: '<div />' };

describe('the tab title', () => {
  it("names the page in the reader's language and follows a language switch and a navigation", async () => {
    const router = createRouter({
      history: createMemoryHistory(),
      routes: [
        { path: '/leads', component: Stub, meta: { titleKey: 'leads.title' } },
        { path: '/tasks', component: Stub, meta: { titleKey: 'tasks.title' } },
      ],
    });
    await router.push('/leads');
    (i18n.global.locale as unknown as { value: string }).value = 'en-US';
    const wrapper = mount(App, { global: { plugins: [createPinia(), i18n, router] } });
    await flush();
    expect(document.title).toBe(`${i18n.global.t('leads.title')} · ${i18n.global.t('common.appName')}`);
    expect(document.title).not.toContain('leads.title');

    (i18n.global.locale as unknown as { value: string }).value = 'zh-CN';
    await nextTick();
    expect(document.title).toBe(`${i18n.global.t('leads.title')} · ${i18n.global.t('common.appName')}`);
    expect(document.title).toMatch(/线索/);

    await router.push('/tasks');
    await flush();
    expect(document.title).toMatch(new RegExp(`^${i18n.global.t('tasks.title')}`));
    (i18n.global.locale as unknown as { value: string }).value = 'en-US';
    wrapper.unmount();
  });
});
