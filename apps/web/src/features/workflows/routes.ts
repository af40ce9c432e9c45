import type { RouteRecordRaw } from 'vue-router';

export const workflowRoutes: RouteRecordRaw[] = [
  {
    path: 'admin/workflow-rules',
    name: 'workflow-rules',
    component: () => import('./pages/WorkflowRulesPage.vue'),
    meta: {
      titleKey: 'workflows.title',
      permission: { module: 'settings', action: 'read' },
      menu: { group: 'admin', icon: 'Operation', order: 80 },
    },
  },
  {
    path: 'admin/workflow-rules/new',
    name: 'workflow-rule-new',
    component: () => import('./pages/WorkflowRuleEditPage.vue'),
    meta: { titleKey: 'workflows.new', permission: { module: 'settings', action: 'create' }, parent: 'workflow-rules' },
  },
  {
    path: 'admin/workflow-rules/:id',
    name: 'workflow-rule-edit',
    component: () => import('./pages/WorkflowRuleEditPage.vue'),
    meta: { titleKey: 'workflows.edit', permission: { module: 'settings', action: 'read' }, parent: 'workflow-rules' },
  },
];
