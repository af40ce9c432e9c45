import type { RouteRecordRaw } from 'vue-router';
import { listFrom } from '@/composables/listPrefetch';

export const leadRoutes: RouteRecordRaw[] = [
  {
    path: 'leads',
    name: 'leads',
    component: () => import('./pages/LeadsPage.vue'),
    meta: {
      list: { resource: 'leads', load: listFrom('/api/v1/leads'), when: (query) => query.view !== 'kanban' },
      titleKey: 'leads.title',
      permission: { module: 'leads', action: 'read' },
      menu: { group: 'customers', icon: 'Aim', order: 10 },
    },
  },
  {
    path: 'leads/:id',
    name: 'lead-detail',
    component: () => import('./pages/LeadDetailPage.vue'),
    meta: { titleKey: 'leads.detail', permission: { module: 'leads', action: 'read' }, parent: 'leads' },
  },
  {
    path: 'admin/lead-assignment-rules',
    name: 'lead-assignment-rules',
    component: () => import('./pages/AssignmentRulesPage.vue'),
    meta: {
      titleKey: 'leads.rules.title',
      permission: { module: 'settings', action: 'read' },
      menu: { group: 'admin', icon: 'Guide', order: 60 },
    },
  },
  {
    path: 'admin/lead-forms',
    name: 'lead-forms',
    component: () => import('./pages/LeadFormsPage.vue'),
    meta: {
      titleKey: 'leads.forms.title',
      permission: { module: 'settings', action: 'read' },
      menu: { group: 'admin', icon: 'Document', order: 70 },
    },
  },
];
