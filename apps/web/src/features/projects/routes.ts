import type { RouteRecordRaw } from 'vue-router';

export const projectRoutes: RouteRecordRaw[] = [
  {
    path: 'projects',
    name: 'projects',
    component: () => import('./pages/ProjectsPage.vue'),
    meta: {
      titleKey: 'projects.title',
      permission: { module: 'projects', action: 'read' },
      menu: { group: 'sales', icon: 'Flag', order: 45 },
    },
  },
  {
    path: 'projects/:id',
    name: 'project-detail',
    component: () => import('./pages/ProjectDetailPage.vue'),
    meta: { titleKey: 'projects.detail', permission: { module: 'projects', action: 'read' }, parent: 'projects' },
  },
];
