import { computed } from 'vue';
import { useI18n } from 'vue-i18n';
import { allows } from '@/composables/recordActions';
import { type InlineOption, useInlineEdit } from '@/composables/useInlineEdit';
import { type Lead, leadsApi, type UpdateLeadBody } from '../api';
import { LEAD_SOURCES, OPEN_LEAD_STATUSES } from './leadOptions';

/** Inline edit of a lead's simple fields (list and detail page); a converted lead is read-only. */
export function useLeadInlineEdit(onChange?: (lead: Lead) => void) {
  const { t } = useI18n();
  const edit = useInlineEdit<Lead>({
    save: (id, patch, version) => leadsApi.update(id, { ...patch, version } as UpdateLeadBody),
    load: leadsApi.get,
    onChange,
  });
  const statusOptions = computed<InlineOption[]>(() => OPEN_LEAD_STATUSES.map((s) => ({ value: s, label: t(`leads.status.${s}`) })));
  const sourceOptions = computed<InlineOption[]>(() => LEAD_SOURCES.map((s) => ({ value: s, label: t(`customers.source.${s}`) })));
  // the API says what the user may do with this record now (scope, pools, converted): list rows and the detail page alike
  const readOnly = (lead: Lead) => !allows(edit.current(lead), 'edit');
  return { edit, statusOptions, sourceOptions, readOnly };
}
