import { ElMessageBox } from 'element-plus';
import { computed, nextTick, type Ref, ref, shallowRef, watch } from 'vue';
import { ApiError } from '@/api/client';
import { i18n, t } from '@/app/i18n';
import { type ProblemFormOptions, useProblemForm } from './useProblemForm';

type Values = Record<string, unknown>;

export interface FormDialogOptions extends ProblemFormOptions {
  /** The dialog's v-model. */
  open: Ref<boolean>;
  /** The dialog's save (validation included); Enter, Ctrl+Enter and Ctrl+S call it. */
  save: () => unknown;
  /**
   * After a 412: fetch the record again, make it the dialog's new base (version and initial values) and
   * return its form values. Without it the stale message stays as it is.
   */
  reload?: () => Promise<Values>;
}

/** One field the user changed while someone else saved the record: both values, the user's kept in the form. */
export interface ConflictField {
  field: string;
  theirs: unknown;
  mine: unknown;
}

/** Values compare by their JSON (nested objects included), so a date picker's Date equals its ISO string. */
const normalize = (value: unknown): string => JSON.stringify(value ?? null);
const same = (a: unknown, b: unknown) => normalize(a) === normalize(b);
const clone = (values: Values): Values => Object.fromEntries(Object.entries(values).map(([k, v]) => [k, Array.isArray(v) ? [...v] : v]));
const snapshotOf = (values: Values): Record<string, string> => Object.fromEntries(Object.entries(values).map(([k, v]) => [k, normalize(v)]));

/** Where Enter belongs to the control (a choice in a select, a new line, a date typed in a picker). */
const OWN_ENTER = '.el-select, .el-select-v2, .el-cascader, .el-autocomplete, .el-date-editor, .el-input-number, [data-enter-ignore]';
const TEXT_INPUT = /^(text|email|tel|url|password|search|number)$/;

/** True for Enter in a single-line input of the form (not a textarea, button, select or picker; not an IME composition). */
export function isSubmitEnter(event: KeyboardEvent): boolean {
  if (event.key !== 'Enter' || event.isComposing || event.keyCode === 229 || event.defaultPrevented) return false;
  if (event.shiftKey || event.altKey) return false;
  const target = event.target as HTMLElement | null;
  if (!(target instanceof HTMLInputElement) || !TEXT_INPUT.test(target.type || 'text')) return false;
  return !target.closest(OWN_ENTER);
}

/** Ctrl/⌘+Enter or Ctrl/⌘+S: save from anywhere in the form, a textarea included. */
export function isSaveChord(event: KeyboardEvent): boolean {
  if (!(event.ctrlKey || event.metaKey) || event.isComposing) return false;
  return event.key === 'Enter' || event.key.toLowerCase() === 's';
}

let seq = 0;

/**
 * Everything a dialog form shares, on top of useProblemForm's error mapping:
 * - `v-bind="form.dialog"` on the `el-dialog`: focus on the first field when it opens, Enter saves
 *   (Ctrl+Enter / Ctrl+S too), Esc, the close button and a click outside ask before discarding changes;
 * - `form.cancel()` for the Cancel button (same question);
 * - after a 412, `form.conflict` is set and `form.reloadKeep()` reloads the record while keeping what the
 *   user typed, listing those fields beside the new values (`form.conflicts`).
 * The snapshot of "unchanged" is taken after the dialog's own open watcher filled the model (or call
 * `markClean()` after filling it later).
 */
export function useFormDialog<T extends object>(model: T, options: FormDialogOptions) {
  const problem = useProblemForm(model, options);
  const id = `form-dialog-${++seq}`;
  const values = () => model as unknown as Values;
  let snapshot = snapshotOf(values());
  const version = ref(0); // bumps when the snapshot changes, so `dirty` recomputes
  const conflicts = shallowRef<ConflictField[]>([]);
  const reloading = ref(false);
  let asking = false;

  function markClean(): void {
    snapshot = snapshotOf(values());
    version.value++;
  }

  /** Fields whose value differs from the snapshot. */
  function changedFields(): string[] {
    const now = values();
    return Object.keys(now).filter((k) => normalize(now[k]) !== snapshot[k]);
  }

  const dirty = computed(() => {
    void version.value;
    const now = values();
    return Object.keys(now).some((k) => normalize(now[k]) !== snapshot[k]);
  });

  const conflict = computed(() => problem.error.value instanceof ApiError && problem.error.value.status === 412);

  watch(
    options.open,
    (isOpen) => {
      if (!isOpen) return;
      conflicts.value = [];
      markClean();
    },
    { flush: 'post', immediate: true },
  );

  /** Resolves true when the form may close (nothing changed, or the user agreed to discard). */
  async function confirmDiscard(): Promise<boolean> {
    if (!dirty.value) return true;
    if (asking) return false;
    asking = true;
    try {
      await ElMessageBox.confirm(t('forms.discard.message'), t('forms.discard.title'), {
        confirmButtonText: t('forms.discard.confirm'),
        cancelButtonText: t('forms.discard.keep'),
        type: 'warning',
        appendTo: document.body,
      });
      return true;
    } catch {
      return false;
    } finally {
      asking = false;
    }
  }

  async function cancel(): Promise<void> {
    if (await confirmDiscard()) options.open.value = false;
  }

  /**
   * Focus on the first field once the dialog has opened, unless the user already went into a field while
   * it was opening (on a slow machine the open transition ends after the first click: taking the focus
   * back then would close the select the user just opened).
   */
  function focusFirst(): void {
    void nextTick(() => {
      const root = document.querySelector(`[data-form-dialog="${id}"] .el-dialog__body`);
      if (root && document.activeElement && root.contains(document.activeElement)) return;
      const first = root?.querySelector<HTMLElement>(
        'input:not([type=hidden]):not([disabled]):not([readonly]), textarea:not([disabled]):not([readonly]), input[role=combobox]:not([disabled])',
      );
      first?.focus();
    });
  }

  function onKeydown(event: KeyboardEvent): void {
    if (isSaveChord(event) || isSubmitEnter(event)) {
      event.preventDefault();
      if (!problem.submitting.value) void options.save();
    }
  }

  /** After a 412: take the record's current values as the new base, keep the user's changes on top. */
  async function reloadKeep(): Promise<void> {
    if (!options.reload) return;
    const mine = changedFields();
    const typed = clone(values());
    reloading.value = true;
    try {
      const fresh = await options.reload();
      Object.assign(model, fresh);
      markClean();
      for (const key of mine) (model as Values)[key] = typed[key];
      conflicts.value = mine.filter((k) => !same(fresh[k], typed[k])).map((k) => ({ field: k, theirs: fresh[k], mine: typed[k] }));
      problem.clear();
    } catch (err) {
      problem.apply(err);
    } finally {
      reloading.value = false;
    }
  }

  const dialog = {
    'data-form-dialog': id,
    beforeClose: (done: () => void) => {
      void confirmDiscard().then((ok) => ok && done());
    },
    onOpened: focusFirst,
    onKeydown,
  };

  return { ...problem, dialog, dirty, cancel, confirmDiscard, markClean, focusFirst, onKeydown, conflict, conflicts, reloadKeep, reloading };
}

export type FormDialog = ReturnType<typeof useFormDialog>;

/** A field's label from the first locale namespace that has it (`ownerId` → `owner`, `parentId` → `parent`). */
export function fieldLabels(...namespaces: string[]): (field: string) => string {
  return (field) => {
    const names = [field, field.replace(/Id$/, '')];
    for (const ns of namespaces) for (const name of names) if (i18n.global.te(`${ns}.${name}`)) return t(`${ns}.${name}`);
    return field;
  };
}
