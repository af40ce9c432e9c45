import { ref } from 'vue';
import { t } from '@/app/i18n';
import { describeError } from './describeError';

export interface MergeOptions<T> {
  /** Name of the record that survives, for the confirmation. */
  targetName: () => string;
  /** `POST /<kind>/{id}/merge` with the duplicates' ids; answers the surviving record. */
  merge: (duplicateIds: string[]) => Promise<T>;
}

/**
 * Merging duplicates into a lead, account or contact: confirm, call, report. A refused merge (409
 * problem+json) is shown by its `code` in the user's language (`common.codes.<CODE>`), other failures
 * as describeError words them; `merge()` then resolves to undefined instead of throwing.
 */
export function useMerge<T>(options: MergeOptions<T>) {
  const merging = ref(false);
  const error = ref<string | null>(null);

  async function merge(ids: string[]): Promise<T | undefined> {
    const duplicateIds = [...new Set(ids)];
    if (!duplicateIds.length || merging.value) return undefined;
    error.value = null;
    try {
      await ElMessageBox.confirm(t('customers.merge.confirm', { count: duplicateIds.length, name: options.targetName() }), t('common.confirm'), {
        type: 'warning',
      });
    } catch {
      return undefined;
    }
    merging.value = true;
    try {
      const survivor = await options.merge(duplicateIds);
      ElMessage.success(t('customers.merge.done'));
      return survivor;
    } catch (err) {
      error.value = describeError(err);
      return undefined;
    } finally {
      merging.value = false;
    }
  }

  return { merge, merging, error };
}
