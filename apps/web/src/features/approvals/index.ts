/** What the app shell and other features may use of approvals (the boundary test allows no deeper import). */
export { default as ApprovalPanel } from './components/ApprovalPanel.vue';
export { default as ApprovalsBadge } from './components/ApprovalsBadge.vue';
export { approvalsApi, type ApprovalDetail } from './api';
