import type { RouteRecordRaw } from 'vue-router';

export const smsRoutes: RouteRecordRaw[] = [
  {
    path: 'sms/inbox',
    name: 'sms-inbox',
    component: () => import('./pages/SmsInboxPage.vue'),
    meta: { titleKey: 'sms.inbox.title', permission: { module: 'sms', action: 'read' }, menu: { group: 'marketing', icon: 'ChatLineSquare', order: 20 } },
  },
  {
    path: 'sms/broadcasts',
    name: 'sms-broadcasts',
    component: () => import('./pages/SmsBroadcastsPage.vue'),
    meta: { titleKey: 'sms.broadcasts.title', permission: { module: 'sms', action: 'create' }, menu: { group: 'marketing', icon: 'Promotion', order: 21 } },
  },
  {
    path: 'sms/templates',
    name: 'sms-templates',
    component: () => import('./pages/SmsTemplatesPage.vue'),
    meta: { titleKey: 'sms.templates.title', permission: { module: 'sms', action: 'update' }, menu: { group: 'marketing', icon: 'Document', order: 22 } },
  },
  {
    path: 'sms/settings',
    name: 'sms-settings',
    component: () => import('./pages/SmsSettingsPage.vue'),
    meta: { titleKey: 'sms.settings.title', permission: { module: 'sms', action: 'update' }, menu: { group: 'marketing', icon: 'Setting', order: 23 } },
  },
];
