import type { RouteRecordRaw } from 'vue-router';
import { listFrom } from '@/composables/listPrefetch';

export const accountRoutes: RouteRecordRaw[] = [
  {
    path: 'accounts',
    name: 'accounts',
    component: () => import('./pages/AccountsPage.vue'),
    meta: {
      list: { resource: 'accounts', load: listFrom('/api/v1/accounts') },
      titleKey: 'accounts.title',
      permission: { module: 'accounts', action: 'read' },
      menu: { group: 'customers', icon: 'OfficeBuilding', order: 20 },
    },
  },
  {
    path: 'accounts/:id',
    name: 'account-detail',
    component: () => import('./pages/AccountDetailPage.vue'),
    meta: { titleKey: 'accounts.detail', permission: { module: 'accounts', action: 'read' }, parent: 'accounts' },
  },
];
