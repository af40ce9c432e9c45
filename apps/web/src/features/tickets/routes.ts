import type { RouteRecordRaw } from 'vue-router';

export const ticketRoutes: RouteRecordRaw[] = [
  {
    path: 'tickets',
    name: 'tickets',
    component: () => import('./pages/TicketsPage.vue'),
    meta: { titleKey: 'tickets.title', permission: { module: 'tickets', action: 'read' }, menu: { group: 'service', icon: 'Tickets', order: 10 } },
  },
  {
    path: 'tickets/:id',
    name: 'ticket-detail',
    component: () => import('./pages/TicketDetailPage.vue'),
    meta: { titleKey: 'tickets.detailTitle', permission: { module: 'tickets', action: 'read' } },
  },
  {
    path: 'return-visits',
    name: 'return-visits',
    component: () => import('./pages/ReturnVisitsPage.vue'),
    meta: { titleKey: 'tickets.visits.title', permission: { module: 'tickets', action: 'read' }, menu: { group: 'service', icon: 'ChatLineSquare', order: 20 } },
  },
  {
    path: 'service-records',
    name: 'service-records',
    component: () => import('./pages/ServiceRecordsPage.vue'),
    meta: { titleKey: 'tickets.records.title', permission: { module: 'tickets', action: 'read' }, menu: { group: 'service', icon: 'Box', order: 30 } },
  },
  {
    path: 'service/teams',
    name: 'ticket-teams',
    component: () => import('./pages/TicketTeamsPage.vue'),
    meta: { titleKey: 'tickets.teams.title', permission: { module: 'tickets', action: 'update' }, menu: { group: 'service', icon: 'User', order: 40, beyondOwn: true } },
  },
  {
    path: 'service/sla-policies',
    name: 'sla-policies',
    component: () => import('./pages/SlaPoliciesPage.vue'),
    meta: { titleKey: 'tickets.policies.title', permission: { module: 'tickets', action: 'update' }, menu: { group: 'service', icon: 'Operation', order: 50, beyondOwn: true } },
  },
];

/** Outside the app layout, no login: the customer's satisfaction survey. */
export const ticketPublicRoutes: RouteRecordRaw[] = [
  {
    path: '/survey/:token',
    name: 'survey',
    component: () => import('./pages/SurveyPage.vue'),
    meta: { public: true, titleKey: 'tickets.survey.pageTitle' },
  },
];
