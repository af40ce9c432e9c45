import type { RouteRecordRaw } from 'vue-router';
import { listFrom } from '@/composables/listPrefetch';

export const contactRoutes: RouteRecordRaw[] = [
  {
    path: 'contacts',
    name: 'contacts',
    component: () => import('./pages/ContactsPage.vue'),
    meta: {
      list: { resource: 'contacts', load: listFrom('/api/v1/contacts') },
      titleKey: 'contacts.title',
      permission: { module: 'contacts', action: 'read' },
      menu: { group: 'customers', icon: 'Avatar', order: 30 },
    },
  },
  {
    path: 'contacts/:id',
    name: 'contact-detail',
    component: () => import('./pages/ContactDetailPage.vue'),
    meta: { titleKey: 'contacts.detail', permission: { module: 'contacts', action: 'read' }, parent: 'contacts' },
  },
];
