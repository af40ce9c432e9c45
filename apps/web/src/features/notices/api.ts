import { api, unwrap } from '@/api/client';
import type { Body, Ok } from '@/api/types';

export type Notice = Ok<'/api/v1/notices', 'get'>['data'][number];
export type CreateNoticeBody = Body<'/api/v1/notices', 'post'>;
export type Receipts = Ok<'/api/v1/notices/{id}/receipts', 'get'>;

const byId = (id: string) => ({ params: { path: { id } } });

export const noticesApi = {
  feed: () => unwrap(api.GET('/api/v1/notices')),
  unreadCount: async () => (await unwrap(api.GET('/api/v1/notices/unread-count'))).unread,
  markRead: (id: string) => unwrap(api.POST('/api/v1/notices/{id}/read', byId(id))),
  create: (body: CreateNoticeBody) => unwrap(api.POST('/api/v1/notices', { body })),
  receipts: (id: string) => unwrap(api.GET('/api/v1/notices/{id}/receipts', byId(id))),
  remove: (id: string) => unwrap(api.DELETE('/api/v1/notices/{id}', byId(id))),
  departments: async () => (await unwrap(api.GET('/api/v1/departments', { params: { query: { limit: 200 } } }))).data,
  roles: async () => (await unwrap(api.GET('/api/v1/roles', { params: { query: { limit: 200 } as never } }))).data,
};
