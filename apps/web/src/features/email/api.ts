import { api, apiFetch, unwrap } from '@/api/client';
import type { Body, Ok } from '@/api/types';

export type EmailAccount = Ok<'/api/v1/email/accounts/{id}', 'get'>;
export type EmailAccountBody = Body<'/api/v1/email/accounts', 'post'>;
export type EmailConnectionTest = Ok<'/api/v1/email/accounts/{id}/test', 'post'>;
export type EmailTemplate = Ok<'/api/v1/email/templates/{id}', 'get'>;
export type EmailPreview = Ok<'/api/v1/email/templates/preview', 'post'>;
export type EmailMessage = Ok<'/api/v1/email/messages/{id}', 'get'>;
export type SendEmailBody = Body<'/api/v1/email/messages', 'post'>;
export type EmailTemplateBody = Body<'/api/v1/email/templates', 'post'>;
export type EmailBroadcast = Ok<'/api/v1/email/broadcasts/{id}', 'get'>;
export type EmailBroadcastBody = Body<'/api/v1/email/broadcasts', 'post'>;
export type EmailAudience = EmailBroadcastBody['audience'];
export type EmailEstimate = Ok<'/api/v1/email/broadcasts/estimate', 'post'>;
export type EmailUnsubscribeInfo = Ok<'/api/v1/email/unsubscribe/{token}', 'get'>;

const byId = (id: string) => ({ params: { path: { id } } });

export const emailApi = {
  accounts: () => unwrap(api.GET('/api/v1/email/accounts')),
  createAccount: (body: EmailAccountBody) => unwrap(api.POST('/api/v1/email/accounts', { body })),
  updateAccount: (id: string, body: Body<'/api/v1/email/accounts/{id}', 'patch'>) => unwrap(api.PATCH('/api/v1/email/accounts/{id}', { ...byId(id), body })),
  removeAccount: (id: string) => unwrap(api.DELETE('/api/v1/email/accounts/{id}', byId(id))),
  testAccount: (id: string) => unwrap(api.POST('/api/v1/email/accounts/{id}/test', byId(id))),
  templates: () => unwrap(api.GET('/api/v1/email/templates')),
  createTemplate: (body: EmailTemplateBody) => unwrap(api.POST('/api/v1/email/templates', { body })),
  updateTemplate: (id: string, body: Body<'/api/v1/email/templates/{id}', 'patch'>) => unwrap(api.PATCH('/api/v1/email/templates/{id}', { ...byId(id), body })),
  removeTemplate: (id: string) => unwrap(api.DELETE('/api/v1/email/templates/{id}', byId(id))),
  broadcasts: () => unwrap(api.GET('/api/v1/email/broadcasts')),
  broadcast: (id: string) => unwrap(api.GET('/api/v1/email/broadcasts/{id}', byId(id))),
  estimate: (body: Body<'/api/v1/email/broadcasts/estimate', 'post'>) => unwrap(api.POST('/api/v1/email/broadcasts/estimate', { body })),
  createBroadcast: (body: EmailBroadcastBody) => unwrap(api.POST('/api/v1/email/broadcasts', { body })),
  cancelBroadcast: (id: string) => unwrap(api.POST('/api/v1/email/broadcasts/{id}/cancel', byId(id))),
  preview: (body: Body<'/api/v1/email/templates/preview', 'post'>) => unwrap(api.POST('/api/v1/email/templates/preview', { body })),
  send: (body: SendEmailBody) => unwrap(api.POST('/api/v1/email/messages', { body })),
  messages: (query: { recordType?: 'contact' | 'lead' | 'account'; recordId?: string; threadId?: string; broadcastId?: string; limit?: number; cursor?: string }) => unwrap(api.GET('/api/v1/email/messages', { params: { query } })),
  unsubscribeInfo: (token: string) => unwrap(api.GET('/api/v1/email/unsubscribe/{token}', { params: { path: { token } } })),
  unsubscribe: (token: string) => unwrap(api.POST('/api/v1/email/unsubscribe/{token}', { params: { path: { token } } })),
};

export type EmailUpload = Ok<'/api/v1/email/attachments', 'post'>;

/** Uploads a file to attach (PDF, images, Office files; the server checks bytes 415 and size 413). */
export async function uploadEmailAttachment(file: File): Promise<EmailUpload> {
  const form = new FormData();
  form.append('file', file, file.name);
  const response = await apiFetch('/api/v1/email/attachments', { method: 'POST', body: form, headers: { Accept: 'application/json' } });
  return (await response.json()) as EmailUpload;
}
