import { reactive, ref, shallowRef, watch } from 'vue';
import { ApiError } from '@/api/client';
import { describeError, fieldErrorText } from './describeError';

/** `items[0].name` and `items.0.name` both become Element Plus's prop path `items.0.name`. */
export function normalizeField(field: string): string {
  return field.replace(/\[(\d+)\]/g, '.$1').replace(/^\./, '');
}

export interface ProblemFormOptions {
  /** Props of the form's items; errors on other fields are shown as the form error. */
  fields?: readonly string[];
}

/**
 * Maps the API's problem+json `errors[].field` onto Element Plus form items:
 * `<el-form-item prop="email" :error="form.fieldErrors.email">`, and everything else onto `formError`.
 * Editing a field clears its server error.
 */
export function useProblemForm<T extends object>(model?: T, options: ProblemFormOptions = {}) {
  const fieldErrors = reactive<Record<string, string>>({});
  const formError = ref<string | null>(null);
  const error = shallowRef<unknown>(null);
  const submitting = ref(false);

  function clear(): void {
    for (const key of Object.keys(fieldErrors)) delete fieldErrors[key];
    formError.value = null;
    error.value = null;
  }

  function apply(err: unknown): void {
    clear();
    error.value = err;
    const unmapped: string[] = [];
    if (err instanceof ApiError) {
      for (const fieldError of err.fieldErrors) {
        // worded from the locale files by code + params; the server's message when the code is unknown here
        const message = fieldErrorText(fieldError);
        const { field } = fieldError;
        const path = normalizeField(field);
        // `custom.<key>` errors belong to the form's `custom` item (CustomFieldInputs shows them per field)
        if (options.fields && !options.fields.includes(path) && !(path.startsWith('custom.') && options.fields.includes('custom'))) {
          // a text from the locale files says what is wrong, not where: name the field
          unmapped.push(message === fieldError.message ? message : `${field}: ${message}`);
          continue;
        }
        fieldErrors[path] = fieldErrors[path] ? `${fieldErrors[path]}; ${message}` : message;
      }
    }
    const mapped = Object.keys(fieldErrors).length > 0;
    if (!mapped || unmapped.length) formError.value = [describeError(err), ...unmapped].join(' ');
  }

  /** Runs the call; on failure maps the problem and resolves to undefined instead of throwing. */
  async function submit<R>(action: () => Promise<R>): Promise<R | undefined> {
    clear();
    submitting.value = true;
    try {
      return await action();
    } catch (err) {
      apply(err);
      return undefined;
    } finally {
      submitting.value = false;
    }
  }

  if (model) {
    watch(
      () => ({ ...model }) as Record<string, unknown>,
      (now, before) => {
        for (const key of Object.keys(now)) {
          if (now[key] !== before[key]) {
            for (const path of Object.keys(fieldErrors)) {
              if (path === key || path.startsWith(`${key}.`)) delete fieldErrors[path];
            }
          }
        }
      },
    );
  }

  return { fieldErrors, formError, error, submitting, submit, apply, clear };
}
