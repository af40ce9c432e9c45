import { api, apiFetch, type ListPage, unwrap } from '@/api/client';
import type { Body, ListQuery, Ok } from '@/api/types';

export type QuoteSummary = Ok<'/api/v1/quotes', 'get'>['data'][number];
export type Quote = Ok<'/api/v1/quotes/{id}', 'get'>;
export type CreateQuoteBody = Body<'/api/v1/quotes', 'post'>;
export type UpdateQuoteBody = Body<'/api/v1/quotes/{id}', 'patch'>;
export type QuoteAction = 'submit' | 'send' | 'accept' | 'decline' | 'revise';

const byId = (id: string) => ({ params: { path: { id } } });

export const quotesApi = {
  list: (query: ListQuery) => unwrap(api.GET('/api/v1/quotes', { params: { query: query as never } })) as Promise<ListPage<QuoteSummary>>,
  get: (id: string) => unwrap(api.GET('/api/v1/quotes/{id}', byId(id))),
  versions: (id: string) => unwrap(api.GET('/api/v1/quotes/{id}/versions', byId(id))),
  history: (id: string) => unwrap(api.GET('/api/v1/quotes/{id}/history', byId(id))),
  create: (body: CreateQuoteBody) => unwrap(api.POST('/api/v1/quotes', { body })),
  update: (id: string, body: UpdateQuoteBody) => unwrap(api.PATCH('/api/v1/quotes/{id}', { ...byId(id), body })),
  /** A status move on the version the user saw: 412 when someone changed the quote meanwhile. */
  act: (id: string, action: QuoteAction, version: number) => {
    const path = `/api/v1/quotes/{id}/${action}` as '/api/v1/quotes/{id}/submit';
    return unwrap(api.POST(path, { ...byId(id), headers: { 'If-Match': String(version) } }));
  },
  /** A draft contract from this accepted quote (the contracts module answers; 409 for another status or a second contract). */
  createContract: (id: string) => unwrap(api.POST('/api/v1/quotes/{id}/contract', { ...byId(id), body: {} })),
  /** The PDF as a file download (the browser's own download, named by the server). */
  async downloadPdf(id: string, lang: string): Promise<void> {
    const res = await apiFetch(`/api/v1/quotes/${id}/pdf?lang=${encodeURIComponent(lang)}`);
    if (!res.ok) throw new Error(`PDF ${res.status}`);
    const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? 'quote.pdf';
    const url = URL.createObjectURL(await res.blob());
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  },
};
