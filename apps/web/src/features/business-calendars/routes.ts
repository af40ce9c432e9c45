import type { RouteRecordRaw } from 'vue-router';

export const businessCalendarRoutes: RouteRecordRaw[] = [
  {
    path: 'admin/business-calendars',
    name: 'admin-business-calendars',
    component: () => import('./pages/BusinessCalendarsPage.vue'),
    meta: {
      titleKey: 'businessCalendars.title',
      permission: { module: 'settings', action: 'read' },
      menu: { group: 'admin', icon: 'Calendar', order: 85 },
    },
  },
];
