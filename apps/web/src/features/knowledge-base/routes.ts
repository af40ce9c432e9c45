import type { RouteRecordRaw } from 'vue-router';

/** Pages inside the app layout. */
export const knowledgeBaseRoutes: RouteRecordRaw[] = [
  {
    path: 'kb',
    name: 'kb',
    component: () => import('./pages/KbListPage.vue'),
    meta: {
      titleKey: 'kb.title',
      permission: { module: 'knowledge', action: 'read' },
      menu: { group: 'service', icon: 'Reading', order: 40 },
    },
  },
  {
    path: 'kb/categories',
    name: 'kb-categories',
    component: () => import('./pages/KbCategoriesPage.vue'),
    meta: { titleKey: 'kb.categories.title', permission: { module: 'knowledge', action: 'update' }, parent: 'kb' },
  },
  {
    path: 'kb/new',
    name: 'kb-new',
    component: () => import('./pages/KbEditorPage.vue'),
    meta: { titleKey: 'kb.create', permission: { module: 'knowledge', action: 'create' }, parent: 'kb' },
  },
  {
    path: 'kb/:id',
    name: 'kb-article',
    component: () => import('./pages/KbArticlePage.vue'),
    meta: { titleKey: 'kb.article', permission: { module: 'knowledge', action: 'read' }, parent: 'kb' },
  },
  {
    path: 'kb/:id/edit',
    name: 'kb-edit',
    component: () => import('./pages/KbEditorPage.vue'),
    meta: { titleKey: 'kb.edit', permission: { module: 'knowledge', action: 'update' }, parent: 'kb' },
  },
];

/** The public help center: outside the app layout, no login. */
export const helpCenterRoutes: RouteRecordRaw[] = [
  {
    path: '/help',
    name: 'help',
    component: () => import('./pages/HelpCenterPage.vue'),
    meta: { public: true, titleKey: 'kb.help.title' },
  },
  {
    path: '/help/:id',
    name: 'help-article',
    component: () => import('./pages/HelpArticlePage.vue'),
    meta: { public: true, titleKey: 'kb.help.title' },
  },
];
