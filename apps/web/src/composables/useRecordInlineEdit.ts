import { computed, type ComputedRef } from 'vue';
import { useI18n } from 'vue-i18n';
import { allows } from './recordActions';
import { type InlineEdit, type InlineOption, useInlineEdit, type VersionedRecord } from './useInlineEdit';

/** A record that can be edited inline: versioned, with the actions the API says the user has on it. */
export interface InlineRecord extends VersionedRecord {
  actions?: readonly string[];
}

/** The two calls of a kind's api.ts that inline edit needs. */
export interface InlineRecordApi<T> {
  /** PATCH with the body `version` (the API answers 412 when it is stale). */
  update: (id: string, body: never) => Promise<T>;
  get: (id: string) => Promise<T>;
}

/**
 * Inline edit of one record kind's simple fields, on its list and its detail page: saves with the
 * version the user saw (412: reloads, keeps the typed value), and a field is editable only while the
 * API offers `edit` on the record (scope, pools, a converted lead, a record locked by a pending approval).
 */
export function useRecordInlineEdit<T extends InlineRecord>(api: InlineRecordApi<T>, onChange?: (record: T) => void) {
  const { t } = useI18n();
  const edit = useInlineEdit<T>({
    save: (id, patch, version) => api.update(id, { ...patch, version } as never),
    load: api.get,
    onChange,
  });
  /** Read-only when the newest copy of the record (the one saved here, or the row) offers no edit. */
  const readOnly = (record: T) => !allows(edit.current(record), 'edit');
  /** Select options of an enum, labelled `<prefix>.<value>` in the user's language. */
  const optionsOf = (values: readonly string[], prefix: string): ComputedRef<InlineOption[]> =>
    computed(() => values.map((v) => ({ value: v, label: t(`${prefix}.${v}`) })));
  return { edit, readOnly, optionsOf };
}

export type RecordInlineEdit<T extends InlineRecord> = { edit: InlineEdit<T>; readOnly: (record: T) => boolean };
