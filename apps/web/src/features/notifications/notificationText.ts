import type { AppNotification } from './api';

/** The parts of vue-i18n the renderer needs (the global composer or useI18n()). */
export interface Translator {
  t: (key: string, values?: Record<string, unknown>) => string;
  te: (key: string) => boolean;
}

type Params = Record<string, unknown>;

/**
 * A notification's text in the reader's language, from `notifications.kinds.<kind>` and the stored
 * params. Rows written before kinds had params show their stored text; a kind this SPA does not know
 * yet shows the API's rendering.
 */
export function notificationText(
  { t, te }: Translator,
  n: Pick<AppNotification, 'kind' | 'title' | 'body' | 'entityType'> & { params: Params },
): { title: string; body: string | null } {
  const p = n.params ?? {};
  const key = `notifications.kinds.${n.kind}`;
  if (typeof p.text === 'string') return { title: p.text, body: typeof p.detail === 'string' ? p.detail : null };
  if (!te(`${key}.title`)) return { title: n.title, body: n.body };
  const count = Number(p.count ?? 1);
  const recordKey = `notifications.records.${n.entityType}.${count === 1 ? 'one' : 'other'}`;
  const values: Params = { ...p, record: te(recordKey) ? t(recordKey) : (n.entityType ?? '') };
  if (Array.isArray(p.names)) values.names = p.names.join(t('notifications.listSeparator')) + (count > p.names.length ? '…' : '');
  const body = te(`${key}.body`) ? t(`${key}.body`, values).trim() : '';
  return { title: t(`${key}.title`, values), body: body || null };
}
