import type { RouteRecordRaw } from 'vue-router';

export const poolRoutes: RouteRecordRaw[] = [
  {
    path: 'pools',
    name: 'pools',
    component: () => import('./pages/PoolsPage.vue'),
    meta: {
      titleKey: 'pools.title',
      permission: { module: 'pools', action: 'read' },
      menu: { group: 'customers', icon: 'Box', order: 40 },
    },
  },
];
