import { LEAD_SOURCES, LEAD_STATUSES } from '@keyuan/shared';
import type { FilterOption } from '@/components/filter-bar';
import type { LeadStatus } from '../api';

export { LEAD_SOURCES, LEAD_STATUSES };
export const OPEN_LEAD_STATUSES = LEAD_STATUSES.filter((s) => s !== 'converted') as Exclude<LeadStatus, 'converted'>[];

export const statusOptions = (statuses: readonly string[] = LEAD_STATUSES): FilterOption[] =>
  statuses.map((s) => ({ value: s, labelKey: `leads.status.${s}` }));
export { sourceOptions } from '@/composables/customerOptions';

type TagType = 'primary' | 'success' | 'info' | 'warning' | 'danger';
const STATUS_TAGS: Record<LeadStatus, TagType> = {
  new: 'primary',
  contacted: 'warning',
  qualified: 'success',
  unqualified: 'info',
  converted: 'success',
};
export const statusTagType = (status: LeadStatus): TagType => STATUS_TAGS[status] ?? 'info';

/** A display band for the 0–100 score: cold < 40 ≤ warm < 70 ≤ hot. */
export const scoreBand = (score: number): 'cold' | 'warm' | 'hot' => (score >= 70 ? 'hot' : score >= 40 ? 'warm' : 'cold');
