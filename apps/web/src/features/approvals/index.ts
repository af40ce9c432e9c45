import { defineAsyncComponent } from 'vue';

/** What the app shell and other features may use of approvals (the boundary test allows no deeper import). */
export { default as ApprovalsBadge } from './components/ApprovalsBadge.vue';
export { approvalsApi, type ApprovalDetail } from './api';
/** Loaded with the record page that shows it, not with the app shell (the top bar imports this file). */
export const ApprovalPanel = defineAsyncComponent(() => import('./components/ApprovalPanel.vue'));
