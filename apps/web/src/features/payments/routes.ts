import type { RouteRecordRaw } from 'vue-router';

export const paymentRoutes: RouteRecordRaw[] = [
  {
    path: 'finance/receivables',
    name: 'receivables',
    component: () => import('./pages/ReceivablesPage.vue'),
    meta: { titleKey: 'payments.receivables.title', permission: { module: 'payments', action: 'read' }, menu: { group: 'finance', icon: 'DataAnalysis', order: 10 } },
  },
  {
    path: 'finance/payments',
    name: 'payments',
    component: () => import('./pages/PaymentsPage.vue'),
    meta: { titleKey: 'payments.title', permission: { module: 'payments', action: 'read' }, menu: { group: 'finance', icon: 'Money', order: 20 } },
  },
  {
    path: 'finance/invoices',
    name: 'invoices',
    component: () => import('./pages/InvoicesPage.vue'),
    meta: { titleKey: 'payments.invoices.title', permission: { module: 'payments', action: 'read' }, menu: { group: 'finance', icon: 'Document', order: 30 } },
  },
];
