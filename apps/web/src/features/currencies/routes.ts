import type { RouteRecordRaw } from 'vue-router';

export const currencyRoutes: RouteRecordRaw[] = [
  {
    path: 'finance/currencies',
    name: 'currencies',
    component: () => import('./pages/CurrenciesPage.vue'),
    meta: {
      titleKey: 'currencies.title',
      permission: { module: 'currencies', action: 'read' },
      menu: { group: 'finance', icon: 'Money', order: 50 },
    },
  },
];
