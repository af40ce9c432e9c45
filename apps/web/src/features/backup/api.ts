import { api, apiFetch, unwrap } from '@/api/client';
import type { Ok } from '@/api/types';

export type Backup = Ok<'/api/v1/admin/backups', 'get'>['data'][number];

export const backupsApi = {
  list: async () => (await unwrap(api.GET('/api/v1/admin/backups'))).data,
  create: () => unwrap(api.POST('/api/v1/admin/backups')),
  /** The archive as a browser download. */
  async download(name: string): Promise<void> {
    const res = await apiFetch(`/api/v1/admin/backups/${encodeURIComponent(name)}`);
    const url = URL.createObjectURL(await res.blob());
    const link = document.createElement('a');
    link.href = url;
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
    URL.revokeObjectURL(url);
  },
};
