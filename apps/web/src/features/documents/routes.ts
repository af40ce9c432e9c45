import type { RouteRecordRaw } from 'vue-router';

/** The network drive (我的文档): every role with the documents read grant. */
export const documentRoutes: RouteRecordRaw[] = [
  {
    path: 'documents',
    name: 'documents',
    component: () => import('./pages/DocumentsPage.vue'),
    meta: { titleKey: 'documents.title', permission: { module: 'documents', action: 'read' }, menu: { icon: 'Document', order: 7 } },
  },
];
