import { defineAsyncComponent } from 'vue';
import { registerSearchProvider } from '@/composables/useGlobalSearch';
import { registerHomeWidget } from '@/composables/useHomeWidgets';
import { searchCustomers } from '@/composables/customerSearch';

registerSearchProvider({
  id: 'leads',
  labelKey: 'leads.title',
  permission: { module: 'leads', action: 'read' },
  async search(q) {
    const found = await searchCustomers(q, 'leads', async () => {
      const { leadsApi } = await import('./api');
      return (await leadsApi.list({ q, limit: 5 })).data;
    });
    return found.map((l) => ({
      id: l.id,
      title: l.name,
      subtitle: [l.company, l.phone].filter(Boolean).join(' · '),
      to: { name: 'lead-detail', params: { id: l.id } },
    }));
  },
});

registerHomeWidget({
  id: 'my-day-leads',
  component: defineAsyncComponent(() => import('./components/MyDayWidget.vue')),
  permission: { module: 'leads', action: 'read' },
  order: 5,
  span: 24,
});

registerHomeWidget({
  id: 'team-leads',
  component: defineAsyncComponent(() => import('./components/TeamLeadsWidget.vue')),
  permission: { module: 'leads', action: 'read' },
  // a rep's scope is their own leads: the "team" would be themself
  when: (auth) => auth.scopeOf('leads') === 'department' || auth.scopeOf('leads') === 'all',
  order: 6,
  span: 24,
});

registerHomeWidget({
  id: 'my-leads-by-status',
  component: defineAsyncComponent(() => import('./components/MyLeadsByStatusWidget.vue')),
  permission: { module: 'leads', action: 'read' },
  order: 10,
  span: 12,
});

registerHomeWidget({
  id: 'my-new-leads',
  component: defineAsyncComponent(() => import('./components/MyNewLeadsWidget.vue')),
  permission: { module: 'leads', action: 'read' },
  order: 11,
  span: 12,
});
