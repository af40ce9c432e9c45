import { describe, expect, it } from 'vitest';
import type { TimelineItem } from '@/features/activities/api';
import { blankActivity, buildActivityBody } from '@/features/activities/composables/activityForm';
import { formatDuration } from '@/features/activities/composables/activityOptions';
import { toTimelineEntry } from '@/features/activities/composables/timelineEntries';
import { describeChange } from '@/features/activities/composables/timelineChanges';

const t = (key: string, params?: Record<string, unknown>) => (params ? `${key}(${Object.values(params).join(',')})` : key);
const fmt = { dateTime: (v: unknown) => `dt(${String(v)})`, date: (v: unknown) => `d(${String(v)})` };

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
    expect(task.details).toEqual(['tasks.dueOn(dt(D))', 'tasks.statuses.open', 'tasks.assignedTo(Li)', 'tasks.buckets.overdue']);
    const change = toTimelineEntry(
      { kind: 'change', id: 'c-1', at: 'x', change: { action: 'update', actorName: 'Admin', actorId: null, changes: [{ field: 'status', type: 'option', old: 'new', new: 'contacted' }], labels: {} } } as unknown as TimelineItem,
      t,
      fmt,
    );
    expect(change).toMatchObject({
      kind: 'change',
      action: 'update',
      actor: 'Admin',
      changes: [{ field: 'status', label: 'leads.fields.status', old: 'leads.status.new', new: 'leads.status.contacted' }],
    });
    expect(change.summary).toBeUndefined();
  });
});

describe('readable timeline changes', () => {
  // the locale files: a key exists when listed here
  const keys = new Set(['leads.fields.status', 'leads.status.new', 'leads.status.converted', 'customers.source.web', 'common.timeline.fields.ownerId', 'common.timeline.fields.convertedAt', 'common.timeline.fields.convertedAccountId', 'customers.fields.phone', 'accounts.type.company', 'common.yes']);
  const has = (k: string) => keys.has(k);
  const id = 'b1f0c3c4-0000-4000-8000-000000000001';
  const hidden = 'b1f0c3c4-0000-4000-8000-000000000002';

  it.each([
    [{ field: 'status', type: 'option', old: 'new', new: 'converted' }, { label: 'leads.fields.status', old: 'leads.status.new', new: 'leads.status.converted' }],
    [{ field: 'convertedAt', type: 'datetime', old: null, new: '2026-11-30T08:00:00.000Z' }, { label: 'common.timeline.fields.convertedAt', old: '—', new: 'dt(2026-11-30T08:00:00.000Z)', created: true }],
    [{ field: 'ownerId', type: 'reference', ref: 'user', old: id, new: hidden }, { label: 'common.timeline.fields.ownerId', old: '李雷', new: '—' }],
    [{ field: 'convertedAccountId', type: 'reference', ref: 'account', old: null, new: hidden }, { new: '—' }],
    [{ field: 'phone', type: 'text', old: '138****0001', new: null }, { label: 'customers.fields.phone', old: '138****0001', new: '—' }],
    [{ field: 'isPrimary', type: 'boolean', old: false, new: true }, { label: 'isPrimary', new: 'common.yes' }],
    [{ field: 'tags', type: 'list', old: [], new: ['VIP', '华东'] }, { old: '—', new: 'VIP, 华东' }],
  ])('%j reads %j', (change, expected) => {
    const out = describeChange('lead', change as never, { [id]: '李雷' }, (k) => k, has, fmt);
    expect(out).toMatchObject(expected);
    // never a raw id on screen
    expect(`${out.old} ${out.new}`).not.toContain(hidden);
  });

  it('words an option of the record kind (a lead\'s status, an account\'s type) and keeps an unknown value as it is', () => {
    expect(describeChange('account', { field: 'type', type: 'option', old: null, new: 'company' } as never, {}, (k) => k, has, fmt).new).toBe('accounts.type.company');
    expect(describeChange('lead', { field: 'source', type: 'option', old: 'web', new: 'fax' } as never, {}, (k) => k, has, fmt)).toMatchObject({ old: 'customers.source.web', new: 'fax' });
  });
});
