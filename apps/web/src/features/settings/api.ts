import { api, apiFetch, unwrap } from '@/api/client';
import type { Body, Ok } from '@/api/types';

export type Settings = Ok<'/api/v1/settings', 'get'>;
export type UpdateSettingsBody = Body<'/api/v1/settings', 'patch'>;
export type PublicSettings = Ok<'/api/v1/settings/public', 'get'>;

/** The fields of the settings form, in the order the page shows them. */
export const PROFILE_FIELDS = ['companyNameZh', 'companyNameEn', 'address', 'phone', 'taxId', 'bankName', 'bankAccount', 'loginCompanyName'] as const;

/** Only what changed, for a PATCH (the server audits each field it receives that differs). */
export function changedFields(before: Settings, form: Record<string, string>): UpdateSettingsBody {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(form)) if ((before as unknown as Record<string, unknown>)[k] !== v) out[k] = v;
  return out as UpdateSettingsBody;
}

export const settingsApi = {
  get: () => unwrap(api.GET('/api/v1/settings')),
  update: (body: UpdateSettingsBody, version: number) => unwrap(api.PATCH('/api/v1/settings', { body, headers: { 'If-Match': String(version) } })),
  publicInfo: () => unwrap(api.GET('/api/v1/settings/public')),
  /** Sends the logo (PNG or JPEG; the server checks the bytes: 415, and the size: 413). */
  async uploadLogo(file: File): Promise<Settings> {
    const form = new FormData();
    form.append('file', file, file.name);
    const response = await apiFetch('/api/v1/settings/logo', { method: 'PUT', body: form, headers: { Accept: 'application/json' } });
    return (await response.json()) as Settings;
  },
  /** The logo as an object URL for an <img> (null when none). */
  async logoUrl(): Promise<string | null> {
    try {
      return URL.createObjectURL(await (await apiFetch('/api/v1/settings/logo')).blob());
    } catch {
      return null;
    }
  },
};
