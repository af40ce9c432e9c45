import { computed } from 'vue';
import { useI18n } from 'vue-i18n';
import { type InlineOption, useInlineEdit } from '@/composables/useInlineEdit';
import { useAuthStore } from '@/stores/auth';
import { type Lead, leadsApi, type UpdateLeadBody } from '../api';
import { LEAD_SOURCES, OPEN_LEAD_STATUSES } from './leadOptions';

/** Inline edit of a lead's simple fields (list and detail page); a converted lead is read-only. */
export function useLeadInlineEdit(onChange?: (lead: Lead) => void) {
  const { t } = useI18n();
  const auth = useAuthStore();
  const edit = useInlineEdit<Lead>({
    save: (id, patch, version) => leadsApi.update(id, { ...patch, version } as UpdateLeadBody),
    load: leadsApi.get,
    onChange,
  });
  const statusOptions = computed<InlineOption[]>(() => OPEN_LEAD_STATUSES.map((s) => ({ value: s, label: t(`leads.status.${s}`) })));
  const sourceOptions = computed<InlineOption[]>(() => LEAD_SOURCES.map((s) => ({ value: s, label: t(`customers.source.${s}`) })));
  const readOnly = (lead: Lead) => !auth.can('leads', 'update') || edit.current(lead).status === 'converted';
  return { edit, statusOptions, sourceOptions, readOnly };
}
