import { api, type ListPage, unwrap } from '@/api/client';
import type { Body, ListQuery, Ok } from '@/api/types';
import { dayRanges } from '@/lib/dates';

export type Activity = Ok<'/api/v1/activities/{id}', 'get'>;
export type ActivityType = Activity['type'];
export type CallOutcome = NonNullable<Activity['outcome']>;
export type CreateActivityBody = Body<'/api/v1/activities', 'post'>;
export type UpdateActivityBody = Body<'/api/v1/activities/{id}', 'patch'>;
export type TimelinePage = Ok<'/api/v1/leads/{id}/timeline', 'get'>;
export type TimelineItem = TimelinePage['data'][number];

/** The record types with a timeline endpoint (opportunities: changes and stage moves only). */
export type TimelineEntity = 'lead' | 'account' | 'contact' | 'opportunity' | 'campaign' | 'project';

const byId = (id: string) => ({ params: { path: { id } } });

export const activitiesApi = {
  list: (query: ListQuery) =>
    unwrap(api.GET('/api/v1/activities', { params: { query: dayRanges(query, ['occurredAt']) as never } })) as Promise<
      ListPage<Activity>
    >,
  get: (id: string) => unwrap(api.GET('/api/v1/activities/{id}', byId(id))),
  create: (body: CreateActivityBody) => unwrap(api.POST('/api/v1/activities', { body })),
  update: (id: string, body: UpdateActivityBody) => unwrap(api.PATCH('/api/v1/activities/{id}', { ...byId(id), body })),
  remove: (id: string) => unwrap(api.DELETE('/api/v1/activities/{id}', byId(id))),
};

/** One page of a lead's, account's or contact's timeline, newest first. */
export function fetchTimeline(entity: TimelineEntity, id: string, cursor?: string, limit = 20): Promise<TimelinePage> {
  const params = { params: { path: { id }, query: { limit, cursor } } };
  if (entity === 'lead') return unwrap(api.GET('/api/v1/leads/{id}/timeline', params));
  if (entity === 'account') return unwrap(api.GET('/api/v1/accounts/{id}/timeline', params));
  if (entity === 'opportunity') return unwrap(api.GET('/api/v1/opportunities/{id}/timeline', params));
  if (entity === 'campaign') return unwrap(api.GET('/api/v1/campaigns/{id}/timeline', params));
  if (entity === 'project') return unwrap(api.GET('/api/v1/projects/{id}/timeline', params));
  return unwrap(api.GET('/api/v1/contacts/{id}/timeline', params));
}
