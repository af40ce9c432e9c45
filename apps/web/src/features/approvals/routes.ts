import type { RouteRecordRaw } from 'vue-router';

/** "My approvals" is every signed-in user's; the flow designer is the administrators' (settings). */
export const approvalRoutes: RouteRecordRaw[] = [
  {
    path: 'approvals',
    name: 'approvals',
    component: () => import('./pages/MyApprovalsPage.vue'),
    meta: { titleKey: 'approvals.title', menu: { icon: 'Stamp', order: 5 } },
  },
  {
    path: 'approvals/:id',
    name: 'approval-detail',
    component: () => import('./pages/ApprovalDetailPage.vue'),
    meta: { titleKey: 'approvals.detail', parent: 'approvals' },
  },
  {
    path: 'admin/approval-flows',
    name: 'approval-flows',
    component: () => import('./pages/ApprovalFlowsPage.vue'),
    meta: {
      titleKey: 'approvals.designer.title',
      permission: { module: 'settings', action: 'read' },
      menu: { group: 'admin', icon: 'Stamp', order: 75 },
    },
  },
];
