import type { RouteRecordRaw } from 'vue-router';

export const settingsRoutes: RouteRecordRaw[] = [
  {
    path: 'admin/settings',
    name: 'admin-settings',
    component: () => import('./pages/SettingsPage.vue'),
    meta: {
      titleKey: 'settings.title',
      permission: { module: 'settings', action: 'read' },
      menu: { group: 'admin', icon: 'Setting', order: 90 },
    },
  },
];
