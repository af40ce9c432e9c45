import { SCHEDULED_TYPES, type ActivityType, type VisitStatus } from './activity.entity';

const CALL_FIELDS = ['direction', 'durationSec', 'outcome', 'callerPhone'] as const;
const SCHEDULE_FIELDS = ['plannedAt', 'location', 'status'] as const;

/** Fields given (not null) that do not apply to the type: call details on a non-call, schedule details on a non-visit/meeting. */
export function inapplicableFields(type: ActivityType, dto: Record<string, unknown>): string[] {
  const given = (f: string) => dto[f] !== undefined && dto[f] !== null;
  return [
    ...(type === 'call' ? [] : CALL_FIELDS.filter(given)),
    ...(SCHEDULED_TYPES.includes(type) ? [] : SCHEDULE_FIELDS.filter(given)),
  ];
}

/** Status and time of a new activity: a visit/meeting planned ahead starts `planned`; it happened at its plan time by default. */
export function activityDefaults(
  type: ActivityType,
  dto: { occurredAt?: Date; plannedAt?: Date | null; status?: VisitStatus | null },
  now: Date,
): { status: VisitStatus | null; occurredAt: Date } {
  if (!SCHEDULED_TYPES.includes(type)) return { status: null, occurredAt: dto.occurredAt ?? now };
  const status = dto.status ?? (dto.plannedAt && dto.plannedAt.getTime() > now.getTime() ? 'planned' : 'done');
  return { status, occurredAt: dto.occurredAt ?? dto.plannedAt ?? now };
}

/**
 * Whether the activity is a follow-up that moves the records' last activity time and counts for the
 * lead score: calls, notes and emails always; visits and meetings once done.
 */
export function countsAsFollowUp(a: { status: VisitStatus | null; deletedAt?: Date | null }): boolean {
  return !a.deletedAt && (a.status === null || a.status === 'done');
}

/** The last-activity time an activity sets: when it happened, but never in the future. */
export function followUpTime(occurredAt: Date, now: Date): Date {
  return occurredAt.getTime() > now.getTime() ? now : occurredAt;
}
