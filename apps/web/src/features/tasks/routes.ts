import type { RouteRecordRaw } from 'vue-router';

export const taskRoutes: RouteRecordRaw[] = [
  {
    path: 'tasks',
    name: 'tasks',
    component: () => import('./pages/TasksPage.vue'),
    meta: {
      titleKey: 'tasks.title',
      permission: { module: 'tasks', action: 'read' },
      menu: { group: 'customers', icon: 'Tickets', order: 60 },
    },
  },
  {
    path: 'calendar',
    name: 'calendar',
    component: () => import('./pages/CalendarPage.vue'),
    meta: {
      titleKey: 'tasks.calendar.title',
      permission: { module: 'tasks', action: 'read' },
      menu: { group: 'customers', icon: 'Calendar', order: 65 },
    },
  },
];
