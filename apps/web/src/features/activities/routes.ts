import type { RouteRecordRaw } from 'vue-router';

export const activityRoutes: RouteRecordRaw[] = [
  {
    path: 'activities',
    name: 'activities',
    component: () => import('./pages/ActivitiesPage.vue'),
    meta: {
      titleKey: 'activities.title',
      permission: { module: 'activities', action: 'read' },
      menu: { group: 'customers', icon: 'ChatLineSquare', order: 50 },
    },
  },
];
