import { api, apiFetch, type ListPage, unwrap } from '@/api/client';
import type { Body, ListQuery, Ok } from '@/api/types';
import { downloadBlob } from '@/lib/csv';

export type ImportJob = Ok<'/api/v1/imports/{id}', 'get'>;
/** A row of the import list: no headers, samples or mapping (the detail has them). */
export type ImportSummary = Ok<'/api/v1/imports', 'get'>['data'][number];
export type PreviewIssue = ImportJob['previewIssues'][number];
export type ImportStatus = ImportJob['status'];
export type ImportEntity = ImportJob['entityType'];
export type ImportField = ImportJob['fields'][number];
export type StartImportBody = Body<'/api/v1/imports/{id}/start', 'post'>;
export type DuplicatePolicy = StartImportBody['duplicatePolicy'];
export type UpsertKey = StartImportBody['upsertKey'];
export type ImportEncoding = 'auto' | 'utf8' | 'gbk';

const byId = (id: string) => ({ params: { path: { id } } });

export const importsApi = {
  /** Sends the file (multipart); answers its headers, sample rows and a suggested mapping. */
  async upload(file: File, entityType: ImportEntity, encoding: ImportEncoding = 'auto'): Promise<ImportJob> {
    const form = new FormData();
    form.append('entityType', entityType);
    form.append('encoding', encoding);
    form.append('file', file, file.name);
    const response = await apiFetch('/api/v1/imports', { method: 'POST', body: form, headers: { Accept: 'application/json' } });
    return (await response.json()) as ImportJob;
  },
  start: (id: string, body: StartImportBody) => unwrap(api.POST('/api/v1/imports/{id}/start', { ...byId(id), body })),
  // no-store: the progress changes without the version (the ETag), so a cached 304 would freeze the bar.
  get: (id: string) => unwrap(api.GET('/api/v1/imports/{id}', { ...byId(id), cache: 'no-store' })),
  list: (query: ListQuery) =>
    unwrap(api.GET('/api/v1/imports', { params: { query: query as never }, cache: 'no-store' })) as Promise<ListPage<ImportSummary>>,
  revert: (id: string) => unwrap(api.POST('/api/v1/imports/{id}/revert', byId(id))),
  /** Deletes the import with its file (the records it created stay). */
  remove: (id: string) => unwrap(api.DELETE('/api/v1/imports/{id}', byId(id))),
  /** Downloads the CSV of the rows that failed, with their reasons. */
  async downloadErrors(job: Pick<ImportSummary, 'id' | 'fileName'>): Promise<void> {
    const response = await apiFetch(`/api/v1/imports/${job.id}/errors`, { headers: { Accept: 'text/csv' } });
    const base = job.fileName.replace(/\.[^.]+$/, '') || 'import';
    downloadBlob(await response.blob(), `${base}-errors.csv`);
  },
};
