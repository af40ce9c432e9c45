import type { RouteRecordRaw } from 'vue-router';

export const quoteRoutes: RouteRecordRaw[] = [
  {
    path: 'quotes',
    name: 'quotes',
    component: () => import('./pages/QuotesPage.vue'),
    meta: {
      titleKey: 'quotes.title',
      permission: { module: 'quotes', action: 'read' },
      menu: { group: 'sales', icon: 'Document', order: 30 },
    },
  },
  {
    path: 'quotes/new',
    name: 'quote-new',
    component: () => import('./pages/QuoteEditorPage.vue'),
    meta: { titleKey: 'quotes.create', permission: { module: 'quotes', action: 'create' }, parent: 'quotes' },
  },
  {
    path: 'quotes/:id',
    name: 'quote-detail',
    component: () => import('./pages/QuoteEditorPage.vue'),
    meta: { titleKey: 'quotes.detail', permission: { module: 'quotes', action: 'read' }, parent: 'quotes' },
  },
];
