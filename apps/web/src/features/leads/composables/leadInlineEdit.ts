import { useRecordInlineEdit } from '@/composables/useRecordInlineEdit';
import { type Lead, leadsApi } from '../api';
import { LEAD_SOURCES, OPEN_LEAD_STATUSES } from './leadOptions';

/** Inline edit of a lead's simple fields (list and detail page); a converted lead is read-only (the API offers no edit). */
export function useLeadInlineEdit(onChange?: (lead: Lead) => void) {
  const inline = useRecordInlineEdit<Lead>(leadsApi, onChange);
  return {
    ...inline,
    statusOptions: inline.optionsOf(OPEN_LEAD_STATUSES, 'leads.status'),
    sourceOptions: inline.optionsOf(LEAD_SOURCES, 'customers.source'),
  };
}
