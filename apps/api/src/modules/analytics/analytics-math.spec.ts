import { funnelSteps, median, winRate } from './funnel';
import { categoryOf, forecastPeriods, monthsBetween, monthsFrom } from './forecast-categories';
import { holtForecast, statisticalForecast } from './holt';
import { evenSample, gradeOf, quintiles, rfmScores } from './rfm';

describe('funnel', () => {
  const stages = [
    { id: 'a', position: 0, kind: 'open' as const },
    { id: 'b', position: 1, kind: 'open' as const },
    { id: 'won', position: 2, kind: 'won' as const },
    { id: 'lost', position: 3, kind: 'lost' as const },
  ];
  it.each([
    {
      name: 'counts an opportunity in every stage up to the furthest it reached',
      groups: [
        { maxPosition: 0, count: 2, amount: 200 },
        { maxPosition: 1, count: 1, amount: 100 },
        { maxPosition: 2, count: 1, amount: 50 },
      ],
      want: [
        { stageId: 'a', count: 4, amount: 350, conversionRate: null },
        { stageId: 'b', count: 2, amount: 150, conversionRate: 0.5 },
        { stageId: 'won', count: 1, amount: 50, conversionRate: 0.5 },
      ],
    },
    {
      name: 'an empty funnel has no conversion rates',
      groups: [],
      want: [
        { stageId: 'a', count: 0, amount: 0, conversionRate: null },
        { stageId: 'b', count: 0, amount: 0, conversionRate: null },
        { stageId: 'won', count: 0, amount: 0, conversionRate: null },
      ],
    },
  ])('$name', ({ groups, want }) => {
    const steps = funnelSteps(stages, groups, new Map([['a', 86400 * 3.5]]));
    expect(steps.map(({ stageId, count, amount, conversionRate }) => ({ stageId, count, amount, conversionRate }))).toEqual(want);
    expect(steps.map((s) => s.medianDays)).toEqual([3.5, null, null]);
  });
  it.each([
    [[], null],
    [[3], 3],
    [[5, 1, 3], 3],
    [[4, 1, 2, 3], 2.5],
  ])('median of %j is %p', (values, want) => expect(median(values)).toBe(want));
  it.each([
    [0, 0, null],
    [1, 3, 0.25],
    [2, 1, 0.6667],
  ])('win rate of %i won and %i lost is %p', (won, lost, want) => expect(winRate(won, lost)).toBe(want));
});

describe('forecast categories', () => {
  it.each([
    ['won', 'pipeline', 'closed'],
    ['lost', 'commit', 'omitted'],
    ['open', 'best_case', 'best_case'],
    ['open', 'closed', 'commit'],
    ['open', 'omitted', 'omitted'],
  ] as const)('%s in a %s stage counts as %s', (kind, cat, want) => expect(categoryOf(kind, cat)).toBe(want));

  it('sums amounts and weighted amounts per category, won at 100%, against the quota', () => {
    const [p] = forecastPeriods(
      ['2026-12'],
      [
        { period: '2026-12', stageKind: 'open', stageCategory: 'pipeline', count: 2, amount: 1000, weighted: 100 },
        { period: '2026-12', stageKind: 'open', stageCategory: 'commit', count: 1, amount: 500, weighted: 400 },
        { period: '2026-12', stageKind: 'won', stageCategory: 'closed', count: 1, amount: 300, weighted: 300 },
        { period: '2026-12', stageKind: 'lost', stageCategory: 'omitted', count: 1, amount: 700, weighted: 0 },
        { period: '2027-01', stageKind: 'open', stageCategory: 'commit', count: 9, amount: 9, weighted: 9 },
      ],
      new Map([['2026-12', 1200]]),
    );
    expect(p.categories.pipeline).toEqual({ count: 2, amount: 1000, weighted: 100 });
    expect(p.categories.commit).toEqual({ count: 1, amount: 500, weighted: 400 });
    expect(p.categories.closed).toEqual({ count: 1, amount: 300, weighted: 300 });
    expect(p.categories.omitted.amount).toBe(700);
    expect(p.weighted).toBe(800);
    expect(p).toMatchObject({ quota: 1200, attainment: 0.25, gap: 900 });
  });
  it('months', () => {
    expect(monthsFrom('2026-11', 3)).toEqual(['2026-11', '2026-12', '2027-01']);
    expect(monthsBetween('2026-10-15', '2027-01-02')).toEqual(['2026-10', '2026-11', '2026-12', '2027-01']);
  });
});

describe("Holt's linear trend", () => {
  const months = (n: number) => monthsFrom('2025-01', n);
  it('continues an exact linear series exactly', () => {
    expect(holtForecast([10, 20, 30, 40, 50], 3).map((v) => Math.round(v * 1000) / 1000)).toEqual([60, 70, 80]);
  });
  it.each([
    { name: 'no history', values: [], months: 0 },
    { name: '7 months after leading empty months', values: [0, 0, 1, 2, 3, 4, 5, 6, 7], months: 7 },
  ])('says insufficient history with $name', ({ values, months: n }) => {
    const r = statisticalForecast(values.map((actual, i) => ({ period: months(values.length)[i], actual })), ['2026-01']);
    expect(r).toMatchObject({ status: 'insufficient_history', months: n, minimumMonths: 8 });
  });
  it('backtests the last 6 months from the months before each only (MAPE 0 on a line)', () => {
    const values = [100, 110, 120, 130, 140, 150, 160, 170, 180, 190];
    const r = statisticalForecast(values.map((actual, i) => ({ period: months(10)[i], actual })), ['2025-11', '2025-12', '2026-01']);
    if (r.status !== 'ok') throw new Error('expected a forecast');
    expect(r.backtest.map((b) => [b.period, b.actual, b.forecast])).toEqual([
      ['2025-05', 140, 140],
      ['2025-06', 150, 150],
      ['2025-07', 160, 160],
      ['2025-08', 170, 170],
      ['2025-09', 180, 180],
      ['2025-10', 190, 190],
    ]);
    expect(r.mape).toBe(0);
    expect(r.forecast.map((f) => f.value)).toEqual([200, 210, 220]);
  });
  it('a forecast never uses the month it forecasts (changing a later month leaves earlier backtests alone)', () => {
    const a = [100, 130, 90, 150, 120, 160, 140, 170, 150, 200];
    const b = [...a.slice(0, 9), 900];
    const fa = statisticalForecast(a.map((actual, i) => ({ period: months(10)[i], actual })), ['x']);
    const fb = statisticalForecast(b.map((actual, i) => ({ period: months(10)[i], actual })), ['x']);
    if (fa.status !== 'ok' || fb.status !== 'ok') throw new Error('expected forecasts');
    expect(fb.backtest.map((x) => x.forecast)).toEqual(fa.backtest.map((x) => x.forecast));
    expect(fa.mape).toBeGreaterThan(0);
  });
});

describe('RFM', () => {
  it.each([
    [[7], [5]],
    [[1, 2], [1, 3]],
    [[1, 2, 3, 4, 5], [1, 2, 3, 4, 5]],
    [[5, 5, 1, 1, 3], [4, 4, 1, 1, 3]],
  ])('quintiles of %j are %j', (values, want) => expect(quintiles(values)).toEqual(want));
  it.each([
    [15, 'A'],
    [13, 'A'],
    [12, 'B'],
    [10, 'B'],
    [9, 'C'],
    [7, 'C'],
    [6, 'D'],
    [3, 'D'],
  ] as const)('a score of %i is grade %s', (total, grade) => expect(gradeOf(total)).toBe(grade));
  it('grades accounts by recency, frequency and monetary value', () => {
    const rows = [
      { accountId: 'best', recencyDays: 1, frequency: 9, monetary: 9000 },
      { accountId: 'b', recencyDays: 10, frequency: 5, monetary: 5000 },
      { accountId: 'c', recencyDays: 30, frequency: 3, monetary: 3000 },
      { accountId: 'd', recencyDays: 60, frequency: 2, monetary: 2000 },
      { accountId: 'worst', recencyDays: 400, frequency: 1, monetary: 100 },
    ];
    expect(rfmScores(rows).map((s) => [s.accountId, s.r, s.f, s.m, s.grade])).toEqual([
      ['best', 5, 5, 5, 'A'],
      ['b', 4, 4, 4, 'B'],
      ['c', 3, 3, 3, 'C'],
      ['d', 2, 2, 2, 'D'],
      ['worst', 1, 1, 1, 'D'],
    ]);
  });
});

describe('evenSample', () => {
  it('keeps a short list, and samples a long one evenly with its first and last row, in order', () => {
    const rows = Array.from({ length: 10 }, (_, i) => i);
    expect(evenSample(rows, 10)).toEqual(rows);
    expect(evenSample(rows, 20)).toEqual(rows);
    expect(evenSample(rows, 4)).toEqual([0, 3, 6, 9]);
    expect(evenSample(rows, 2)).toEqual([0, 9]);
    expect(evenSample(rows, 1)).toEqual([0]);
    const big = Array.from({ length: 100_001 }, (_, i) => i);
    const s = evenSample(big, 1000);
    expect(s).toHaveLength(1000);
    expect([s[0], s[999]]).toEqual([0, 100_000]);
    expect(s.every((v, i) => i === 0 || v > s[i - 1])).toBe(true);
  });
});
