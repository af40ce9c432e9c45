import type { RouteRecordRaw } from 'vue-router';
import { accountRoutes } from '@/features/accounts/routes';
import { activityRoutes } from '@/features/activities/routes';
import { adminRoutes } from '@/features/admin/routes';
import { approvalRoutes } from '@/features/approvals/routes';
import { authRoutes } from '@/features/auth/routes';
import { contactRoutes } from '@/features/contacts/routes';
import { errorRoutes } from '@/features/errors/routes';
import { homeRoutes } from '@/features/home/routes';
import { importRoutes } from '@/features/imports/routes';
import { leadRoutes } from '@/features/leads/routes';
import { opportunityRoutes } from '@/features/opportunities/routes';
import { poolRoutes } from '@/features/pools/routes';
import { taskRoutes } from '@/features/tasks/routes';
import { workflowRoutes } from '@/features/workflows/routes';
import { productRoutes } from '@/features/products/routes';
import { quoteRoutes } from '@/features/quotes/routes';
import { businessCalendarRoutes } from '@/features/business-calendars/routes';
import { settingsRoutes } from '@/features/settings/routes';
import { backupRoutes } from '@/features/backup/routes';
import { noticeRoutes } from '@/features/notices/routes';
import { documentRoutes } from '@/features/documents/routes';
import { customFieldRoutes } from '@/features/custom-fields/routes';
import { objectRoutes } from '@/features/objects/routes';
import { contractRoutes } from '@/features/contracts/routes';
import { projectRoutes } from '@/features/projects/routes';
import { currencyRoutes } from '@/features/currencies/routes';
import { integrationRoutes } from '@/features/integrations/routes';
import { paymentRoutes } from '@/features/payments/routes';
import { campaignRoutes } from '@/features/campaigns/routes';
import { smsRoutes } from '@/features/sms/routes';
import { emailPublicRoutes, emailRoutes } from '@/features/email/routes';
import { helpCenterRoutes, knowledgeBaseRoutes } from '@/features/knowledge-base/routes';
import { ticketPublicRoutes, ticketRoutes } from '@/features/tickets/routes';
import { analyticsRoutes } from '@/features/analytics/routes';
import './meta';
import '@/features/admin/register';
import '@/features/leads/register';
import '@/features/accounts/register';
import '@/features/objects/register';
import '@/features/contacts/register';
import '@/features/tasks/register';
import '@/features/contracts/register';
import '@/features/projects/register';
import '@/features/knowledge-base/register';
import '@/features/payments/register';
import '@/features/documents/register';
import '@/features/email/register';
import '@/features/tickets/register';
import '@/features/analytics/register';

/**
 * The pages inside the app layout. A domain adds its `routes.ts` here; each route declares
 * meta.titleKey, meta.permission and (for a menu entry) meta.menu { group, icon, order }.
 */
export const layoutRoutes: RouteRecordRaw[] = [
  ...homeRoutes,
  ...leadRoutes,
  ...accountRoutes,
  ...contactRoutes,
  ...opportunityRoutes,
  ...poolRoutes,
  ...activityRoutes,
  ...taskRoutes,
  ...productRoutes,
  ...quoteRoutes,
  ...contractRoutes,
  ...projectRoutes,
  ...paymentRoutes,
  ...currencyRoutes,
  ...campaignRoutes,
  ...smsRoutes,
  ...emailRoutes,
  ...knowledgeBaseRoutes,
  ...importRoutes,
  ...approvalRoutes,
  ...adminRoutes,
  ...integrationRoutes,
  ...workflowRoutes,
  ...businessCalendarRoutes,
  ...settingsRoutes,
  ...customFieldRoutes,
  ...objectRoutes,
  ...backupRoutes,
  ...noticeRoutes,
  ...documentRoutes,
  ...ticketRoutes,
  ...analyticsRoutes,
];

export const routes: RouteRecordRaw[] = [
  ...authRoutes,
  ...helpCenterRoutes,
  ...ticketPublicRoutes,
  ...emailPublicRoutes,
  {
    path: '/',
    component: () => import('@/layouts/AppLayout.vue'),
    children: [...layoutRoutes, ...errorRoutes],
  },
];
