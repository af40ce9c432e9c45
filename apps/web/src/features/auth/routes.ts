import type { RouteRecordRaw } from 'vue-router';

export const authRoutes: RouteRecordRaw[] = [
  {
    path: '/login',
    name: 'login',
    component: () => import('./pages/LoginPage.vue'),
    meta: { public: true, titleKey: 'auth.login.title' },
  },
  {
    path: '/change-password',
    name: 'change-password',
    component: () => import('./pages/ChangePasswordPage.vue'),
    meta: { titleKey: 'auth.changePassword.title' },
  },
];
