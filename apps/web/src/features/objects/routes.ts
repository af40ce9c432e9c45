import type { RouteRecordRaw } from 'vue-router';

/** Custom modules: the admin page, and one list/detail pair for every module (the menu lists them from the API). */
export const objectRoutes: RouteRecordRaw[] = [
  {
    path: 'admin/custom-modules',
    name: 'admin-custom-modules',
    component: () => import('./pages/ModulesAdminPage.vue'),
    meta: {
      titleKey: 'objects.title',
      permission: { module: 'settings', action: 'read' },
      menu: { group: 'admin', icon: 'Grid', order: 86 },
    },
  },
  {
    path: 'm/:object',
    name: 'module-records',
    component: () => import('./pages/RecordsListPage.vue'),
    meta: { titleKey: 'objects.records' },
  },
  {
    path: 'm/:object/:id',
    name: 'module-record',
    component: () => import('./pages/RecordDetailPage.vue'),
    meta: { titleKey: 'objects.record', parent: 'module-records' },
  },
];
