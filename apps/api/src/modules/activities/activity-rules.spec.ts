import { activityDefaults, countsAsFollowUp, followUpTime, inapplicableFields } from './activity-rules';

describe('activity rules', () => {
  const now = new Date('2025-06-18T02:00:00Z');

  it('rejects call details on other types and schedule details on calls, notes and emails', () => {
    expect(inapplicableFields('call', { direction: 'inbound', durationSec: 30, callerPhone: '+8613812345678' })).toEqual([]);
    expect(inapplicableFields('note', { durationSec: 30, outcome: null, location: 'x' })).toEqual(['durationSec', 'location']);
    expect(inapplicableFields('visit', { plannedAt: now, status: 'done', direction: 'inbound' })).toEqual(['direction']);
    expect(inapplicableFields('call', { status: 'planned' })).toEqual(['status']);
  });

  it('plans visits ahead and dates them at their plan time', () => {
    const later = new Date(now.getTime() + 86400_000);
    expect(activityDefaults('visit', { plannedAt: later }, now)).toEqual({ status: 'planned', occurredAt: later });
    const earlier = new Date(now.getTime() - 3600_000);
    expect(activityDefaults('meeting', { plannedAt: earlier }, now)).toEqual({ status: 'done', occurredAt: earlier });
    expect(activityDefaults('visit', {}, now)).toEqual({ status: 'done', occurredAt: now });
    expect(activityDefaults('call', { occurredAt: earlier }, now)).toEqual({ status: null, occurredAt: earlier });
  });

  it('counts calls and done visits as follow-ups, never in the future', () => {
    expect(countsAsFollowUp({ status: null })).toBe(true);
    expect(countsAsFollowUp({ status: 'done' })).toBe(true);
    expect(countsAsFollowUp({ status: 'planned' })).toBe(false);
    expect(countsAsFollowUp({ status: 'cancelled' })).toBe(false);
    expect(countsAsFollowUp({ status: null, deletedAt: now })).toBe(false);
    expect(followUpTime(new Date(now.getTime() + 1000), now)).toEqual(now);
    expect(followUpTime(new Date(now.getTime() - 1000), now)).toEqual(new Date(now.getTime() - 1000));
  });
});
