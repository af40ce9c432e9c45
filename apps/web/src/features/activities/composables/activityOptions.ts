import type { FilterOption } from '@/components/filter-bar';
import type { ActivityType, CallOutcome } from '../api';

export const ACTIVITY_TYPES: ActivityType[] = ['call', 'visit', 'meeting', 'note', 'email'];
export const CALL_OUTCOMES: CallOutcome[] = ['connected', 'no_answer', 'busy', 'voicemail', 'wrong_number'];
export const DIRECTIONS = ['outbound', 'inbound'] as const;
export const ACTIVITY_STATUSES = ['planned', 'done', 'cancelled'] as const;

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
