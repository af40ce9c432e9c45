import { afterEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h, nextTick, ref } from 'vue';
import { createMemoryHistory, createRouter, RouterView } from 'vue-router';
import type { ListQuery } from '@/api/types';
import type { RecordColumn } from '@/components/record-table';
import RecordTable from '@/components/RecordTable.vue';
import { encodeFilter } from '@/composables/listUrlState';
import { createPinia } from 'pinia';
import { i18n } from '@/app/i18n';
import { flush, mountWithApp } from '@/test/mount';

interface Row {
  id: string;
  name: string;
}
const columns: RecordColumn<Row>[] = [
  { key: 'name', labelKey: 'admin.users.name', sortable: true, fixed: true },
  { key: 'createdAt', labelKey: 'common.createdAt', sortable: true },
];
const group = { match: 'all' as const, conditions: [{ field: 'lastActivityAt', op: 'olderThanDays' as const, value: 30 }] };

/** A page holding the filter bar's state, as LeadsPage does (v-model:filters). */
function setup(load: (q: ListQuery) => Promise<{ data: Row[]; nextCursor: string | null; total: number }>) {
  const filters = ref<Record<string, unknown>>({});
  const Page = defineComponent(() => () => h(RecordTable as never, { resource: 'rows', columns, load, filters: filters.value, 'onUpdate:filters': (v: Record<string, unknown>) => (filters.value = v) }));
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/rows', name: 'rows', component: Page }, { path: '/other', name: 'other', component: { render: () => null } }] });
    // mountWithApp installs pinia and i18n; the router comes on top of them
  return { router, filters, mount: () => mountWithApp(defineComponent(() => () => h(RouterView)) as never, { global: { plugins: [createPinia(), i18n, router] } } as never) };
}

const settle = async () => {
  await flush();
  await nextTick();
  await flush();
};

describe('RecordTable URL state', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('restores search, sort, simple filters and the advanced filter from the URL', async () => {
    const load = vi.fn(async () => ({ data: [{ id: '1', name: 'A' }], nextCursor: null, total: 1 }));
    const { router, filters, mount } = setup(load);
    const filter = encodeFilter(group)!;
    await router.push({ path: '/rows', query: { q: '张', sort: 'name', status: 'new', scoreFrom: '10', filter } });
    mount();
    await settle();
    expect(load).toHaveBeenLastCalledWith({ q: '张', sort: 'name', status: 'new', scoreFrom: 10, filter, limit: 50 });
    // the page's filter bar is told, so it shows what the URL holds
    expect(filters.value).toEqual({ status: 'new', scoreFrom: 10 });
  });

  it('writes changes back to the URL and follows back/forward', async () => {
    const load = vi.fn(async () => ({ data: [], nextCursor: null, total: 0 }));
    const { router, filters, mount } = setup(load);
    await router.push('/rows');
    const wrapper = mount();
    await settle();
    expect(router.currentRoute.value.query).toEqual({});
    filters.value = { status: 'contacted' };
    await settle();
    expect(router.currentRoute.value.query).toEqual({ status: 'contacted' });
    await wrapper.find('input[data-testid="table-search"]').setValue('李');
    await settle();
    expect(router.currentRoute.value.query).toEqual({ status: 'contacted', q: '李' });
    // a link elsewhere to the same list with other state (a shared URL) is applied
    await router.push({ path: '/rows', query: { status: 'new' } });
    await settle();
    expect(filters.value).toEqual({ status: 'new' });
    await new Promise((r) => setTimeout(r, 350));
    expect(load).toHaveBeenLastCalledWith({ status: 'new', sort: '-createdAt', limit: 50 });
  });
});
