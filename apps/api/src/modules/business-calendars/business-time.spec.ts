import { addBusinessMinutes, businessMinutesBetween, type CalendarSpec, dueWithPauses, EmptyCalendarError, intervalProblem, workingIntervalsOn } from './business-time';
import { officialChinaDays } from './official-days';

// China's office hours: Monday to Friday 09:00–12:00 and 13:00–18:00 (8 hours), Asia/Shanghai (UTC+8)
const day = [
  { start: '09:00', end: '12:00' },
  { start: '13:00', end: '18:00' },
];
const spec: CalendarSpec = { timeZone: 'Asia/Shanghai', weekly: [day, day, day, day, day, [], []], days: officialChinaDays() };
/** A Shanghai wall-clock time as a Date. */
const at = (local: string) => new Date(`${local}+08:00`);
const iso = (d: Date | null) => (d ? new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ') : null);

describe('business time (pure)', () => {
  it('runs inside working hours on a plain day, and across lunch', () => {
    expect(iso(addBusinessMinutes(at('2026-11-30T09:30'), 60, spec))).toBe('2026-11-30 10:30');
    expect(iso(addBusinessMinutes(at('2026-11-30T11:30'), 60, spec))).toBe('2026-11-30 13:30');
    expect(iso(addBusinessMinutes(at('2026-11-30T12:15'), 30, spec))).toBe('2026-11-30 13:30'); // started at lunch
  });

  it('carries the rest across a night and starts from the next working moment when outside hours', () => {
    expect(iso(addBusinessMinutes(at('2026-11-30T17:00'), 120, spec))).toBe('2026-12-01 10:00');
    expect(iso(addBusinessMinutes(at('2026-11-30T20:00'), 0, spec))).toBe('2026-12-01 09:00');
    expect(iso(addBusinessMinutes(at('2026-12-01T07:00'), 30, spec))).toBe('2026-12-01 09:30');
  });

  it('skips a weekend', () => {
    // Friday 4 December 2026, 17:00: one hour on Friday, one on Monday
    expect(iso(addBusinessMinutes(at('2026-12-04T17:00'), 120, spec))).toBe('2026-12-07 10:00');
    expect(iso(addBusinessMinutes(at('2026-12-05T10:00'), 60, spec))).toBe('2026-12-07 10:00'); // asked on Saturday
  });

  it('skips an official holiday (National Day, 1–7 October 2026)', () => {
    expect(workingIntervalsOn('2026-10-01', spec)).toEqual([]);
    expect(iso(addBusinessMinutes(at('2026-09-30T17:00'), 120, spec))).toBe('2026-10-08 10:00');
    // a 3-day (24 working hours) resolution target from Tuesday 29 September
    expect(iso(addBusinessMinutes(at('2026-09-29T09:00'), 24 * 60, spec))).toBe('2026-10-08 18:00');
  });

  it('counts a make-up Saturday (调休: Saturday 10 October 2026 is a working day)', () => {
    expect(workingIntervalsOn('2026-10-10', spec)).toEqual(day);
    expect(iso(addBusinessMinutes(at('2026-10-09T17:00'), 120, spec))).toBe('2026-10-10 10:00');
    // an admin's own day off overrides the official calendar
    const custom: CalendarSpec = { ...spec, days: new Map([...spec.days, ['2026-10-10', { kind: 'holiday' as const }]]) };
    expect(iso(addBusinessMinutes(at('2026-10-09T17:00'), 120, custom))).toBe('2026-10-12 10:00');
  });

  it('measures working minutes between two moments', () => {
    expect(businessMinutesBetween(at('2026-11-30T11:00'), at('2026-11-30T14:00'), spec)).toBe(120);
    expect(businessMinutesBetween(at('2026-12-04T17:00'), at('2026-12-07T10:00'), spec)).toBe(120);
    expect(businessMinutesBetween(at('2026-09-30T09:00'), at('2026-10-08T09:00'), spec)).toBe(480);
    expect(businessMinutesBetween(at('2026-12-01T10:00'), at('2026-11-30T10:00'), spec)).toBe(0);
  });

  it('stops the clock while paused, also across a holiday, and has no due time while a pause is open', () => {
    const start = at('2026-09-30T09:00');
    // 8 working hours; pending on the customer from 11:00 on 30 September until 09:00 on 8 October
    const pauses = [{ from: at('2026-09-30T11:00'), to: at('2026-10-08T09:00') }];
    expect(iso(dueWithPauses(start, 480, pauses, spec))).toBe('2026-10-08 16:00');
    expect(dueWithPauses(start, 480, [{ from: at('2026-09-30T11:00'), to: null }], spec)).toBeNull();
    // a pause after the target was reached changes nothing
    expect(iso(dueWithPauses(start, 60, [{ from: at('2026-09-30T15:00'), to: at('2026-10-09T09:00') }], spec))).toBe('2026-09-30 10:00');
    // two pauses in one day
    const two = [
      { from: at('2026-11-30T10:00'), to: at('2026-11-30T11:00') },
      { from: at('2026-11-30T14:00'), to: at('2026-11-30T15:00') },
    ];
    expect(iso(dueWithPauses(at('2026-11-30T09:00'), 240, two, spec))).toBe('2026-11-30 16:00');
  });

  it('refuses a calendar without working time, and checks intervals', () => {
    const empty: CalendarSpec = { timeZone: 'Asia/Shanghai', weekly: [[], [], [], [], [], [], []], days: new Map() };
    expect(() => addBusinessMinutes(at('2026-11-30T09:00'), 1, empty)).toThrow(EmptyCalendarError);
    expect(intervalProblem(day)).toBeNull();
    expect(intervalProblem([{ start: '18:00', end: '24:00' }])).toBeNull();
    expect(intervalProblem([{ start: '12:00', end: '09:00' }])).toMatch(/ends after/);
    expect(intervalProblem([{ start: '13:00', end: '18:00' }, { start: '09:00', end: '12:00' }])).toMatch(/order/);
    expect(intervalProblem([{ start: '9:00', end: '12:00' }])).toMatch(/HH:mm/);
  });

  it('works in another time zone (a US office, across a daylight saving change)', () => {
    const ny: CalendarSpec = { timeZone: 'America/New_York', weekly: [day, day, day, day, day, [], []], days: new Map() };
    // Friday 30 October 2026 17:00 EDT (UTC-4) + 2 h → Monday 2 November 10:00 EST (UTC-5), after the change on 1 November
    const due = addBusinessMinutes(new Date('2026-10-30T17:00-04:00'), 120, ny);
    expect(due.toISOString()).toBe('2026-11-02T15:00:00.000Z');
    // a working Sunday on the day the clocks go back (1 November 2026): 09:00 is 09:00 EST, not an hour early
    const sundays: CalendarSpec = { ...ny, weekly: [day, day, day, day, day, [], [{ start: '09:00', end: '12:00' }]] };
    expect(addBusinessMinutes(new Date('2026-11-01T06:00-05:00'), 60, sundays).toISOString()).toBe('2026-11-01T15:00:00.000Z');
    expect(businessMinutesBetween(new Date('2026-11-01T00:00-04:00'), new Date('2026-11-02T00:00-05:00'), sundays)).toBe(180);
    // and on the day they go forward (8 March 2026): 09:00 EDT
    expect(addBusinessMinutes(new Date('2026-03-08T06:00-04:00'), 0, sundays).toISOString()).toBe('2026-03-08T13:00:00.000Z');
  });
});
