import { api, unwrap } from '@/api/client';
import type { Body, Ok } from '@/api/types';

export type SmsSettings = Ok<'/api/v1/sms/settings', 'get'>;
export type SmsSettingsBody = Body<'/api/v1/sms/settings', 'put'>;
export type SmsTemplate = Ok<'/api/v1/sms/templates/{id}', 'get'>;
export type SmsTemplateBody = Body<'/api/v1/sms/templates', 'post'>;
export type SmsPreview = Ok<'/api/v1/sms/templates/preview', 'post'>;
export type SmsPreviewBody = Body<'/api/v1/sms/templates/preview', 'post'>;
export type SmsMessage = Ok<'/api/v1/sms/messages/{id}', 'get'>;
export type SendSmsBody = Body<'/api/v1/sms/messages', 'post'>;
export type SmsConversation = Ok<'/api/v1/sms/inbox', 'get'>['data'][number];
export type SmsThread = Ok<'/api/v1/sms/inbox/{id}', 'get'>;
export type SmsBroadcast = Ok<'/api/v1/sms/broadcasts/{id}', 'get'>;
export type SmsBroadcastBody = Body<'/api/v1/sms/broadcasts', 'post'>;
export type SmsEstimate = Ok<'/api/v1/sms/broadcasts/estimate', 'post'>;
export type SmsAudience = SmsBroadcastBody['audience'];

const byId = (id: string) => ({ params: { path: { id } } });

export const smsApi = {
  settings: () => unwrap(api.GET('/api/v1/sms/settings')),
  saveSettings: (body: SmsSettingsBody) => unwrap(api.PUT('/api/v1/sms/settings', { body })),
  templates: () => unwrap(api.GET('/api/v1/sms/templates')),
  createTemplate: (body: SmsTemplateBody) => unwrap(api.POST('/api/v1/sms/templates', { body })),
  updateTemplate: (id: string, body: Body<'/api/v1/sms/templates/{id}', 'patch'>) => unwrap(api.PATCH('/api/v1/sms/templates/{id}', { ...byId(id), body })),
  removeTemplate: (id: string) => unwrap(api.DELETE('/api/v1/sms/templates/{id}', byId(id))),
  preview: (body: SmsPreviewBody) => unwrap(api.POST('/api/v1/sms/templates/preview', { body })),
  send: (body: SendSmsBody) => unwrap(api.POST('/api/v1/sms/messages', { body })),
  messages: (query: { broadcastId?: string; contactId?: string; status?: SmsMessage['status']; limit?: number; cursor?: string }) =>
    unwrap(api.GET('/api/v1/sms/messages', { params: { query } })),
  inbox: (query: { limit?: number; cursor?: string } = {}) => unwrap(api.GET('/api/v1/sms/inbox', { params: { query } })),
  thread: (id: string) => unwrap(api.GET('/api/v1/sms/inbox/{id}', byId(id))),
  markRead: (id: string) => unwrap(api.POST('/api/v1/sms/inbox/{id}/read', byId(id))),
  reply: (id: string, body: string) => unwrap(api.POST('/api/v1/sms/inbox/{id}/reply', { ...byId(id), body: { body } })),
  broadcasts: (query: { limit?: number; cursor?: string } = {}) => unwrap(api.GET('/api/v1/sms/broadcasts', { params: { query } })),
  broadcast: (id: string) => unwrap(api.GET('/api/v1/sms/broadcasts/{id}', byId(id))),
  estimate: (body: Body<'/api/v1/sms/broadcasts/estimate', 'post'>) => unwrap(api.POST('/api/v1/sms/broadcasts/estimate', { body })),
  createBroadcast: (body: SmsBroadcastBody) => unwrap(api.POST('/api/v1/sms/broadcasts', { body })),
  cancelBroadcast: (id: string) => unwrap(api.POST('/api/v1/sms/broadcasts/{id}/cancel', byId(id))),
};
