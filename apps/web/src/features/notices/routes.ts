import type { RouteRecordRaw } from 'vue-router';

/** Company notices: every signed-in user reads theirs; publishing needs the notices create grant. */
export const noticeRoutes: RouteRecordRaw[] = [
  {
    path: 'notices',
    name: 'notices',
    component: () => import('./pages/NoticesPage.vue'),
    meta: { titleKey: 'notices.title', menu: { icon: 'Bell', order: 6 } },
  },
];
