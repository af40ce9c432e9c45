import type { RouteRecordRaw } from 'vue-router';

export const campaignRoutes: RouteRecordRaw[] = [
  {
    path: 'campaigns',
    name: 'campaigns',
    component: () => import('./pages/CampaignsPage.vue'),
    meta: {
      titleKey: 'campaigns.title',
      permission: { module: 'campaigns', action: 'read' },
      menu: { group: 'marketing', icon: 'Promotion', order: 10 },
    },
  },
  {
    path: 'campaigns/:id',
    name: 'campaign-detail',
    component: () => import('./pages/CampaignDetailPage.vue'),
    meta: { titleKey: 'campaigns.detail', permission: { module: 'campaigns', action: 'read' }, parent: 'campaigns' },
  },
];
