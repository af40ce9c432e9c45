import { PROJECT_STATUSES, type ProjectStatus } from '@keyuan/shared';

export { PROJECT_STATUSES };

const TAGS: Record<ProjectStatus, 'info' | 'primary' | 'warning' | 'success' | 'danger'> = {
  planning: 'info',
  active: 'primary',
  on_hold: 'warning',
  completed: 'success',
  cancelled: 'danger',
};

/** The tag colour of a status. */
export const statusTagType = (s: ProjectStatus) => TAGS[s] ?? 'info';

/** The progress bar's colour: complete green, else the theme's. */
export const progressStatus = (percent: number): 'success' | undefined => (percent >= 100 ? 'success' : undefined);

/** A milestone is late when it is not reached and its due day (YYYY-MM-DD) is before today. */
export const milestoneLate = (m: { done: boolean; dueDate: string | null }, today: string) => !m.done && !!m.dueDate && m.dueDate < today;
