import { startApp, TestApp } from './helpers/test-app';
import { bearer, buildOrg, createUser, Org } from './helpers/fixtures';

type Calendar = { id: string; name: string; timeZone: string; isDefault: boolean; weeklyHours: number; version: number; officialHolidays: string | null };
const office = [
  { start: '09:00', end: '12:00' },
  { start: '13:00', end: '18:00' },
];
const weekdays = { mon: office, tue: office, wed: office, thu: office, fri: office, sat: [], sun: [] };

/** Business calendars through HTTP: the seeded China calendar, official and own days, due times, rules, permissions. */
describe('business calendars (e2e)', () => {
  let t: TestApp;
  let org: Org;
  let admin: Record<string, string>;
  let rep: { id: string; token: string };
  let china: Calendar;

  const due = async (id: string, from: string, minutes: number) =>
    (await t.http.get(`/api/v1/business-calendars/${id}/due`).query({ from, minutes }).set(admin).expect(200)).body.due as string;

  beforeAll(async () => {
    t = await startApp();
    org = await buildOrg(t);
    admin = bearer(org.adminToken);
    rep = await createUser(t, org, { role: 'sales_rep', departmentId: org.depts.east, name: 'Rep' });
    const list = (await t.http.get('/api/v1/business-calendars').set(admin).expect(200)).body.data as Calendar[];
    china = list[0];
  });
  afterAll(() => t.close());

  it('starts with the default China calendar: office hours, Asia/Shanghai, official holidays and make-up days', async () => {
    expect(china).toMatchObject({ isDefault: true, timeZone: 'Asia/Shanghai', officialHolidays: 'CN', weeklyHours: 40 });
    // Wednesday 30 September 2026, 17:00 + 2 working hours: National Day (1–7 October) is skipped
    expect(await due(china.id, '2026-09-30T17:00:00+08:00', 120)).toBe('2026-10-08T02:00:00.000Z');
    // Friday 9 October 17:00 + 2 h: Saturday 10 October is a make-up working day (调休)
    expect(await due(china.id, '2026-10-09T17:00:00+08:00', 120)).toBe('2026-10-10T02:00:00.000Z');
    const days = (await t.http.get(`/api/v1/business-calendars/${china.id}/days?from=2026-10-01&to=2026-10-31`).set(admin).expect(200)).body.data;
    expect(days.filter((d: { kind: string }) => d.kind === 'holiday')).toHaveLength(7);
    expect(days.find((d: { date: string }) => d.date === '2026-10-10')).toMatchObject({ kind: 'workday', name: '国庆节', nameEn: 'National Day', source: 'official' });
  });

  it("takes an admin's own days over the official ones, and next year's before the package has them", async () => {
    await t.http.put(`/api/v1/business-calendars/${china.id}/days/2026-10-10`).set(admin).send({ kind: 'holiday', name: '公司调整' }).expect(200);
    expect(await due(china.id, '2026-10-09T17:00:00+08:00', 120)).toBe('2026-10-12T02:00:00.000Z');
    const days = (await t.http.get(`/api/v1/business-calendars/${china.id}/days?from=2026-10-10&to=2026-10-10`).set(admin).expect(200)).body.data;
    expect(days).toEqual([expect.objectContaining({ date: '2026-10-10', kind: 'holiday', name: '公司调整', source: 'custom' })]);
    await t.http.delete(`/api/v1/business-calendars/${china.id}/days/2026-10-10`).set(admin).expect(204);
    expect(await due(china.id, '2026-10-09T17:00:00+08:00', 120)).toBe('2026-10-10T02:00:00.000Z');
    await t.http.delete(`/api/v1/business-calendars/${china.id}/days/2026-10-10`).set(admin).expect(404);

    // New Year 2027 is not in the package yet: the admin adds it; a make-up Sunday with its own hours too
    await t.http.put(`/api/v1/business-calendars/${china.id}/days/2027-01-01`).set(admin).send({ kind: 'holiday', name: '元旦' }).expect(200);
    expect(await due(china.id, '2026-12-31T17:00:00+08:00', 120)).toBe('2027-01-04T02:00:00.000Z'); // Friday off, then the weekend
    await t.http
      .put(`/api/v1/business-calendars/${china.id}/days/2027-01-03`)
      .set(admin)
      .send({ kind: 'workday', intervals: [{ start: '10:00', end: '16:00' }] })
      .expect(200);
    expect(await due(china.id, '2026-12-31T17:00:00+08:00', 120)).toBe('2027-01-03T03:00:00.000Z'); // Sunday 3 January from 10:00
    const bad = await t.http.put(`/api/v1/business-calendars/${china.id}/days/2027-01-09`).set(admin).send({ kind: 'workday', intervals: [{ start: '16:00', end: '10:00' }] }).expect(400);
    expect(bad.body).toMatchObject({ code: 'BUSINESS_CALENDAR_INVALID_INTERVALS', errors: [expect.objectContaining({ field: 'intervals' })] });
    const audit = (await t.http.get(`/api/v1/audit-logs?entityType=business_calendar&entityId=${china.id}`).set(admin).expect(200)).body.data as { action: string }[];
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['putDay', 'removeDay']));
  });

  it('validates calendars: intervals, time zone, a unique name, a range of days', async () => {
    const bad = await t.http.post('/api/v1/business-calendars').set(admin).send({ name: 'Bad', timeZone: 'Asia/Shanghai', weekly: { ...weekdays, mon: [{ start: '13:00', end: '18:00' }, { start: '09:00', end: '14:00' }] } }).expect(400);
    expect(bad.body).toMatchObject({ code: 'BUSINESS_CALENDAR_INVALID_INTERVALS', errors: [expect.objectContaining({ field: 'weekly.mon' })] });
    const format = await t.http.post('/api/v1/business-calendars').set(admin).send({ name: 'Bad', timeZone: 'Asia/Shanghai', weekly: { ...weekdays, tue: [{ start: '9:00', end: '12:00' }] } }).expect(400);
    expect(format.body.errors[0].field).toMatch(/^weekly\.tue/);
    const zone = await t.http.post('/api/v1/business-calendars').set(admin).send({ name: 'Bad', timeZone: 'Mars/Olympus', weekly: weekdays }).expect(400);
    expect(zone.body).toMatchObject({ code: 'BUSINESS_CALENDAR_INVALID_TIME_ZONE', errors: [expect.objectContaining({ field: 'timeZone' })] });
    const none = await t.http.post('/api/v1/business-calendars').set(admin).send({ name: 'Never', timeZone: 'UTC', weekly: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] } }).expect(400);
    expect(none.body.code).toBe('BUSINESS_CALENDAR_NO_WORKING_TIME');
    await t.http.post('/api/v1/business-calendars').set(admin).send({ name: '中国标准工作日 China office hours', timeZone: 'UTC', weekly: weekdays }).expect(409);
    const range = await t.http.get(`/api/v1/business-calendars/${china.id}/days?from=2026-01-01&to=2027-12-31`).set(admin).expect(400);
    expect(range.body.code).toBe('BUSINESS_CALENDAR_RANGE_TOO_LONG');
  });

  it('keeps exactly one default: a new default unsets the old one; the default cannot be unset or deleted', async () => {
    const ny = (
      await t.http
        .post('/api/v1/business-calendars')
        .set(admin)
        .send({ name: 'New York support', timeZone: 'America/New_York', weekly: weekdays, isDefault: true })
        .expect(201)
    ).body as Calendar;
    expect(ny).toMatchObject({ isDefault: true, officialHolidays: null, weeklyHours: 40 });
    const list = (await t.http.get('/api/v1/business-calendars').set(admin).expect(200)).body.data as Calendar[];
    expect(list.filter((c) => c.isDefault).map((c) => c.id)).toEqual([ny.id]);
    expect(await due(ny.id, '2026-10-30T17:00:00-04:00', 120)).toBe('2026-11-02T15:00:00.000Z'); // across the change to EST
    expect((await t.http.patch(`/api/v1/business-calendars/${ny.id}`).set(admin).send({ isDefault: false }).expect(409)).body.code).toBe('BUSINESS_CALENDAR_DEFAULT');
    expect((await t.http.delete(`/api/v1/business-calendars/${ny.id}`).set(admin).expect(409)).body.code).toBe('BUSINESS_CALENDAR_DEFAULT');
    const current = (await t.http.get(`/api/v1/business-calendars/${china.id}`).set(admin).expect(200)).body as Calendar;
    await t.http.patch(`/api/v1/business-calendars/${china.id}`).set(admin).set('If-Match', `"${current.version - 1}"`).send({ isDefault: true }).expect(412);
    await t.http.patch(`/api/v1/business-calendars/${china.id}`).set(admin).set('If-Match', `"${current.version}"`).send({ isDefault: true }).expect(200);
    await t.http.delete(`/api/v1/business-calendars/${ny.id}`).set(admin).expect(204);
    await t.http.get(`/api/v1/business-calendars/${ny.id}`).set(admin).expect(404);
  });

  it('is for settings readers and admins: a rep gets 403, no token 401', async () => {
    await t.http.get('/api/v1/business-calendars').set(bearer(rep.token)).expect(403);
    await t.http.post('/api/v1/business-calendars').set(bearer(rep.token)).send({ name: 'x', timeZone: 'UTC', weekly: weekdays }).expect(403);
    await t.http.put(`/api/v1/business-calendars/${china.id}/days/2027-02-01`).set(bearer(rep.token)).send({ kind: 'holiday' }).expect(403);
    await t.http.get('/api/v1/business-calendars').expect(401);
  });
});
