import type { RouteRecordRaw } from 'vue-router';

export const importRoutes: RouteRecordRaw[] = [
  {
    path: 'imports/new',
    name: 'import',
    component: () => import('./pages/ImportWizardPage.vue'),
    meta: {
      titleKey: 'imports.title',
      permission: { module: 'imports', action: 'create' },
      menu: { group: 'customers', icon: 'Upload', order: 80 },
    },
  },
  {
    path: 'imports',
    name: 'import-history',
    component: () => import('./pages/ImportHistoryPage.vue'),
    meta: {
      titleKey: 'imports.history',
      permission: { module: 'imports', action: 'read' },
      menu: { group: 'customers', icon: 'Document', order: 81 },
    },
  },
];
