import type { RouteRecordRaw } from 'vue-router';

export const opportunityRoutes: RouteRecordRaw[] = [
  {
    path: 'opportunities',
    name: 'opportunities',
    component: () => import('./pages/OpportunitiesPage.vue'),
    meta: {
      titleKey: 'opportunities.title',
      permission: { module: 'opportunities', action: 'read' },
      menu: { group: 'sales', icon: 'TrendCharts', order: 10 },
    },
  },
  {
    path: 'opportunities/:id',
    name: 'opportunity-detail',
    component: () => import('./pages/OpportunityDetailPage.vue'),
    meta: { titleKey: 'opportunities.detail', permission: { module: 'opportunities', action: 'read' }, parent: 'opportunities' },
  },
  {
    path: 'admin/pipelines',
    name: 'admin-pipelines',
    component: () => import('./pages/PipelinesPage.vue'),
    meta: {
      titleKey: 'opportunities.admin.title',
      permission: { module: 'settings', action: 'update' },
      menu: { group: 'admin', icon: 'Guide', order: 60 },
    },
  },
];
