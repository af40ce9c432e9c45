import type { RouteRecordRaw } from 'vue-router';

export const emailRoutes: RouteRecordRaw[] = [
  {
    path: 'email/accounts',
    name: 'email-accounts',
    component: () => import('./pages/EmailAccountsPage.vue'),
    meta: { titleKey: 'email.accounts.title', permission: { module: 'settings', action: 'update' }, menu: { group: 'admin', icon: 'Message', order: 92 } },
  },
  {
    path: 'email/broadcasts',
    name: 'email-broadcasts',
    component: () => import('./pages/EmailBroadcastsPage.vue'),
    meta: { titleKey: 'email.broadcasts.title', permission: { module: 'email', action: 'update' }, menu: { group: 'marketing', icon: 'Promotion', order: 25 } },
  },
  {
    path: 'email/templates',
    name: 'email-templates',
    component: () => import('./pages/EmailTemplatesPage.vue'),
    meta: { titleKey: 'email.templates.title', permission: { module: 'email', action: 'update' }, menu: { group: 'marketing', icon: 'Document', order: 26 } },
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
