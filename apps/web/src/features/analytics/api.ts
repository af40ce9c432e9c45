import { api, unwrap } from '@/api/client';
import type { Body, Ok, Query } from '@/api/types';

export type AnalyticsFilters = Query<'/api/v1/analytics/funnel', 'get'>;
export type Funnel = Ok<'/api/v1/analytics/funnel', 'get'>;
export type Forecast = Ok<'/api/v1/analytics/forecast', 'get'>;
export type Statistical = Ok<'/api/v1/analytics/forecast/statistical', 'get'>;
export type Revenue = Ok<'/api/v1/analytics/revenue', 'get'>;
export type Leaderboard = Ok<'/api/v1/analytics/leaderboard', 'get'>;
export type LeadSources = Ok<'/api/v1/analytics/lead-sources', 'get'>;
export type Receivables = Ok<'/api/v1/analytics/receivables', 'get'>;
export type Service = Ok<'/api/v1/analytics/service', 'get'>;
export type CustomerValue = Ok<'/api/v1/analytics/customer-value', 'get'>;
export type SalesTarget = Ok<'/api/v1/sales-targets', 'get'>['data'][number];
export type CreateSalesTarget = Body<'/api/v1/sales-targets', 'post'>;
export type UpdateSalesTarget = Body<'/api/v1/sales-targets/{id}', 'patch'>;

const q = <T extends object>(query: T) => ({ params: { query: query as never } });

export const analyticsApi = {
  funnel: (f: AnalyticsFilters) => unwrap(api.GET('/api/v1/analytics/funnel', q(f))),
  forecast: (f: AnalyticsFilters) => unwrap(api.GET('/api/v1/analytics/forecast', q({ ...f, from: undefined, to: undefined }))),
  statistical: (f: AnalyticsFilters) => unwrap(api.GET('/api/v1/analytics/forecast/statistical', q({ ...f, from: undefined, series: 'payments' }))),
  revenue: (f: AnalyticsFilters) => unwrap(api.GET('/api/v1/analytics/revenue', q(f))),
  leaderboard: (f: AnalyticsFilters) => unwrap(api.GET('/api/v1/analytics/leaderboard', q(f))),
  leadSources: (f: AnalyticsFilters) => unwrap(api.GET('/api/v1/analytics/lead-sources', q(f))),
  receivables: (f: AnalyticsFilters) => unwrap(api.GET('/api/v1/analytics/receivables', q(f))),
  service: (f: AnalyticsFilters) => unwrap(api.GET('/api/v1/analytics/service', q(f))),
  customerValue: (f: AnalyticsFilters) => unwrap(api.GET('/api/v1/analytics/customer-value', q(f))),
  targets: (period?: string) => unwrap(api.GET('/api/v1/sales-targets', q({ period, limit: 200 }))),
  createTarget: (body: CreateSalesTarget) => unwrap(api.POST('/api/v1/sales-targets', { body })),
  updateTarget: (id: string, body: UpdateSalesTarget) => unwrap(api.PATCH('/api/v1/sales-targets/{id}', { params: { path: { id } }, body })),
  removeTarget: (id: string) => unwrap(api.DELETE('/api/v1/sales-targets/{id}', { params: { path: { id } } })),
};
