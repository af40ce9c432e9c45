import { api, type ListPage, unwrap } from '@/api/client';
import { downloadFile, uploadFile } from '@/api/files';
import type { Body, ListQuery, Ok } from '@/api/types';

export type ContractSummary = Ok<'/api/v1/contracts', 'get'>['data'][number];
export type Contract = Ok<'/api/v1/contracts/{id}', 'get'>;
export type CreateContractBody = Body<'/api/v1/contracts', 'post'>;
export type UpdateContractBody = Body<'/api/v1/contracts/{id}', 'patch'>;
export type Attachment = Ok<'/api/v1/contracts/{id}/attachments', 'get'>['data'][number];
export type ContractAction = 'submit' | 'terminate';

const byId = (id: string) => ({ params: { path: { id } } });

export { fileNameOf } from '@/api/files';

export const contractsApi = {
  list: (query: ListQuery) => unwrap(api.GET('/api/v1/contracts', { params: { query: query as never } })) as Promise<ListPage<ContractSummary>>,
  get: (id: string) => unwrap(api.GET('/api/v1/contracts/{id}', byId(id))),
  history: (id: string) => unwrap(api.GET('/api/v1/contracts/{id}/history', byId(id))),
  create: (body: CreateContractBody) => unwrap(api.POST('/api/v1/contracts', { body })),
  update: (id: string, body: UpdateContractBody) => unwrap(api.PATCH('/api/v1/contracts/{id}', { ...byId(id), body })),
  remove: (id: string, version: number) => unwrap(api.DELETE('/api/v1/contracts/{id}', { ...byId(id), headers: { 'If-Match': String(version) } })),
  submit: (id: string, version: number) => unwrap(api.POST('/api/v1/contracts/{id}/submit', { ...byId(id), headers: { 'If-Match': String(version) } })),
  transfer: (id: string, version: number, ownerId: string, reason?: string) =>
    unwrap(api.POST('/api/v1/contracts/{id}/transfer', { ...byId(id), headers: { 'If-Match': String(version) }, body: { ownerId, reason } })),
  terminate: (id: string, version: number, reason?: string) =>
    unwrap(api.POST('/api/v1/contracts/{id}/terminate', { ...byId(id), headers: { 'If-Match': String(version) }, body: { reason } })),
  attachments: (id: string) => unwrap(api.GET('/api/v1/contracts/{id}/attachments', byId(id))),
  /** Sends one file (multipart part `file`); the server checks its type by its bytes (415) and its size (413). */
  upload: (id: string, file: File) => uploadFile<Attachment>(`/api/v1/contracts/${id}/attachments`, file),
  removeAttachment: (id: string, attachmentId: string) =>
    unwrap(api.DELETE('/api/v1/contracts/{id}/attachments/{attachmentId}', { params: { path: { id, attachmentId } } })),
  /** The attachment as a browser download, named as uploaded. */
  download: (id: string, a: Pick<Attachment, 'id' | 'fileName'>) => downloadFile(`/api/v1/contracts/${id}/attachments/${a.id}`, a.fileName),
};
