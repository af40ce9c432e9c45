import { defineAsyncComponent } from 'vue';
import { registerSearchProvider } from '@/composables/useGlobalSearch';
import { registerHomeWidget } from '@/composables/useHomeWidgets';

/** Users in the top bar's search (the admin API is loaded only when someone searches). */
registerSearchProvider({
  id: 'users',
  labelKey: 'admin.users.title',
  permission: { module: 'users', action: 'read' },
  async search(q) {
    const { usersApi } = await import('./api');
    const page = await usersApi.list({ q, limit: 5 });
    return page.data.map((u) => ({
      id: u.id,
      title: u.name,
      subtitle: u.email,
      to: { name: 'admin-user-detail', params: { id: u.id } },
    }));
  },
});

registerHomeWidget({
  id: 'team-by-department',
  component: defineAsyncComponent(() => import('./components/TeamByDepartmentWidget.vue')),
  permission: { module: 'users', action: 'read' },
  // with a scope of one's own record the chart would show one bar: oneself
  when: (auth) => auth.scopeOf('users') === 'department' || auth.scopeOf('users') === 'all',
  order: 50,
  span: 12,
});
