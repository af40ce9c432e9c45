import type { RouteRecordRaw } from 'vue-router';

export const integrationRoutes: RouteRecordRaw[] = [
  {
    path: 'admin/api-keys',
    name: 'admin-api-keys',
    component: () => import('./pages/ApiKeysPage.vue'),
    meta: {
      titleKey: 'integrations.keys.title',
      permission: { module: 'integrations', action: 'read' },
      menu: { group: 'admin', icon: 'Key', order: 60 },
    },
  },
  {
    path: 'admin/webhooks',
    name: 'admin-webhooks',
    component: () => import('./pages/WebhooksPage.vue'),
    meta: {
      titleKey: 'integrations.webhooks.title',
      permission: { module: 'integrations', action: 'read' },
      menu: { group: 'admin', icon: 'Connection', order: 70 },
    },
  },
];
