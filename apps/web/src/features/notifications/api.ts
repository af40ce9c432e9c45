import { api, unwrap } from '@/api/client';
import type { Ok } from '@/api/types';

export type NotificationPage = Ok<'/api/v1/notifications', 'get'>;
export type AppNotification = NotificationPage['data'][number];

export const notificationsApi = {
  list: (unread: boolean, limit = 10) =>
    unwrap(api.GET('/api/v1/notifications', { params: { query: { unread: unread || undefined, limit } } })),
  markRead: (id: string) => unwrap(api.POST('/api/v1/notifications/{id}/read', { params: { path: { id } } })),
  markAllRead: () => unwrap(api.POST('/api/v1/notifications/read-all')),
};

/** The page a notification is about, when the SPA has one. */
export function notificationTarget(n: Pick<AppNotification, 'entityType' | 'entityId'>) {
  if (!n.entityId || !n.entityType) return null;
  const name = { lead: 'lead-detail', account: 'account-detail', contact: 'contact-detail', approval: 'approval-detail' }[n.entityType];
  return name ? { name, params: { id: n.entityId } } : null;
}
