import { api, apiFetch, type ListPage, unwrap } from '@/api/client';
import type { Body, Ok } from '@/api/types';

export type CurrencyList = Ok<'/api/v1/currencies', 'get'>;
export type Currency = CurrencyList['data'][number];
export type ExchangeRate = Ok<'/api/v1/exchange-rates', 'get'>['data'][number];
export type CreateRateBody = Body<'/api/v1/exchange-rates', 'post'>;
export type UpdateRateBody = Body<'/api/v1/exchange-rates/{id}', 'patch'>;
export interface RateQuery {
  currency?: string;
  effectiveDateFrom?: string;
  effectiveDateTo?: string;
  cursor?: string;
  limit?: number;
}

const byId = (id: string) => ({ params: { path: { id } } });

export const currenciesApi = {
  list: (query: { enabled?: boolean; q?: string } = {}) => unwrap(api.GET('/api/v1/currencies', { params: { query: query as never } })),
  setEnabled: (code: string, enabled: boolean, version: number) =>
    unwrap(api.PATCH('/api/v1/currencies/{code}', { params: { path: { code } }, body: { enabled, version } })),
  setBase: (code: string) => unwrap(api.PUT('/api/v1/currencies/base', { body: { code } })),
  rates: (query: RateQuery) => unwrap(api.GET('/api/v1/exchange-rates', { params: { query: query as never } })) as Promise<ListPage<ExchangeRate>>,
  createRate: (body: CreateRateBody) => unwrap(api.POST('/api/v1/exchange-rates', { body })),
  updateRate: (id: string, body: UpdateRateBody) => unwrap(api.PATCH('/api/v1/exchange-rates/{id}', { ...byId(id), body })),
  removeRate: (id: string) => unwrap(api.DELETE('/api/v1/exchange-rates/{id}', byId(id))),
  /** Sends a CSV file (multipart); all rows or none are imported (a 400 lists the bad rows by line). */
  async importRates(file: File): Promise<{ imported: number }> {
    const form = new FormData();
    form.append('file', file, file.name);
    const response = await apiFetch('/api/v1/exchange-rates/import', { method: 'POST', body: form, headers: { Accept: 'application/json' } });
    return (await response.json()) as { imported: number };
  },
};
