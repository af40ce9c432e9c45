import type { ActivityType, CallOutcome, CreateActivityBody } from '../api';
import { isPlannable } from './activityOptions';

type DateValue = Date | string | null;

/** The log-activity dialog's fields; only those of the chosen type are sent. */
export interface ActivityFormModel {
  type: ActivityType;
  subject: string;
  content: string;
  occurredAt: DateValue;
  direction: 'inbound' | 'outbound';
  outcome: CallOutcome | null;
  durationMin: number | null;
  durationSec: number | null;
  callerPhone: string;
  plannedAt: DateValue;
  location: string;
  status: 'planned' | 'done' | 'cancelled' | null;
}

/** What the activity is about: set by the page the dialog was opened from. */
export interface ActivityRelation {
  leadId?: string;
  accountId?: string;
  contactId?: string;
  opportunityId?: string;
}

export function blankActivity(type: ActivityType = 'call', now = new Date()): ActivityFormModel {
  return {
    type,
    subject: '',
    content: '',
    occurredAt: now,
    direction: 'outbound',
    outcome: 'connected',
    durationMin: null,
    durationSec: null,
    callerPhone: '',
    plannedAt: null,
    location: '',
    status: null,
  };
}

const iso = (value: DateValue): string | undefined => {
  if (value === null || value === '') return undefined;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
};

const text = (value: string): string | undefined => value.trim() || undefined;

/** Talk time from the minutes and seconds inputs; null when both are empty. */
export function talkSeconds(model: Pick<ActivityFormModel, 'durationMin' | 'durationSec'>): number | null {
  if (model.durationMin == null && model.durationSec == null) return null;
  return Math.max(0, Math.round((model.durationMin ?? 0) * 60 + (model.durationSec ?? 0)));
}

/** The create body: common fields, the type's own fields, and the related record. */
export function buildActivityBody(model: ActivityFormModel, relation: ActivityRelation = {}): CreateActivityBody {
  const body: Record<string, unknown> = { type: model.type, subject: text(model.subject), content: text(model.content) };
  if (model.type === 'call') {
    Object.assign(body, {
      direction: model.direction,
      outcome: model.outcome ?? undefined,
      durationSec: talkSeconds(model) ?? undefined,
      callerPhone: text(model.callerPhone),
      occurredAt: iso(model.occurredAt),
    });
  } else if (isPlannable(model.type)) {
    Object.assign(body, { plannedAt: iso(model.plannedAt), location: text(model.location), status: model.status ?? undefined });
  } else {
    body.occurredAt = iso(model.occurredAt);
  }
  Object.assign(body, relation);
  return Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined)) as CreateActivityBody;
}
