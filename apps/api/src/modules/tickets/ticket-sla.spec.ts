import { closePause, lateAt, nextDue, openPause, raisedPriority, reopensWithin, stopsClock, underWarranty } from './ticket-sla';

const d = (s: string) => new Date(s);
const base = {
  firstRespondedAt: null,
  awaitingSince: null,
  resolvedAt: null,
  firstResponseDueAt: null,
  nextResponseDueAt: null,
  resolutionDueAt: null,
  firstResponseBreached: false,
  nextResponseBreached: false,
  resolutionBreached: false,
};

describe('ticket SLA rules', () => {
  it('opens one pause at a time and closes it; a pause of no length goes', () => {
    const p1 = openPause([], d('2026-11-09T02:30:00Z'));
    expect(openPause(p1, d('2026-11-09T03:00:00Z'))).toEqual(p1);
    expect(closePause(p1, d('2026-11-09T03:00:00Z'))).toEqual([{ from: '2026-11-09T02:30:00.000Z', to: '2026-11-09T03:00:00.000Z' }]);
    expect(closePause(p1, d('2026-11-09T02:30:00Z'))).toEqual([]);
  });

  it.each([
    ['pending', ['pending'], true],
    ['open', ['pending'], false],
    ['resolved', [], true],
    ['closed', [], true],
    ['new', ['new', 'pending'], true],
  ])('status %s with pausing %j stops the clock: %s', (status, pausing, stops) => {
    expect(stopsClock(status as never, pausing)).toBe(stops);
  });

  it('watches the earliest running target that is not met nor breached', () => {
    const t = { ...base, firstResponseDueAt: d('2026-11-09T03:00:00Z'), resolutionDueAt: d('2026-11-10T02:00:00Z') };
    expect(nextDue(t)).toEqual(d('2026-11-09T03:00:00Z'));
    expect(nextDue({ ...t, firstRespondedAt: d('2026-11-09T02:00:00Z') })).toEqual(d('2026-11-10T02:00:00Z'));
    expect(nextDue({ ...t, firstResponseBreached: true })).toEqual(d('2026-11-10T02:00:00Z'));
    expect(nextDue({ ...t, firstResponseBreached: true, resolvedAt: d('2026-11-09T05:00:00Z') })).toBeNull();
    expect(nextDue({ ...t, awaitingSince: d('2026-11-09T01:00:00Z'), nextResponseDueAt: d('2026-11-09T01:30:00Z') })).toEqual(d('2026-11-09T01:30:00Z'));
  });

  it('knows late, warranty, reopen window and the next priority', () => {
    expect(lateAt(d('2026-11-09T03:00:00Z'), d('2026-11-09T03:00:01Z'))).toBe(true);
    expect(lateAt(d('2026-11-09T03:00:00Z'), d('2026-11-09T03:00:00Z'))).toBe(false);
    expect(lateAt(null, d('2026-11-09T03:00:00Z'))).toBe(false);
    expect(underWarranty('2026-12-31', '2026-12-31')).toBe(true);
    expect(underWarranty('2026-12-31', '2027-01-01')).toBe(false);
    expect(underWarranty(null, '2027-01-01')).toBeNull();
    expect(reopensWithin(d('2026-11-02T02:00:00Z'), d('2026-11-09T02:00:00Z'), 7)).toBe(true);
    expect(reopensWithin(d('2026-11-02T02:00:00Z'), d('2026-11-09T02:00:01Z'), 7)).toBe(false);
    expect(reopensWithin(null, d('2026-11-09T02:00:00Z'), 7)).toBe(false);
    expect(['low', 'normal', 'high', 'urgent'].map((p) => raisedPriority(p as never))).toEqual(['normal', 'high', 'urgent', 'urgent']);
  });
});
