import type { RouteRecordRaw } from 'vue-router';

/** Children of the layout, registered last so the catch-all comes after every domain. */
export const errorRoutes: RouteRecordRaw[] = [
  {
    path: '403',
    name: 'forbidden',
    component: () => import('./pages/ForbiddenPage.vue'),
    meta: { titleKey: 'errors.forbidden.title' },
  },
  {
    path: ':pathMatch(.*)*',
    name: 'not-found',
    component: () => import('./pages/NotFoundPage.vue'),
    meta: { titleKey: 'errors.notFound.title' },
  },
];
