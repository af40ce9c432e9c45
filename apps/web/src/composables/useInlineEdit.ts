import { ref, shallowReactive } from 'vue';
import { ApiError } from '@/api/client';
import { i18n, t } from '@/app/i18n';
import { describeError } from './describeError';
import { normalizeField } from './useProblemForm';

export type InlineFieldType = 'text' | 'select' | 'date' | 'datetime' | 'number';

export interface InlineOption {
  value: string | number;
  label: string;
}

export interface VersionedRecord {
  id: string;
  version: number;
}

export interface InlineEditOptions<T extends VersionedRecord> {
  /** PATCH of one field with the version the user saw (the API answers 412 when it is stale). */
  save: (id: string, patch: Record<string, unknown>, version: number) => Promise<T>;
  /** The record as it is now, loaded after a 412. */
  load: (id: string) => Promise<T>;
  /** The saved record, or the current one after a 412: the page shows it. */
  onChange?: (record: T) => void;
}

/**
 * The message for one field of a failed save: the locale's words for the field error's code
 * (`common.codes.<CODE>`), else the server's message, else the problem as a whole.
 */
export function fieldErrorText(err: unknown, field: string): string {
  if (err instanceof ApiError && err.status !== 412) {
    // the SDK's type lists field and message; the API also sends a stable code and its params
    const mine = err.fieldErrors.filter((e) => normalizeField(e.field) === field) as { code?: string; params?: Record<string, unknown>; message: string }[];
    if (mine.length) {
      return mine.map((e) => (e.code && i18n.global.te(`common.codes.${e.code}`) ? t(`common.codes.${e.code}`, e.params ?? {}) : e.message)).join('; ');
    }
  }
  return describeError(err);
}

/** What the API gets for a typed value: blank text is null, a picked date-time an ISO string. */
export function toApiValue(type: InlineFieldType, value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (type === 'text') return String(value).trim() === '' ? null : String(value).trim();
  if (type === 'number') return value === '' ? null : Number(value);
  if (type === 'datetime') {
    const d = value instanceof Date ? value : new Date(String(value));
    return Number.isNaN(d.getTime()) ? null : d.toISOString();
  }
  return value === '' ? null : value;
}

function sameValue(type: InlineFieldType, a: unknown, b: unknown): boolean {
  const x = toApiValue(type, a);
  const y = toApiValue(type, b);
  if (type === 'datetime' && x && y) return new Date(String(x)).getTime() === new Date(String(y)).getTime();
  return x === y;
}

/**
 * Inline edit of simple fields of records shown in a list or a detail page: one field at a time,
 * saved with the version the user saw. A 412 reloads the record and keeps the typed value in the
 * editor, with the value someone else saved beside it, so a second save overwrites knowingly.
 */
export function useInlineEdit<T extends VersionedRecord>(options: InlineEditOptions<T>) {
  /** Records saved or reloaded here, newer than the rows the page loaded. */
  const latest = shallowReactive(new Map<string, T>());
  const active = ref<{ id: string; field: string; type: InlineFieldType } | null>(null);
  const draft = ref<unknown>(null);
  const error = ref<string | null>(null);
  /** Set after a 412: the value the record has now (the draft is kept). */
  const conflict = ref<{ current: unknown } | null>(null);
  const saving = ref(false);

  /** The newest copy of a row: the one saved here unless the page has reloaded a newer one. */
  function current(row: T): T {
    const mine = latest.get(row.id);
    return mine && mine.version >= row.version ? mine : row;
  }

  function remember(record: T): void {
    latest.set(record.id, record);
    options.onChange?.(record);
  }

  const isEditing = (row: T, field: string) => active.value?.id === row.id && active.value.field === field;

  function start(row: T, field: string, type: InlineFieldType): void {
    active.value = { id: row.id, field, type };
    draft.value = (current(row) as Record<string, unknown>)[field] ?? (type === 'text' ? '' : null);
    error.value = null;
    conflict.value = null;
  }

  function setDraft(value: unknown): void {
    draft.value = value;
  }

  function cancel(): void {
    active.value = null;
    error.value = null;
    conflict.value = null;
  }

  /** Saves the draft; answers the saved record, or undefined when it stays open (error or 412). */
  async function commit(row: T): Promise<T | undefined> {
    const editing = active.value;
    if (!editing || editing.id !== row.id || saving.value) return undefined;
    const record = current(row);
    const { field, type } = editing;
    if (!conflict.value && sameValue(type, draft.value, (record as Record<string, unknown>)[field])) {
      cancel();
      return record;
    }
    saving.value = true;
    error.value = null;
    try {
      const saved = await options.save(record.id, { [field]: toApiValue(type, draft.value) }, record.version);
      remember(saved);
      cancel();
      return saved;
    } catch (err) {
      if (err instanceof ApiError && err.status === 412) await reloadAfterConflict(record.id, field);
      else error.value = fieldErrorText(err, field);
      return undefined;
    } finally {
      saving.value = false;
    }
  }

  async function reloadAfterConflict(id: string, field: string): Promise<void> {
    try {
      const fresh = await options.load(id);
      remember(fresh);
      conflict.value = { current: (fresh as Record<string, unknown>)[field] ?? null };
      error.value = t('records.inline.conflict');
    } catch (err) {
      error.value = describeError(err);
    }
  }

  return { active, draft, error, conflict, saving, current, isEditing, start, setDraft, cancel, commit };
}

export type InlineEdit<T extends VersionedRecord> = ReturnType<typeof useInlineEdit<T>>;
