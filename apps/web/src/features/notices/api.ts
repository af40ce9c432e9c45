import { api, unwrap } from '@/api/client';
import { downloadFile, uploadFile } from '@/api/files';
import type { Body, Ok } from '@/api/types';

export type Notice = Ok<'/api/v1/notices', 'get'>['data'][number];
export type NoticeAttachment = Notice['attachments'][number];
export type CreateNoticeBody = Body<'/api/v1/notices', 'post'>;
export type Receipts = Ok<'/api/v1/notices/{id}/receipts', 'get'>;
export type AudienceTargets = Ok<'/api/v1/notices/audience-targets', 'get'>;

const byId = (id: string) => ({ params: { path: { id } } });

export const noticesApi = {
  feed: () => unwrap(api.GET('/api/v1/notices')),
  get: (id: string) => unwrap(api.GET('/api/v1/notices/{id}', byId(id))),
  unreadCount: async () => (await unwrap(api.GET('/api/v1/notices/unread-count'))).unread,
  markRead: (id: string) => unwrap(api.POST('/api/v1/notices/{id}/read', byId(id))),
  create: (body: CreateNoticeBody) => unwrap(api.POST('/api/v1/notices', { body })),
  receipts: (id: string) => unwrap(api.GET('/api/v1/notices/{id}/receipts', byId(id))),
  remove: (id: string) => unwrap(api.DELETE('/api/v1/notices/{id}', byId(id))),
  /** Departments and roles (custom ones too) a notice can address; needs only the notices create grant. */
  audienceTargets: () => unwrap(api.GET('/api/v1/notices/audience-targets')),
  /** One file for the notice; the server checks its type by its bytes (415) and its size (413). */
  upload: (id: string, file: File) => uploadFile<NoticeAttachment>(`/api/v1/notices/${id}/attachments`, file),
  removeAttachment: (id: string, attachmentId: string) => unwrap(api.DELETE('/api/v1/notices/{id}/attachments/{attachmentId}', { params: { path: { id, attachmentId } } })),
  download: (id: string, a: Pick<NoticeAttachment, 'id' | 'fileName'>) => downloadFile(`/api/v1/notices/${id}/attachments/${a.id}`, a.fileName),
};
