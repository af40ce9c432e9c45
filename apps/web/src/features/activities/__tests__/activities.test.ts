import { describe, expect, it } from 'vitest';
import type { TimelineItem } from '@/features/activities/api';
import { blankActivity, buildActivityBody } from '@/features/activities/composables/activityForm';
import { formatDuration } from '@/features/activities/composables/activityOptions';
import { toTimelineEntry } from '@/features/activities/composables/timelineEntries';

const t = (key: string, params?: Record<string, unknown>) => (params ? `${key}(${Object.values(params).join(',')})` : key);
const fmt = { dateTime: (v: unknown) => String(v) };

describe('log activity form', () => {
  it('sends a call\'s direction, outcome, talk time and number, about the page\'s record', () => {
    const model = { ...blankActivity('call', new Date('2026-11-22T08:00:00Z')), subject: ' 报价跟进 ', durationMin: 3, durationSec: 5, callerPhone: '138 0000 0001' };
    expect(buildActivityBody(model, { leadId: 'l-1' })).toEqual({
      type: 'call',
      subject: '报价跟进',
      direction: 'outbound',
      outcome: 'connected',
      durationSec: 185,
      callerPhone: '138 0000 0001',
      occurredAt: '2026-11-22T08:00:00.000Z',
      leadId: 'l-1',
    });
  });

  it('sends a visit\'s planned time and place but none of the call fields', () => {
    const model = { ...blankActivity('visit'), plannedAt: new Date('2026-11-25T02:00:00Z'), location: '上海市浦东新区', durationMin: 9 };
    expect(buildActivityBody(model, { accountId: 'a-1' })).toEqual({
      type: 'visit',
      plannedAt: '2026-11-25T02:00:00.000Z',
      location: '上海市浦东新区',
      accountId: 'a-1',
    });
  });

  it('sends a note with its text and time only', () => {
    const model = { ...blankActivity('note', new Date('2026-11-22T08:00:00Z')), content: '客户对价格敏感' };
    expect(buildActivityBody(model, { contactId: 'c-1' })).toEqual({ type: 'note', content: '客户对价格敏感', occurredAt: '2026-11-22T08:00:00.000Z', contactId: 'c-1' });
  });

  it('formats talk time', () => {
    expect(formatDuration(185)).toBe('3:05');
    expect(formatDuration(3725)).toBe('1:02:05');
    expect(formatDuration(null)).toBe('');
  });
});

describe('timeline entries', () => {
  it('shows a call with its icon, subject and facts', () => {
    const item = {
      kind: 'activity',
      id: 'a-1',
      at: '2026-11-22T08:00:00Z',
      activity: { id: 'a-1', type: 'call', subject: 'Quote', content: 'Price matters', direction: 'inbound', outcome: 'no_answer', durationSec: 65, callerPhone: '138****0001', ownerName: 'Li Lei', status: 'done', contactName: '陈静' },
    } as unknown as TimelineItem;
    const entry = toTimelineEntry(item, t, fmt);
    expect(entry).toMatchObject({ kind: 'activity', actor: 'Li Lei', summary: 'activities.types.call · Quote', text: 'Price matters' });
    expect(entry.details).toEqual(['activities.directions.inbound', 'activities.outcomes.no_answer', 'activities.durationIs(1:05)', '138****0001', 'activities.withContact(陈静)']);
    expect(entry.icon).toBeTruthy();
  });

  it('shows a task with its due time and status, and a change with its fields', () => {
    const task = toTimelineEntry(
      { kind: 'task', id: 't-1', at: 'x', task: { title: 'Send quote', dueAt: 'D', status: 'open', overdue: true, assigneeName: 'Li', createdByName: 'Han' } } as unknown as TimelineItem,
      t,
      fmt,
    );
    expect(task).toMatchObject({ kind: 'task', actor: 'Han', summary: 'activities.timeline.task(Send quote)', color: '#f56c6c' });
    expect(task.details).toEqual(['tasks.dueOn(D)', 'tasks.statuses.open', 'tasks.assignedTo(Li)', 'tasks.buckets.overdue']);
    const change = toTimelineEntry(
      { kind: 'change', id: 'c-1', at: 'x', change: { action: 'update', actorName: 'Admin', actorId: null, changes: [{ field: 'status', old: 'new', new: 'contacted' }] } } as unknown as TimelineItem,
      t,
      fmt,
    );
    expect(change).toMatchObject({ kind: 'change', action: 'update', actor: 'Admin', changes: [{ field: 'status', old: 'new', new: 'contacted' }] });
    expect(change.summary).toBeUndefined();
  });
});
