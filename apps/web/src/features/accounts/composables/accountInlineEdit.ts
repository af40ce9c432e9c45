import { ACCOUNT_SOURCES } from '@keyuan/shared';
import { computed } from 'vue';
import { useRecordInlineEdit } from '@/composables/useRecordInlineEdit';
import { type Account, accountsApi } from '../api';
import { ACCOUNT_LEVELS, ACCOUNT_SIZES, ACCOUNT_TYPES, LIFECYCLE_STAGES } from './accountOptions';

/**
 * Inline edit of an account's simple fields (list and detail page). Phone and email are not among them:
 * they are masked for most readers and have the reveal flow.
 */
export function useAccountInlineEdit(onChange?: (account: Account) => void) {
  const inline = useRecordInlineEdit<Account>(accountsApi, onChange);
  return {
    ...inline,
    stageOptions: inline.optionsOf(LIFECYCLE_STAGES, 'accounts.stage'),
    levelOptions: inline.optionsOf(ACCOUNT_LEVELS, 'accounts.level'),
    typeOptions: inline.optionsOf(ACCOUNT_TYPES, 'accounts.type'),
    sourceOptions: inline.optionsOf(ACCOUNT_SOURCES, 'customers.source'),
    // sizes are shown as they are ("10-49")
    sizeOptions: computed(() => ACCOUNT_SIZES.map((s) => ({ value: s, label: s }))),
  };
}

export type AccountInlineEdit = ReturnType<typeof useAccountInlineEdit>;
