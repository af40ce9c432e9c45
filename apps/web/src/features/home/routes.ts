import type { RouteRecordRaw } from 'vue-router';

export const homeRoutes: RouteRecordRaw[] = [
  {
    path: '',
    name: 'home',
    component: () => import('./pages/HomePage.vue'),
    meta: { titleKey: 'home.title', menu: { icon: 'House', order: 0 } },
  },
];
