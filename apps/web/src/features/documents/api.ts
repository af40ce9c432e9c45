import { api, apiFetch, refreshSession, session, unwrap } from '@/api/client';
import { toApiError } from '@keyuan/sdk';
import type { Body, Ok, Query } from '@/api/types';

export type DocumentItem = Ok<'/api/v1/documents', 'get'>['data'][number];
export type DocumentDetail = Ok<'/api/v1/documents/{id}', 'get'>;
export type DocumentVersion = Ok<'/api/v1/documents/{id}/versions', 'get'>['data'][number];
export type DocumentsQuery = Query<'/api/v1/documents', 'get'>;
export type ShareBody = Body<'/api/v1/documents/{id}/share', 'post'>;
export type ShareTargets = Ok<'/api/v1/documents/share-targets', 'get'>;
export type LinkableRecordType = 'account' | 'opportunity' | 'contract' | 'ticket';

const byId = (id: string) => ({ params: { path: { id } } });

/**
 * Posts multipart form data with upload progress (fetch has none): XMLHttpRequest with the session's
 * bearer token; problem+json answers become the same ApiError every other call throws.
 */
export async function uploadWithProgress<T>(path: string, form: FormData, onProgress?: (percent: number) => void): Promise<T> {
  if (!session.accessToken && session.refreshToken) await refreshSession();
  const send = () =>
    new Promise<{ status: number; body: unknown }>((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open('POST', path);
      xhr.setRequestHeader('Accept', 'application/json');
      if (session.accessToken) xhr.setRequestHeader('Authorization', `Bearer ${session.accessToken}`);
      xhr.upload.onprogress = (e) => e.lengthComputable && onProgress?.(Math.round((e.loaded / e.total) * 100));
      xhr.onload = () => {
        let body: unknown = xhr.responseText;
        try {
          body = JSON.parse(xhr.responseText);
        } catch {
          /* not JSON */
        }
        resolve({ status: xhr.status, body });
      };
      xhr.onerror = () => reject(new Error('network error'));
      xhr.send(form);
    });
  let res = await send();
  if (res.status === 401 && (await refreshSession())) res = await send();
  if (res.status >= 400) throw toApiError(res.body, new Response(null, { status: res.status }));
  onProgress?.(100);
  return res.body as T;
}

export const documentsApi = {
  list: (query: DocumentsQuery) => unwrap(api.GET('/api/v1/documents', { params: { query } })),
  get: (id: string) => unwrap(api.GET('/api/v1/documents/{id}', byId(id))),
  createFolder: (name: string, parentId: string | null) => unwrap(api.POST('/api/v1/documents/folders', { body: { name, parentId } })),
  upload(file: File, parentId: string | null, onProgress?: (p: number) => void): Promise<DocumentItem> {
    const form = new FormData();
    if (parentId) form.append('parentId', parentId);
    form.append('file', file, file.name);
    return uploadWithProgress('/api/v1/documents/files', form, onProgress);
  },
  uploadVersion(id: string, file: File, note: string, onProgress?: (p: number) => void): Promise<DocumentItem> {
    const form = new FormData();
    if (note) form.append('note', note);
    form.append('file', file, file.name);
    return uploadWithProgress(`/api/v1/documents/${id}/versions`, form, onProgress);
  },
  rename: (id: string, name: string, version: number) => unwrap(api.PATCH('/api/v1/documents/{id}', { ...byId(id), body: { name, version } })),
  share: (id: string, body: ShareBody) => unwrap(api.POST('/api/v1/documents/{id}/share', { ...byId(id), body })),
  shareTargets: () => unwrap(api.GET('/api/v1/documents/share-targets')),
  directory: (q?: string) => unwrap(api.GET('/api/v1/users/directory', { params: { query: { q: q || undefined, limit: 20 } } })),
  remove: (id: string) => unwrap(api.DELETE('/api/v1/documents/{id}', byId(id))),
  trash: () => unwrap(api.GET('/api/v1/documents/trash', { params: { query: { limit: 200 } } })),
  restore: (id: string) => unwrap(api.POST('/api/v1/documents/{id}/restore', byId(id))),
  purge: (id: string) => unwrap(api.POST('/api/v1/documents/{id}/purge', byId(id))),
  versions: (id: string) => unwrap(api.GET('/api/v1/documents/{id}/versions', byId(id))),
  restoreVersion: (id: string, versionId: string) => unwrap(api.POST('/api/v1/documents/{id}/versions/{versionId}/restore', { params: { path: { id, versionId } } })),
  forRecord: (recordType: LinkableRecordType, recordId: string) =>
    unwrap(api.GET('/api/v1/documents/by-record/{recordType}/{recordId}', { params: { path: { recordType, recordId } } })),
  link: (id: string, recordType: LinkableRecordType, recordId: string) => unwrap(api.POST('/api/v1/documents/{id}/links', { ...byId(id), body: { recordType, recordId } })),
  unlink: (id: string, recordType: LinkableRecordType, recordId: string) =>
    unwrap(api.DELETE('/api/v1/documents/{id}/links/{recordType}/{recordId}', { params: { path: { id, recordType, recordId } } })),
  /** The bytes of the head (or a version) as a blob URL, for previews and downloads; revoke it when done. */
  async blobUrl(id: string, versionId?: string): Promise<string> {
    const res = await apiFetch(versionId ? `/api/v1/documents/${id}/versions/${versionId}/content` : `/api/v1/documents/${id}/content`);
    return URL.createObjectURL(await res.blob());
  },
  async download(id: string, name: string, versionId?: string): Promise<void> {
    const url = await documentsApi.blobUrl(id, versionId);
    const link = document.createElement('a');
    link.href = url;
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  },
};

/** What the upload input accepts (the server decides by the bytes). */
export const DOCUMENT_ACCEPT = '.pdf,.png,.jpg,.jpeg,.docx,.xlsx,.doc,application/pdf,image/png,image/jpeg';

export function formatSize(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined) return '—';
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1048576) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1048576).toFixed(1)} MB`;
}

/** Whether the browser can show it itself (images and PDF). */
export const previewable = (d: Pick<DocumentItem, 'fileType'>) => d.fileType === 'pdf' || d.fileType === 'png' || d.fileType === 'jpeg';
