import { describe, expect, it } from 'vitest';
import { formatCountdown, groupByDate, queueCountdown, slaTagType, slaTarget, statusTagType } from '../composables/sla';

const now = Date.parse('2026-11-09T02:00:00Z');

describe('ticket SLA countdowns', () => {
  it.each([
    [30_000, '<1m'],
    [12 * 60_000, '12m'],
    [(3 * 60 + 5) * 60_000, '3h 05m'],
    [(2 * 1440 + 3 * 60 + 59) * 60_000, '2d 3h'],
    [-15 * 60_000, '-15m'],
    [-(60 + 1) * 60_000, '-1h 01m'],
  ])('formats %i ms as %s', (ms, text) => {
    expect(formatCountdown(ms)).toBe(text);
  });

  it('tells ok, warning, breached, paused and met apart', () => {
    expect(slaTarget('2026-11-09T03:00:00Z', now)).toEqual({ state: 'ok', remainingMs: 3_600_000 });
    expect(slaTarget('2026-11-09T02:20:00Z', now).state).toBe('warning');
    expect(slaTarget('2026-11-09T01:59:00Z', now)).toEqual({ state: 'breached', remainingMs: -60_000 });
    expect(slaTarget(null, now, { paused: true }).state).toBe('paused');
    expect(slaTarget('2026-11-09T01:00:00Z', now, { met: true }).state).toBe('met');
    expect(slaTarget('2026-11-09T01:00:00Z', now, { met: true, breached: true }).state).toBe('breached');
    expect(slaTarget(null, now).state).toBe('none');
    expect(slaTagType('warning')).toBe('warning');
    expect(slaTagType('breached')).toBe('danger');
    expect(statusTagType('reopened')).toBe('danger');
  });

  it('shows one countdown per queue row', () => {
    const row = { slaNextDueAt: '2026-11-09T02:10:00Z', slaPaused: false, slaBreached: false, status: 'open' };
    expect(queueCountdown(row, now)).toEqual({ state: 'warning', remainingMs: 600_000 });
    expect(queueCountdown({ ...row, slaPaused: true, slaNextDueAt: null, status: 'pending' }, now).state).toBe('paused');
    expect(queueCountdown({ ...row, slaBreached: true }, now).state).toBe('breached');
    expect(queueCountdown({ ...row, status: 'resolved' }, now).state).toBe('met');
  });

  it('groups return visits by their planned day', () => {
    const g = groupByDate([{ plannedDate: '2026-11-09', id: 'a' }, { plannedDate: '2026-11-10', id: 'b' }, { plannedDate: '2026-11-09', id: 'c' }]);
    expect(g.get('2026-11-09')!.map((x) => x.id)).toEqual(['a', 'c']);
  });
});
