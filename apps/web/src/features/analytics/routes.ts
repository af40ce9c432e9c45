import type { RouteRecordRaw } from 'vue-router';

export const analyticsRoutes: RouteRecordRaw[] = [
  {
    path: 'analytics',
    name: 'analytics',
    component: () => import('./pages/AnalyticsPage.vue'),
    meta: {
      titleKey: 'analytics.title',
      permission: { module: 'analytics', action: 'read' },
      menu: { group: 'analytics', icon: 'DataAnalysis', order: 10 },
    },
  },
  {
    path: 'analytics/targets',
    name: 'sales-targets',
    component: () => import('./pages/SalesTargetsPage.vue'),
    meta: {
      titleKey: 'salesTargets.title',
      permission: { module: 'analytics', action: 'read' },
      menu: { group: 'analytics', icon: 'Aim', order: 20 },
    },
  },
];
