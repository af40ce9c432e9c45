import { APP_CONFIG, AppConfig } from '@core/config/app-config';
import { TicketClock } from '../src/modules/tickets/ticket-clock';
import { TicketSlaService } from '../src/modules/tickets/ticket-sla.service';
import { startApp, TestApp } from './helpers/test-app';
import { bearer, buildOrg, createUser, Org } from './helpers/fixtures';

type U = { id: string; token: string };
type Stage = { id: string; nameZh: string };

/**
 * Analytics end to end on a small fixed data set made through the API: the funnel (reach, conversion, win rate),
 * forecast categories with weighted amounts against targets and an adjusted forecast, Holt's forecast with its
 * backtest MAPE (and "insufficient history"), revenue, leaderboard, lead sources with campaign cost, receivables
 * aging and overdue trend, service quality (SLA, CSAT), RFM grades written back and the churn list; every figure
 * in the base currency at the record's day rate (USD 7.0 from 2025-01-01, 7.5 from 2026-06-01) and inside the
 * caller's scope (a rep sees only their own records, a manager their department).
 */
describe('analytics (e2e)', () => {
  let t: TestApp;
  let org: Org;
  let admin: U;
  let manager: U;
  let repA: U;
  let repB: U;
  let agent: U;
  let accA: string;
  let accB: string;
  let today: string;
  let thisMonth: string;
  let nextMonth: string;
  let stages: Stage[];
  let campaignId: string;
  let seq = 0;

  const post = (who: U, path: string, body?: object) => t.http.post(path).set(bearer(who.token)).send(body ?? {});
  const get = (who: U, path: string) => t.http.get(path).set(bearer(who.token));
  const figures = async (who: U, path: string) => (await get(who, `/api/v1/analytics/${path}`).expect(200)).body;
  const stage = (zh: string) => stages.find((s) => s.nameZh === zh)!.id;
  const opp = async (who: U, accountId: string, amount: string, extra: Record<string, unknown> = {}) =>
    (await post(who, '/api/v1/opportunities', { name: `商机 ${++seq}`, accountId, amount, expectedCloseDate: `${nextMonth}-15`, ...extra }).expect(201)).body.id as string;
  const move = (who: U, id: string, zh: string, extra: Record<string, unknown> = {}) => post(who, `/api/v1/opportunities/${id}/move`, { stageId: stage(zh), ...extra }).expect(200);
  const signed = async (who: U, accountId: string, amount: string, extra: Record<string, unknown>) => {
    const c = (await post(who, '/api/v1/contracts', { accountId, title: `合同 ${++seq}`, amount, ...extra }).expect(201)).body;
    await post(who, `/api/v1/contracts/${c.id}/submit`).expect(200);
    return c.id as string;
  };
  const pay = (contractId: string, amount: string, receivedDate: string) =>
    post(admin, '/api/v1/payments', { contractId, amount, receivedDate, method: 'bank_transfer' }).expect(201);

  beforeAll(async () => {
    t = await startApp();
    org = await buildOrg(t);
    const cfg = t.app.get<AppConfig>(APP_CONFIG);
    today = new Intl.DateTimeFormat('en-CA', { timeZone: cfg.timezone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
    thisMonth = today.slice(0, 7);
    const [y, m] = thisMonth.split('-').map(Number);
    nextMonth = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
    admin = { id: '', token: org.adminToken };
    manager = await createUser(t, org, { role: 'sales_manager', departmentId: org.depts.east, name: 'East Manager' });
    repA = await createUser(t, org, { role: 'sales_rep', departmentId: org.depts.east, name: 'Rep A' });
    repB = await createUser(t, org, { role: 'sales_rep', departmentId: org.depts.south, name: 'Rep B' });
    agent = await createUser(t, org, { role: 'service_agent', departmentId: org.depts.service, name: 'Agent' });
    await post(admin, '/api/v1/exchange-rates', { currency: 'USD', rate: '7.0', effectiveDate: '2025-01-01' }).expect(201);
    await post(admin, '/api/v1/exchange-rates', { currency: 'USD', rate: '7.5', effectiveDate: '2026-06-01' }).expect(201);
    accA = (await post(repA, '/api/v1/accounts', { name: '上海云启科技有限公司' }).expect(201)).body.id;
    accB = (await post(repB, '/api/v1/accounts', { name: '深圳海纳百川贸易有限公司' }).expect(201)).body.id;
    stages = ((await get(repA, '/api/v1/pipelines').expect(200)).body.data as { isDefault: boolean; stages: Stage[] }[]).find((p) => p.isDefault)!.stages;

    // opportunities: A1 stays in the first stage, A2 reaches 方案报价, A3 (USD) is won skipping two stages, A4 is lost; B1 stays
    await opp(repA, accA, '10000');
    const a2 = await opp(repA, accA, '20000');
    await move(repA, a2, '需求确认');
    await move(repA, a2, '方案报价');
    const a3 = await opp(repA, accA, '1000', { currency: 'USD' });
    await move(repA, a3, '谈判审核');
    await move(repA, a3, '赢单');
    const a4 = await opp(repA, accA, '30000');
    await move(repA, a4, '需求确认');
    await move(repA, a4, '输单', { lostReason: '价格' });
    await opp(repB, accB, '5000');

    // payments: a straight line 1000, 1100, … 2200 CNY from 2025-10 to 2026-10 on A's contract; B's USD contract paid at two rates
    const line = await signed(repA, accA, '20800', { signDate: '2025-09-01' });
    for (let i = 0; i < 13; i++) {
      const month = new Date(Date.UTC(2025, 9 + i, 15)).toISOString().slice(0, 10);
      await pay(line, String(1000 + 100 * i), month);
    }
    const usd = await signed(repB, accB, '1000', { currency: 'USD', signDate: '2026-03-01' });
    await pay(usd, '500', '2026-03-10');
    await pay(usd, '500', '2026-07-10');
    // receivables: 6000 in three installments, 500 paid on the first
    const open = await signed(repA, accA, '6000', { signDate: '2026-09-01' });
    await post(admin, `/api/v1/contracts/${open}/payment-plans`, {
      installments: [
        { dueDate: '2026-09-15', amount: '2000' },
        { dueDate: '2026-11-10', amount: '2000' },
        { dueDate: '2026-12-31', amount: '2000' },
      ],
    }).expect(201);
    await pay(open, '500', '2026-10-01');

    // leads and activities today; a campaign with a cost
    campaignId = (await post(admin, '/api/v1/campaigns', { name: '双十一', type: 'event', startDate: '2026-09-01', actualCost: '300' }).expect(201)).body.id;
    await post(repA, '/api/v1/leads', { name: '线索一', source: 'web' }).expect(201);
    await post(repA, '/api/v1/leads', { name: '线索二', source: 'campaign', campaignId }).expect(201);
    await post(repA, '/api/v1/activities', { type: 'call', content: '回访', accountId: accA }).expect(201);
    await post(repA, '/api/v1/activities', { type: 'visit', content: '拜访', accountId: accA }).expect(201);
  }, 120000);

  afterAll(async () => {
    await t?.close();
  });

  it('funnel: reach per stage, conversion, win rate, amounts in the base currency; a rep sees only their own', async () => {
    const all = await figures(admin, `funnel?from=${today}&to=${today}`);
    expect(all.baseCurrency).toBe('CNY');
    // A3 is 1000 USD closing next month: 7.5 → 7500
    expect(all.steps.map((s: { nameZh: string; count: number; amount: number; conversionRate: number | null }) => [s.nameZh, s.count, s.amount, s.conversionRate])).toEqual([
      ['初步接洽', 5, 72500, null],
      ['需求确认', 3, 57500, 0.6],
      ['方案报价', 2, 27500, 0.6667],
      ['谈判审核', 1, 7500, 0.5],
      ['赢单', 1, 7500, 1],
    ]);
    expect(all).toMatchObject({ won: 1, lost: 1, winRate: 0.5, missingRates: [] });
    expect(all.steps[0].medianDays).toBe(0);
    const rep = await figures(repA, `funnel?from=${today}&to=${today}`);
    expect(rep.steps.map((s: { count: number }) => s.count)).toEqual([4, 3, 2, 1, 1]);
    const other = await figures(repB, `funnel?from=${today}&to=${today}`);
    expect(other.steps.map((s: { count: number; amount: number }) => [s.count, s.amount])[0]).toEqual([1, 5000]);
    // the manager of East sees East (rep A), not South
    expect((await figures(manager, `funnel?from=${today}&to=${today}`)).steps[0].count).toBe(4);
    // a filter cannot widen the scope
    expect((await figures(repB, `funnel?from=${today}&to=${today}&ownerId=${repA.id}`)).steps[0].count).toBe(0);
    await get(agent, '/api/v1/analytics/funnel').expect(403);
    const bad = await get(admin, '/api/v1/analytics/funnel?from=2026-12-01&to=2026-11-01').expect(400);
    expect(bad.body.code).toBe('ANALYTICS_RANGE_INVALID');
  });

  it('sales targets: per user and department with attainment; scope and duplicates', async () => {
    await post(repA, '/api/v1/sales-targets', { period: thisMonth, userId: repA.id, amount: '10000' }).expect(403);
    const ta = (await post(manager, '/api/v1/sales-targets', { period: thisMonth, userId: repA.id, amount: '10000' }).expect(201)).body;
    expect(ta).toMatchObject({ period: thisMonth, userId: repA.id, userName: 'Rep A', amount: '10000.00', currency: 'CNY', achieved: '7500.00', attainment: 75 });
    const out = await post(manager, '/api/v1/sales-targets', { period: thisMonth, userId: repB.id, amount: '5000' }).expect(403);
    expect(out.body.code).toBe('SALES_TARGET_OUT_OF_SCOPE');
    expect((await post(manager, '/api/v1/sales-targets', { period: thisMonth, userId: repA.id, amount: '1' }).expect(409)).body.code).toBe('SALES_TARGET_EXISTS');
    expect((await post(manager, '/api/v1/sales-targets', { period: thisMonth, amount: '1' }).expect(400)).body.code).toBe('SALES_TARGET_HOLDER_REQUIRED');
    await post(admin, '/api/v1/sales-targets', { period: thisMonth, userId: repB.id, amount: '5000' }).expect(201);
    await post(admin, '/api/v1/sales-targets', { period: thisMonth, departmentId: org.depts.east, amount: '20000' }).expect(201);
    const mine = (await get(repA, '/api/v1/sales-targets').expect(200)).body;
    expect(mine.data.map((x: { userId: string }) => x.userId)).toEqual([repA.id]);
    await t.http.patch(`/api/v1/sales-targets/${ta.id}`).set(bearer(manager.token)).send({ amount: '10000', version: 99 }).expect(412);
  });

  it('forecast: categories and weighted amounts by close month against quota, with the adjusted forecast history', async () => {
    const all = await figures(admin, `forecast?from=${today}`);
    expect(all.periods).toHaveLength(6);
    const [now, next] = all.periods;
    expect(now.period).toBe(thisMonth);
    expect(now.categories.closed).toEqual({ count: 1, amount: 7500, weighted: 7500 });
    // quota without filters: the user targets in scope (A 10000 + B 5000)
    expect(now).toMatchObject({ quota: 15000, attainment: 0.5, gap: 7500 });
    expect(next.period).toBe(nextMonth);
    expect(next.categories.pipeline).toEqual({ count: 2, amount: 15000, weighted: 1500 });
    expect(next.categories.best_case).toEqual({ count: 1, amount: 20000, weighted: 10000 });
    expect(next.categories.omitted).toEqual({ count: 1, amount: 30000, weighted: 0 });
    expect(next.weighted).toBe(11500);
    expect(all.byUser.find((u: { id: string }) => u.id === repB.id).periods[1].categories.pipeline).toEqual({ count: 1, amount: 5000, weighted: 500 });
    const rep = await figures(repA, `forecast?from=${today}&ownerId=${repA.id}`);
    expect(rep.periods[0]).toMatchObject({ quota: 10000, attainment: 0.75, gap: 2500 });
    expect(rep.byUser.map((u: { id: string }) => u.id)).toEqual([repA.id]);
    // the department's own target counts when filtering by the department
    expect((await figures(manager, `forecast?from=${today}&departmentId=${org.depts.east}`)).periods[0].quota).toBe(20000);

    await post(manager, '/api/v1/analytics/forecast/adjustments', { period: nextMonth, departmentId: org.depts.east, amount: '12000', note: '首版' }).expect(201);
    await post(manager, '/api/v1/analytics/forecast/adjustments', { period: nextMonth, departmentId: org.depts.east, amount: '14000', note: '大单提前' }).expect(201);
    await post(manager, '/api/v1/analytics/forecast/adjustments', { period: nextMonth, departmentId: org.depts.south, amount: '1' }).expect(403);
    await post(repA, '/api/v1/analytics/forecast/adjustments', { period: nextMonth, userId: repA.id, amount: '1' }).expect(403);
    const history = (await get(manager, `/api/v1/analytics/forecast/adjustments?period=${nextMonth}&departmentId=${org.depts.east}`).expect(200)).body.data;
    expect(history.map((a: { amount: number; note: string }) => [a.amount, a.note])).toEqual([[14000, '大单提前'], [12000, '首版']]);
    const team = await figures(manager, `forecast?from=${today}&departmentId=${org.depts.east}`);
    expect(team.periods[1].adjustment).toMatchObject({ amount: 14000, createdByName: 'East Manager' });
    const quarter = await figures(admin, `forecast?from=${today}&interval=quarter`);
    expect(quarter.periods.length).toBeGreaterThanOrEqual(2);
  });

  it('statistical forecast: Holt on the monthly payments with a 6-month backtest MAPE; too little history says so', async () => {
    const f = await figures(admin, `forecast/statistical?series=payments&ownerId=${repA.id}&to=2026-11-30`);
    // A's October also holds the 500 paid on the open contract: 2700 against the line's 2200 → MAPE = 500 / 2700 / 6 = 3.09 %
    expect(f).toMatchObject({ status: 'ok', method: 'holt-linear', months: 13, minimumMonths: 8, mape: 3.09 });
    expect(f.backtest.map((b: { period: string; actual: number; forecast: number }) => [b.period, b.actual, b.forecast])).toEqual([
      ['2026-05', 1700, 1700],
      ['2026-06', 1800, 1800],
      ['2026-07', 1900, 1900],
      ['2026-08', 2000, 2000],
      ['2026-09', 2100, 2100],
      ['2026-10', 2700, 2200],
    ]);
    expect(f.forecast.map((p: { period: string }) => p.period)).toEqual(['2026-11', '2026-12', '2027-01']);
    for (const p of f.forecast) expect(p.low <= p.value && p.value <= p.high).toBe(true);
    // the line alone (B's figures hold no part of it): a line's backtest is exact
    const line = await figures(admin, `forecast/statistical?series=payments&ownerId=${repA.id}&to=2026-10-31`);
    expect(line).toMatchObject({ status: 'ok', months: 12, mape: 0 });
    expect(line.forecast.map((p: { value: number }) => p.value)).toEqual([2200, 2300, 2400]);
  });

  it('statistical forecast: under 8 months of history it does not invent a trend', async () => {
    const won = await figures(admin, `forecast/statistical?series=won&to=2026-11-30`);
    expect(won).toMatchObject({ status: 'insufficient_history', months: 0, minimumMonths: 8, forecast: [], mape: null });
    const b = await figures(repB, `forecast/statistical?series=payments&to=2026-08-31`);
    // B's payments: 2026-03 (3500 at 7.0) … 2026-07 (3750 at 7.5): 5 complete months from the first before August
    expect(b).toMatchObject({ status: 'insufficient_history', months: 5 });
    expect(b.history.map((h: { actual: number }) => h.actual)).toEqual([3500, 0, 0, 0, 3750]);
  });

  it('revenue: won, contracted and received by month against the targets, converted at each record day', async () => {
    const r = await figures(admin, `revenue?from=2025-12-01&to=${today}`);
    const month = (p: string) => r.months.find((m: { period: string }) => m.period === p);
    expect(month('2026-03')).toMatchObject({ won: 0, contracted: 7000, received: 3500 + 1500, target: null });
    expect(month('2026-07')).toMatchObject({ received: 3750 + 1900 });
    expect(month('2026-09')).toMatchObject({ contracted: 6000, received: 2100 });
    expect(month('2026-10')).toMatchObject({ received: 2200 + 500 });
    expect(month(thisMonth)).toMatchObject({ won: 7500, target: 15000, attainment: 0.5 });
    const b = await figures(repB, `revenue?from=2025-12-01&to=${today}`);
    expect(b.months.reduce((s: number, m: { received: number }) => s + m.received, 0)).toBe(7250);
  });

  it('leaderboard and lead sources', async () => {
    const board = (await figures(admin, `leaderboard?from=${today}&to=${today}`)).rows;
    expect(board[0]).toMatchObject({ userId: repA.id, name: 'Rep A', wonAmount: 7500, wonCount: 1, newOpportunities: 4, activities: 2, leads: 2, leadToWin: 0 });
    expect(board.find((r: { userId: string }) => r.userId === repB.id)).toMatchObject({ wonAmount: 0, newOpportunities: 1, activities: 0 });
    expect((await figures(repB, `leaderboard?from=${today}&to=${today}`)).rows.map((r: { userId: string }) => r.userId)).toEqual([repB.id]);
    const sources = await figures(admin, `lead-sources?from=${today}&to=${today}`);
    expect(sources.bySource.find((s: { key: string }) => s.key === 'web')).toMatchObject({ leads: 1, converted: 0 });
    expect(sources.byCampaign).toEqual([{ key: campaignId, name: '双十一', leads: 1, converted: 0, wonAmount: 0, cost: 300, costPerLead: 300 }]);
  });

  it('receivables: aging on the last day and the overdue trend per month end', async () => {
    const r = await figures(admin, 'receivables?from=2026-09-01&to=2026-11-30');
    expect(r.aging).toEqual([
      { bucket: 'current', count: 1, amount: 2000 },
      { bucket: 'd1_30', count: 1, amount: 2000 },
      { bucket: 'd31_60', count: 0, amount: 0 },
      { bucket: 'd61_90', count: 1, amount: 1500 },
      { bucket: 'd90_plus', count: 0, amount: 0 },
    ]);
    expect(r.overdueTrend).toEqual([
      // the line contract's single installment (20800 due on signing) still owed 2200 at the end of September
      { date: '2026-09-30', count: 2, amount: 4200 },
      { date: '2026-10-31', count: 1, amount: 1500 },
      { date: '2026-11-30', count: 2, amount: 3500 },
    ]);
    expect((await figures(repB, 'receivables?from=2026-09-01&to=2026-11-30')).aging.every((b: { count: number }) => b.count === 0)).toBe(true);
  });

  it('service: tickets per week, SLA compliance, medians and CSAT, by team and type', async () => {
    const clock = t.app.get(TicketClock);
    const sla = t.app.get(TicketSlaService);
    const ticket = async (body: Record<string, unknown>) => (await post(admin, '/api/v1/tickets', { subject: `工单 ${++seq}`, ...body }).expect(201)).body;
    clock.set('2026-11-02T10:00:00+08:00');
    const quick = await ticket({ type: 'inquiry' });
    const slow = await ticket({ type: 'fault' });
    await ticket({ type: 'complaint', accountId: accA });
    clock.set('2026-11-02T10:10:00+08:00');
    await post(admin, `/api/v1/tickets/${quick.id}/comments`, { body: '已处理', visibility: 'public' }).expect(201);
    clock.set('2026-11-02T10:20:00+08:00');
    const q = (await post(admin, `/api/v1/tickets/${quick.id}/status`, { status: 'resolved' }).expect(200)).body;
    clock.set('2026-12-02T10:00:00+08:00');
    await sla.escalate(new Date('2026-12-02T02:00:00Z'));
    const s = (await post(admin, `/api/v1/tickets/${slow.id}/status`, { status: 'resolved' }).expect(200)).body;
    expect(s.resolutionBreached).toBe(true);
    await t.http.post(`/api/v1/public/surveys/${q.surveyToken}`).send({ rating: 5 }).expect(200);
    await t.http.post(`/api/v1/public/surveys/${s.surveyToken}`).send({ rating: 2 }).expect(200);
    clock.set(new Date().toISOString());
    const r = await figures(admin, 'service?from=2026-11-01&to=2026-12-31');
    expect(r.weeks).toEqual([
      { week: '2026-11-02', opened: 3, resolved: 1 },
      { week: '2026-11-30', opened: 0, resolved: 1 },
    ]);
    expect(r.overall).toMatchObject({ opened: 3, resolved: 2, slaTracked: 2, slaMet: 1, slaCompliance: 50, csatAverage: 3.5, csatDistribution: [0, 1, 0, 0, 1] });
    // resolution: 20 minutes and 30 days → median (1200 s + 2592000 s) / 2
    expect(r.overall.medianResolutionHours).toBe(360.17);
    expect(r.byType.find((x: { key: string }) => x.key === 'fault')).toMatchObject({ opened: 1, slaTracked: 1, slaMet: 0, slaCompliance: 0 });
    expect((await figures(repA, 'service?from=2026-11-01&to=2026-12-31')).overall.opened).toBe(0);
  });

  it('customer value: RFM grades written back to the level; the churn list; each in its scope', async () => {
    const v = await figures(admin, 'customer-value?from=2025-09-01&to=2026-11-30');
    expect(v.accounts.map((a: Record<string, unknown>) => [a.name, a.recencyDays, a.frequency, a.monetary, a.r, a.f, a.m, a.grade])).toEqual([
      // A: 14 payments + 2 contracts, 20800 + 500, last payment 2026-10-15
      ['上海云启科技有限公司', 46, 16, 21300, 3, 3, 3, 'C'],
      // B: 2 payments + 1 contract, 3500 + 3750, last 2026-07-10
      ['深圳海纳百川贸易有限公司', 143, 3, 7250, 1, 1, 1, 'D'],
    ]);
    expect(v.grades).toEqual({ A: 0, B: 0, C: 1, D: 1 });
    expect(v.accountsTotal).toBe(2);
    // limit: a sample of the accounts (the first of the grade order here), the counts still of all
    const one = await figures(admin, 'customer-value?from=2025-09-01&to=2026-11-30&limit=1');
    expect(one.accounts.map((a: { name: string }) => a.name)).toEqual(['上海云启科技有限公司']);
    expect([one.accountsTotal, one.grades]).toEqual([2, { A: 0, B: 0, C: 1, D: 1 }]);
    expect((await t.http.get('/api/v1/analytics/customer-value?limit=0').set(bearer(admin.token)).expect(400)).body.errors[0]).toMatchObject({ field: 'limit' });
    expect(v.churnRisk.find((c: { accountId: string }) => c.accountId === accA)).toMatchObject({ overdueInstallments: 2, openComplaints: 1, reasons: ['overdue', 'complaints'] });
    const mine = await figures(repB, 'customer-value?from=2025-09-01&to=2026-11-30');
    expect(mine.accounts.map((a: { accountId: string }) => a.accountId)).toEqual([accB]);
    expect(mine.churnRisk).toEqual([]);
    await post(agent, '/api/v1/analytics/customer-value/apply-grades?from=2025-09-01&to=2026-11-30', {}).expect(403);
    // finance reads every figure but may not change accounts: applying grades needs accounts:update as well
    const finance = await createUser(t, org, { role: 'finance', departmentId: org.depts.east, name: 'Finance' });
    const refused = await post(finance, '/api/v1/analytics/customer-value/apply-grades?from=2025-09-01&to=2026-11-30', {}).expect(403);
    expect(refused.body.detail).toContain('accounts:update');
    const applied = (await post(admin, '/api/v1/analytics/customer-value/apply-grades?from=2025-09-01&to=2026-11-30', {}).expect(200)).body;
    expect(applied).toEqual({ updated: 2, unchanged: 0 });
    expect((await get(admin, `/api/v1/accounts/${accA}`).expect(200)).body.level).toBe('C');
    expect((await get(admin, `/api/v1/accounts/${accB}`).expect(200)).body.level).toBe('D');
    // the report shows the written levels at once (applying grades clears the analytics cache)
    const again = await figures(admin, 'customer-value?from=2025-09-01&to=2026-11-30');
    expect(again.accounts.map((a: { level: string }) => a.level)).toEqual(['C', 'D']);
  });
  it('sums stay exact: per-day groups are converted and added as decimals and rounded once (no cent of drift)', async () => {
    // three opportunities closing on three days of 2030-01, 10.05 each at the first stage's 10 %: 1.005 weighted apiece.
    // Rounding each day's group before adding (1.01 × 3 = 3.03) or adding floats drifts; the exact sum is 3.015 → 3.02.
    for (const day of ['03', '04', '05']) await opp(repB, accB, '10.05', { expectedCloseDate: `2030-01-${day}` });
    // two of 0.01 USD on two days at 7.5: 0.075 each, 0.15 together (0.08 + 0.08 = 0.16 when rounded per day)
    for (const day of ['06', '07']) await opp(repB, accB, '0.01', { currency: 'USD', expectedCloseDate: `2030-02-${day}` });
    const f = await figures(admin, `forecast?from=2030-01-01&ownerId=${repB.id}`);
    expect(f.periods[0].categories.pipeline).toEqual({ count: 3, amount: 30.15, weighted: 3.02 });
    expect(f.periods[0].weighted).toBe(3.02);
    expect(f.periods[1].categories.pipeline).toEqual({ count: 2, amount: 0.15, weighted: 0.02 });
    expect(f.byUser.find((u: { id: string }) => u.id === repB.id).periods[0].categories.pipeline.weighted).toBe(3.02);
  });
  it('the lists behind the charts take the figures\' filters: won in a month, signed and received in a month, SLA missed or met in a period', async () => {
    const won = (await get(admin, `/api/v1/opportunities?stageKind=won&wonMonth=${thisMonth}`).expect(200)).body.data;
    expect(won.map((o: { amount: string; currency: string }) => [o.amount, o.currency])).toEqual([['1000.00', 'USD']]);
    expect((await get(admin, '/api/v1/opportunities?stageKind=won&wonMonth=2020-01').expect(200)).body.data).toEqual([]);
    expect((await get(admin, '/api/v1/opportunities?wonMonth=2026-13').expect(400)).body.errors[0].field).toBe('wonMonth');
    // the opportunities page once sent its own `pipeline` parameter: the list API names it pipelineId and refuses others
    expect((await get(admin, `/api/v1/opportunities?pipeline=${stages[0].id}`).expect(400)).body.errors[0].field).toBe('pipeline');
    const sept = (await get(admin, '/api/v1/contracts?signDateFrom=2026-09-01&signDateTo=2026-09-30').expect(200)).body.data;
    expect(sept.map((c: { amount: string }) => c.amount)).toEqual(['6000.00']);
    const oct = (await get(admin, '/api/v1/payments?receivedDateFrom=2026-10-01&receivedDateTo=2026-10-31').expect(200)).body.data;
    expect(oct.map((p: { amount: string }) => p.amount).sort()).toEqual(['2200.00', '500.00']);
    // the service test's tickets: 3 opened on 2026-11-02, one resolved in time, one resolved late, a complaint still open
    const missed = (await get(admin, '/api/v1/tickets?slaOutcome=missed&openedDateFrom=2026-11-01&openedDateTo=2026-12-31').expect(200)).body.data;
    expect(missed.map((x: { type: string }) => x.type)).toEqual(['fault']);
    const met = (await get(admin, '/api/v1/tickets?slaOutcome=met&openedDateFrom=2026-11-01&openedDateTo=2026-12-31').expect(200)).body.data;
    expect(met.map((x: { type: string }) => x.type)).toEqual(['inquiry']);
    expect((await get(admin, '/api/v1/tickets?slaOutcome=met&openedDateFrom=2026-11-03').expect(200)).body.data).toEqual([]);
    expect((await get(admin, '/api/v1/tickets?openedDateFrom=2026-11-01&openedDateTo=2026-11-02').expect(200)).body.total).toBe(3);
    expect((await get(admin, '/api/v1/tickets?slaOutcome=late').expect(400)).body.errors[0].field).toBe('slaOutcome');
    // a sales rep has no tickets access at all
    await get(repB, '/api/v1/tickets?slaOutcome=missed').expect(403);
  });

  it('overdue trend: a reversal makes what it undid overdue again from its own day; a later payment settles oldest first', async () => {
    const repC = await createUser(t, org, { role: 'sales_rep', departmentId: org.depts.east, name: 'Rep C' });
    const acc = (await post(repC, '/api/v1/accounts', { name: '杭州逾期测试有限公司' }).expect(201)).body.id;
    const c = await signed(repC, acc, '3000', { signDate: '2026-06-01' });
    await post(admin, `/api/v1/contracts/${c}/payment-plans`, {
      installments: [
        { dueDate: '2026-06-15', amount: '1000' },
        { dueDate: '2026-07-15', amount: '2000' },
      ],
    }).expect(201);
    const first = (await pay(c, '1000', '2026-07-05')).body.id;
    await post(admin, `/api/v1/payments/${first}/reverse`, { receivedDate: '2026-08-20' }).expect((res) => expect([200, 201]).toContain(res.status));
    await pay(c, '1500', '2026-09-10');
    const r = await figures(admin, `receivables?from=2026-06-01&to=2026-09-30&ownerId=${repC.id}`);
    expect(r.overdueTrend).toEqual([
      { date: '2026-06-30', count: 1, amount: 1000 }, // the first, due 06-15, not paid yet
      { date: '2026-07-31', count: 1, amount: 2000 }, // the first paid on 07-05; the second due 07-15
      { date: '2026-08-31', count: 2, amount: 3000 }, // the reversal of 08-20 reopens the first
      { date: '2026-09-30', count: 1, amount: 1500 }, // 09-10: the first settled again, 500 on the second
    ]);
  });
});
