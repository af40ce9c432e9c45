import type { RouteRecordRaw } from 'vue-router';

export const customFieldRoutes: RouteRecordRaw[] = [
  {
    path: 'admin/custom-fields',
    name: 'admin-custom-fields',
    component: () => import('./pages/CustomFieldsPage.vue'),
    meta: {
      titleKey: 'custom.title',
      permission: { module: 'settings', action: 'read' },
      menu: { group: 'admin', icon: 'Operation', order: 85 },
    },
  },
];
