import type { RouteRecordRaw } from 'vue-router';

export const backupRoutes: RouteRecordRaw[] = [
  {
    path: 'admin/backups',
    name: 'admin-backups',
    component: () => import('./pages/BackupsPage.vue'),
    meta: {
      titleKey: 'backups.title',
      permission: { module: 'settings', action: 'update' },
      menu: { group: 'admin', icon: 'Coin', order: 95 },
    },
  },
];
