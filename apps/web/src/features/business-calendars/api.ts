import { api, unwrap } from '@/api/client';
import type { Body, Ok } from '@/api/types';

export type BusinessCalendar = Ok<'/api/v1/business-calendars', 'get'>['data'][number];
export type CalendarDay = Ok<'/api/v1/business-calendars/{id}/days', 'get'>['data'][number];
export type CreateCalendarBody = Body<'/api/v1/business-calendars', 'post'>;
export type UpdateCalendarBody = Body<'/api/v1/business-calendars/{id}', 'patch'>;
export type PutDayBody = Body<'/api/v1/business-calendars/{id}/days/{date}', 'put'>;

const byId = (id: string) => ({ params: { path: { id } } });

export const calendarsApi = {
  list: async () => (await unwrap(api.GET('/api/v1/business-calendars'))).data,
  create: (body: CreateCalendarBody) => unwrap(api.POST('/api/v1/business-calendars', { body })),
  update: (id: string, body: UpdateCalendarBody) => unwrap(api.PATCH('/api/v1/business-calendars/{id}', { ...byId(id), body })),
  remove: (id: string) => unwrap(api.DELETE('/api/v1/business-calendars/{id}', byId(id))),
  days: async (id: string, from: string, to: string) =>
    (await unwrap(api.GET('/api/v1/business-calendars/{id}/days', { params: { path: { id }, query: { from, to } } }))).data,
  putDay: (id: string, date: string, body: PutDayBody) => unwrap(api.PUT('/api/v1/business-calendars/{id}/days/{date}', { params: { path: { id, date } }, body })),
  removeDay: (id: string, date: string) => unwrap(api.DELETE('/api/v1/business-calendars/{id}/days/{date}', { params: { path: { id, date } } })),
  due: (id: string, from: string, minutes: number) =>
    unwrap(api.GET('/api/v1/business-calendars/{id}/due', { params: { path: { id }, query: { from, minutes } } })),
};
