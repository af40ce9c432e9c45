import { describe, expect, it } from 'vitest';
import { monthRange, visitBody, visitDraftFromTicket } from '../composables/visits';

const ticket = { id: 't1', number: 'T20261130-0001', subject: '终端无法开机', accountId: 'a1', accountName: '东方精密' };
const subject = (n: string, s: string) => `工单 ${n} 回访：${s}`;

describe('return visit helpers', () => {
  it('drafts a follow-up three days after a ticket, moved off the weekend', () => {
    // Monday 30 Nov 2026 → Thursday 3 Dec
    expect(visitDraftFromTicket(ticket, subject, new Date(2026, 10, 30))).toEqual({
      subject: '工单 T20261130-0001 回访：终端无法开机',
      accountId: 'a1',
      accountName: '东方精密',
      ticketId: 't1',
      plannedDate: '2026-12-03',
      method: 'phone',
      notes: '',
    });
    // Wednesday 2 Dec → Saturday 5 Dec → Monday 7 Dec; Thursday 3 Dec → Sunday → Monday 7 Dec
    expect(visitDraftFromTicket(ticket, subject, new Date(2026, 11, 2)).plannedDate).toBe('2026-12-07');
    expect(visitDraftFromTicket(ticket, subject, new Date(2026, 11, 3)).plannedDate).toBe('2026-12-07');
    expect(visitDraftFromTicket({ ...ticket, accountId: null, accountName: null }, subject).accountId).toBe('');
  });

  it('builds the create body without empty notes or a missing ticket', () => {
    const d = { subject: ' 季度回访 ', accountId: 'a1', accountName: null, ticketId: null, plannedDate: '2026-12-01', method: 'visit' as const, notes: '  ' };
    expect(visitBody(d)).toEqual({ subject: '季度回访', accountId: 'a1', plannedDate: '2026-12-01', method: 'visit' });
    expect(visitBody({ ...d, ticketId: 't1', notes: '带演示机' })).toMatchObject({ ticketId: 't1', notes: '带演示机' });
  });

  it('spans the calendar month', () => {
    expect(monthRange(new Date(2026, 1, 14))).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(monthRange(new Date(2026, 11, 31))).toEqual({ from: '2026-12-01', to: '2026-12-31' });
  });
});
