import type { RouteRecordRaw } from 'vue-router';

export const emailRoutes: RouteRecordRaw[] = [
  {
    path: 'email/accounts',
    name: 'email-accounts',
    component: () => import('./pages/EmailAccountsPage.vue'),
    meta: { titleKey: 'email.accounts.title', permission: { module: 'settings', action: 'update' }, menu: { group: 'admin', icon: 'Message', order: 92 } },
  },
];

/** Reached from a link in bulk mail, without login. */
export const emailPublicRoutes: RouteRecordRaw[] = [
  {
    path: '/unsubscribe',
    name: 'email-unsubscribe',
    component: () => import('./pages/UnsubscribePage.vue'),
    meta: { public: true, titleKey: 'email.unsubscribe.title' },
  },
];
