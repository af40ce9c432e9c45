import type { RouteRecordRaw } from 'vue-router';

export const contractRoutes: RouteRecordRaw[] = [
  {
    path: 'contracts',
    name: 'contracts',
    component: () => import('./pages/ContractsPage.vue'),
    meta: {
      titleKey: 'contracts.title',
      permission: { module: 'contracts', action: 'read' },
      menu: { group: 'sales', icon: 'Tickets', order: 40 },
    },
  },
  {
    path: 'contracts/new',
    name: 'contract-new',
    component: () => import('./pages/ContractEditorPage.vue'),
    meta: { titleKey: 'contracts.create', permission: { module: 'contracts', action: 'create' }, parent: 'contracts' },
  },
  {
    path: 'contracts/:id',
    name: 'contract-detail',
    component: () => import('./pages/ContractEditorPage.vue'),
    meta: { titleKey: 'contracts.detail', permission: { module: 'contracts', action: 'read' }, parent: 'contracts' },
  },
];
