import type { RouteRecordRaw } from 'vue-router';
import { adminRoutes } from '@/features/admin/routes';
import { authRoutes } from '@/features/auth/routes';
import { errorRoutes } from '@/features/errors/routes';
import { homeRoutes } from '@/features/home/routes';
import './meta';
import '@/features/admin/register';

/**
 * The pages inside the app layout. A domain adds its `routes.ts` here; each route declares
 * meta.titleKey, meta.permission and (for a menu entry) meta.menu { group, icon, order }.
 */
export const layoutRoutes: RouteRecordRaw[] = [...homeRoutes, ...adminRoutes];

export const routes: RouteRecordRaw[] = [
  ...authRoutes,
  {
    path: '/',
    component: () => import('@/layouts/AppLayout.vue'),
    children: [...layoutRoutes, ...errorRoutes],
  },
];
