import { ACTIVITY_TYPES, CALL_DIRECTIONS, CALL_OUTCOMES, VISIT_STATUSES } from '@keyuan/shared';
import type { FilterOption } from '@/components/filter-bar';
import type { ActivityType } from '../api';

export { ACTIVITY_TYPES, CALL_OUTCOMES };
/** Outbound first: most logged calls are the rep's own. */
export const DIRECTIONS = [...CALL_DIRECTIONS].reverse();
export const ACTIVITY_STATUSES = VISIT_STATUSES;

export const typeOptions = (): FilterOption[] => ACTIVITY_TYPES.map((v) => ({ value: v, labelKey: `activities.types.${v}` }));
export const directionOptions = (): FilterOption[] => DIRECTIONS.map((v) => ({ value: v, labelKey: `activities.directions.${v}` }));
export const statusOptions = (): FilterOption[] => ACTIVITY_STATUSES.map((v) => ({ value: v, labelKey: `activities.statuses.${v}` }));

/** Visits and meetings are planned ahead; the others are logged after the fact. */
export const isPlannable = (type: ActivityType) => type === 'visit' || type === 'meeting';

/** `185` → `3:05` (talk time of a call). */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return '';
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  return h ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
}
