import { api, type ListPage, unwrap } from '@/api/client';
import type { Body, Ok } from '@/api/types';

export type ApiKey = Ok<'/api/v1/api-keys', 'get'>['data'][number];
export type CreatedApiKey = Ok<'/api/v1/api-keys', 'post'>;
export type CreateApiKeyBody = Body<'/api/v1/api-keys', 'post'>;
export type Webhook = Ok<'/api/v1/webhooks', 'get'>['data'][number];
export type WebhookWithSecret = Ok<'/api/v1/webhooks', 'post'>;
export type WebhookBody = Body<'/api/v1/webhooks', 'post'>;
export type WebhookDelivery = Ok<'/api/v1/webhooks/{id}/deliveries', 'get'>['data'][number];
export interface RoleOption {
  id: string;
  name: string;
}

const byId = (id: string) => ({ params: { path: { id } } });

export const integrationsApi = {
  keys: (cursor?: string) => unwrap(api.GET('/api/v1/api-keys', { params: { query: { limit: 50, cursor } } })) as Promise<ListPage<ApiKey>>,
  createKey: (body: CreateApiKeyBody) => unwrap(api.POST('/api/v1/api-keys', { body })),
  revokeKey: (id: string) => unwrap(api.POST('/api/v1/api-keys/{id}/revoke', byId(id))),
  roles: async (): Promise<RoleOption[]> => (await unwrap(api.GET('/api/v1/roles', { params: { query: { limit: 200 } } }))).data.map((r) => ({ id: r.id, name: r.name })),
  webhooks: (cursor?: string) => unwrap(api.GET('/api/v1/webhooks', { params: { query: { limit: 50, cursor } } })) as Promise<ListPage<Webhook>>,
  createWebhook: (body: WebhookBody) => unwrap(api.POST('/api/v1/webhooks', { body })),
  updateWebhook: (id: string, body: Partial<WebhookBody> & { enabled?: boolean }) => unwrap(api.PATCH('/api/v1/webhooks/{id}', { ...byId(id), body })),
  removeWebhook: (id: string) => unwrap(api.DELETE('/api/v1/webhooks/{id}', byId(id))),
  rotateSecret: (id: string) => unwrap(api.POST('/api/v1/webhooks/{id}/rotate-secret', byId(id))),
  deliveries: (id: string, cursor?: string) =>
    unwrap(api.GET('/api/v1/webhooks/{id}/deliveries', { params: { path: { id }, query: { limit: 50, cursor } } })) as Promise<ListPage<WebhookDelivery>>,
  replay: (id: string, deliveryId: string) => unwrap(api.POST('/api/v1/webhooks/{id}/deliveries/{deliveryId}/replay', { params: { path: { id, deliveryId } } })),
};

/** The event types a subscription may name (the API validates against the same list). */
export { WEBHOOK_EVENT_TYPES as WEBHOOK_EVENTS } from '@keyuan/shared';
