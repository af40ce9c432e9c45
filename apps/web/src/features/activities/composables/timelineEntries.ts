import {
  Calendar,
  ChatLineSquare,
  CircleCheck,
  EditPen,
  Location,
  Message,
  Phone,
  Tickets,
} from '@element-plus/icons-vue';
import { type Component, markRaw } from 'vue';
import type { TimelineEntry, TimelineLoader } from '@/components/timeline';
import { type Formatter, formatPhone, loadPhoneFormatter } from '@/composables/useFormat';
import { type Activity, type ActivityType, fetchTimeline, type TimelineEntity, type TimelineItem } from '../api';
import { formatDuration } from './activityOptions';
import { describeChange } from './timelineChanges';

type Translate = (key: string, params?: Record<string, unknown>) => string;

const TYPE_ICONS: Record<ActivityType, Component> = {
  call: markRaw(Phone),
  visit: markRaw(Location),
  meeting: markRaw(Calendar),
  note: markRaw(ChatLineSquare),
  email: markRaw(Message),
};
const TYPE_COLORS: Record<ActivityType, string> = {
  call: '#409eff',
  visit: '#e6a23c',
  meeting: '#9b59b6',
  note: '#909399',
  email: '#13c2c2',
};

export const activityIcon = (type: ActivityType): Component => TYPE_ICONS[type];
export const activityColor = (type: ActivityType): string => TYPE_COLORS[type];

function activityDetails(a: Activity, t: Translate, fmt: Pick<Formatter, 'dateTime'>): string[] {
  const out: string[] = [];
  if (a.type === 'call') {
    if (a.direction) out.push(t(`activities.directions.${a.direction}`));
    if (a.outcome) out.push(t(`activities.outcomes.${a.outcome}`));
    if (a.durationSec != null) out.push(t('activities.durationIs', { duration: formatDuration(a.durationSec) }));
    if (a.callerPhone) out.push(formatPhone(a.callerPhone));
  }
  if (a.plannedAt && (a.type === 'visit' || a.type === 'meeting')) out.push(t('activities.plannedFor', { time: fmt.dateTime(a.plannedAt) }));
  if (a.location) out.push(a.location);
  if (a.status && a.status !== 'done') out.push(t(`activities.statuses.${a.status}`));
  if (a.contactName) out.push(t('activities.withContact', { name: a.contactName }));
  if (a.opportunityName) out.push(t('activities.aboutOpportunity', { name: a.opportunityName }));
  return out;
}

/** One item of a record's timeline as an entry of ActivityTimeline (icon, summary, facts, text). */
export function toTimelineEntry(
  item: TimelineItem,
  t: Translate,
  fmt: Pick<Formatter, 'dateTime' | 'date'>,
  entity: TimelineEntity = 'lead',
  has: (key: string) => boolean = () => true,
): TimelineEntry {
  if (item.kind === 'activity' && item.activity) {
    const a = item.activity;
    const type = t(`activities.types.${a.type}`);
    return {
      id: item.id,
      at: item.at,
      kind: 'activity',
      actor: a.ownerName,
      action: a.type,
      summary: a.subject ? `${type} · ${a.subject}` : type,
      details: activityDetails(a, t, fmt),
      text: a.content,
      icon: activityIcon(a.type),
      color: activityColor(a.type),
    };
  }
  if (item.kind === 'task' && item.task) {
    const task = item.task;
    const done = task.status === 'done';
    return {
      id: item.id,
      at: item.at,
      kind: 'task',
      actor: task.createdByName,
      action: 'task',
      summary: t('activities.timeline.task', { title: task.title }),
      details: [
        t('tasks.dueOn', { time: fmt.dateTime(task.dueAt) }),
        t(`tasks.statuses.${task.status}`),
        ...(task.assigneeName ? [t('tasks.assignedTo', { name: task.assigneeName })] : []),
        ...(task.overdue ? [t('tasks.buckets.overdue')] : []),
      ],
      text: task.description,
      icon: markRaw(done ? CircleCheck : Tickets),
      color: done ? '#67c23a' : task.overdue ? '#f56c6c' : '#e6a23c',
    };
  }
  const change = item.change;
  const labels: Record<string, string> = change?.labels ?? {};
  return {
    id: item.id,
    at: item.at,
    kind: 'change',
    actor: change?.actorName,
    action: change?.action ?? 'update',
    changes: (change?.changes ?? []).filter((c) => !HIDDEN_FIELDS.has(c.field)).map((c) => describeChange(entity, c, labels, t, has, fmt)),
    icon: markRaw(EditPen),
  };
}

/** Bookkeeping the reader does not need in a history (the score is shown on the record). */
const HIDDEN_FIELDS = new Set(['formId', 'claimedAt', 'lastActivityAt']);

/** A loader for ActivityTimeline over `GET /<resource>/{id}/timeline`. */
export function recordTimeline(
  entity: TimelineEntity,
  id: string,
  t: Translate,
  fmt: Pick<Formatter, 'dateTime' | 'date'>,
  has: (key: string) => boolean,
  limit = 20,
): TimelineLoader {
  return async (cursor) => {
    const [page] = await Promise.all([fetchTimeline(entity, id, cursor, limit), loadPhoneFormatter().catch(() => {})]);
    return { data: page.data.map((item) => toTimelineEntry(item, t, fmt, entity, has)), nextCursor: page.nextCursor, total: page.data.length };
  };
}
