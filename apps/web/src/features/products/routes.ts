import type { RouteRecordRaw } from 'vue-router';

export const productRoutes: RouteRecordRaw[] = [
  {
    path: 'products',
    name: 'products',
    component: () => import('./pages/ProductsPage.vue'),
    meta: {
      titleKey: 'products.title',
      permission: { module: 'products', action: 'read' },
      menu: { group: 'sales', icon: 'Box', order: 20 },
    },
  },
];
