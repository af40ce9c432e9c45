import type { EChartsOption } from 'echarts';
import type { CsvCell } from '@/lib/csv';
import type { CustomerValue, Forecast, Funnel, Leaderboard, Receivables, Revenue, Service, Statistical } from '../api';

type T = (key: string, params?: Record<string, unknown>) => string;
export interface ChartData {
  option: EChartsOption | null;
  csv: { header: string[]; rows: CsvCell[][] } | null;
  empty: boolean;
}

const GRADE_COLORS: Record<string, string> = { A: '#2f7a2f', B: '#409eff', C: '#e6a23c', D: '#f56c6c' };
export const AGING_COLORS = ['#67c23a', '#e6a23c', '#f89898', '#f56c6c', '#c45656'];

/** Funnel: one block per stage reached, label with count and conversion. */
export function funnelChart(f: Funnel, t: T, zh: boolean): ChartData {
  const steps = f.steps;
  const name = (s: Funnel['steps'][number]) => (zh ? s.nameZh : s.nameEn);
  return {
    empty: !steps.length || steps[0].count === 0,
    option: {
      tooltip: { trigger: 'item', formatter: '{b}: {c}' },
      series: [
        {
          type: 'funnel',
          sort: 'none',
          left: '10%',
          width: '80%',
          label: { formatter: '{b}  {c}' },
          data: steps.map((s) => ({ name: name(s), value: s.count, stageId: s.stageId })),
        },
      ],
    },
    csv: {
      header: [t('analytics.cols.stage'), t('analytics.cols.count'), t('analytics.cols.amount'), t('analytics.cols.conversion'), t('analytics.cols.medianDays')],
      rows: steps.map((s) => [name(s), s.count, s.amount, s.conversionRate, s.medianDays]),
    },
  };
}

/** Holt's forecast: history, the backtest's one-step forecasts, the next months with a band (stacked area). */
export function statisticalChart(s: Statistical, t: T): ChartData {
  const periods = [...s.history.map((h) => h.period), ...s.forecast.map((f) => f.period)];
  const at = (p: string, list: { period: string }[], pick: (x: never) => number) => {
    const found = list.find((x) => x.period === p);
    return found ? pick(found as never) : null;
  };
  return {
    empty: s.status !== 'ok',
    option: {
      tooltip: { trigger: 'axis' },
      legend: { bottom: 0 },
      grid: { left: 60, right: 20, top: 20, bottom: 75 },
      xAxis: { type: 'category', data: periods },
      yAxis: { type: 'value' },
      series: [
        { name: t('analytics.series.actual'), type: 'line', data: periods.map((p) => at(p, s.history, (x: { actual: number }) => x.actual)) },
        { name: t('analytics.series.backtest'), type: 'line', lineStyle: { type: 'dotted' }, data: periods.map((p) => at(p, s.backtest, (x: { forecast: number }) => x.forecast)) },
        { name: 'low', type: 'line', stack: 'band', symbol: 'none', lineStyle: { opacity: 0 }, data: periods.map((p) => at(p, s.forecast, (x: { low: number }) => x.low)), tooltip: { show: false } },
        {
          name: t('analytics.series.band'),
          type: 'line',
          stack: 'band',
          symbol: 'none',
          lineStyle: { opacity: 0 },
          areaStyle: { color: 'rgba(64,158,255,0.2)' },
          data: periods.map((p) => at(p, s.forecast, (x: { low: number; high: number }) => x.high - x.low)),
        },
        { name: t('analytics.series.forecast'), type: 'line', lineStyle: { type: 'dashed' }, data: periods.map((p) => at(p, s.forecast, (x: { value: number }) => x.value)) },
      ],
    },
    csv: {
      header: [t('analytics.cols.period'), t('analytics.series.actual'), t('analytics.series.backtest'), t('analytics.series.forecast'), 'low', 'high'],
      rows: periods.map((p) => [
        p,
        at(p, s.history, (x: { actual: number }) => x.actual),
        at(p, s.backtest, (x: { forecast: number }) => x.forecast),
        at(p, s.forecast, (x: { value: number }) => x.value),
        at(p, s.forecast, (x: { low: number }) => x.low),
        at(p, s.forecast, (x: { high: number }) => x.high),
      ]),
    },
  };
}

/** Forecast categories per month (stacked bars) with the quota as a line. */
export function forecastChart(f: Forecast, t: T): ChartData {
  const cats = ['closed', 'commit', 'best_case', 'pipeline'] as const;
  return {
    empty: f.periods.every((p) => cats.every((c) => p.categories[c].count === 0)),
    option: {
      tooltip: { trigger: 'axis' },
      legend: { bottom: 0 },
      grid: { left: 60, right: 20, top: 20, bottom: 75 },
      xAxis: { type: 'category', data: f.periods.map((p) => p.period) },
      yAxis: { type: 'value' },
      series: [
        ...cats.map((c) => ({ name: t(`analytics.category.${c}`), type: 'bar' as const, stack: 'f', data: f.periods.map((p) => p.categories[c].amount) })),
        { name: t('analytics.series.weighted'), type: 'line' as const, data: f.periods.map((p) => p.weighted) },
        { name: t('analytics.series.quota'), type: 'line' as const, step: 'middle' as const, data: f.periods.map((p) => p.quota) },
      ],
    },
    csv: {
      header: [t('analytics.cols.period'), ...cats.map((c) => t(`analytics.category.${c}`)), t('analytics.series.weighted'), t('analytics.series.quota'), t('analytics.cols.attainment'), t('analytics.cols.gap')],
      rows: f.periods.map((p) => [p.period, ...cats.map((c) => p.categories[c].amount), p.weighted, p.quota, p.attainment, p.gap]),
    },
  };
}

/** Won, contracted and received per month as bars, the target as a line. */
export function revenueChart(r: Revenue, t: T): ChartData {
  const m = r.months;
  return {
    empty: m.every((x) => !x.won && !x.contracted && !x.received && !x.target),
    option: {
      tooltip: { trigger: 'axis' },
      legend: { bottom: 0 },
      grid: { left: 60, right: 20, top: 20, bottom: 75 },
      xAxis: { type: 'category', data: m.map((x) => x.period) },
      yAxis: { type: 'value' },
      series: [
        { name: t('analytics.series.won'), type: 'bar', data: m.map((x) => x.won) },
        { name: t('analytics.series.contracted'), type: 'bar', data: m.map((x) => x.contracted) },
        { name: t('analytics.series.received'), type: 'bar', data: m.map((x) => x.received) },
        { name: t('analytics.series.target'), type: 'line', step: 'middle', data: m.map((x) => x.target) },
      ],
    },
    csv: {
      header: [t('analytics.cols.period'), t('analytics.series.won'), t('analytics.series.contracted'), t('analytics.series.received'), t('analytics.series.target'), t('analytics.cols.attainment')],
      rows: m.map((x) => [x.period, x.won, x.contracted, x.received, x.target, x.attainment]),
    },
  };
}

/** Receivables: the aging buckets stacked on the last day, and the overdue outstanding per month end. */
export function agingChart(r: Receivables, t: T): ChartData {
  return {
    empty: r.aging.every((b) => b.count === 0) && r.overdueTrend.every((p) => p.count === 0),
    option: {
      tooltip: { trigger: 'axis' },
      legend: { bottom: 0 },
      grid: { left: 60, right: 20, top: 20, bottom: 75 },
      xAxis: { type: 'category', data: [...r.overdueTrend.map((p) => p.date.slice(0, 7)), t('analytics.aging.now')] },
      yAxis: { type: 'value' },
      series: [
        { name: t('analytics.aging.overdue'), type: 'bar', stack: 'a', itemStyle: { color: '#f56c6c' }, data: [...r.overdueTrend.map((p) => p.amount), null] },
        ...r.aging.map((b, i) => ({
          name: t(`analytics.aging.${b.bucket}`),
          type: 'bar' as const,
          stack: 'a',
          itemStyle: { color: AGING_COLORS[i] },
          data: [...r.overdueTrend.map(() => null), b.amount],
        })),
      ],
    },
    csv: {
      header: [t('analytics.cols.bucket'), t('analytics.cols.count'), t('analytics.cols.amount')],
      rows: [...r.aging.map((b) => [t(`analytics.aging.${b.bucket}`), b.count, b.amount]), ...r.overdueTrend.map((p) => [p.date, p.count, p.amount])],
    },
  };
}

/** Reps by won amount (horizontal bars). */
export function leaderboardChart(l: Leaderboard, t: T): ChartData {
  const rows = [...l.rows].slice(0, 15).reverse();
  return {
    empty: !l.rows.length,
    option: {
      tooltip: { trigger: 'axis' },
      grid: { left: 100, right: 20, top: 10, bottom: 30 },
      xAxis: { type: 'value' },
      yAxis: { type: 'category', data: rows.map((r) => r.name ?? '—') },
      series: [{ name: t('analytics.series.won'), type: 'bar', data: rows.map((r) => r.wonAmount) }],
    },
    csv: {
      header: [t('analytics.cols.rep'), t('analytics.series.won'), t('analytics.cols.wonCount'), t('analytics.cols.newOpportunities'), t('analytics.cols.activities'), t('analytics.cols.leads'), t('analytics.cols.leadToWin')],
      rows: l.rows.map((r) => [r.name, r.wonAmount, r.wonCount, r.newOpportunities, r.activities, r.leads, r.leadToWin]),
    },
  };
}

/** SLA compliance as a gauge. */
export function slaChart(s: Service, t: T): ChartData {
  const v = s.overall.slaCompliance;
  return {
    empty: v === null,
    option: {
      series: [{ type: 'gauge', min: 0, max: 100, detail: { formatter: '{value}%' }, data: [{ value: v ?? 0, name: t('analytics.sla') }] }],
    },
    csv: {
      header: [t('analytics.cols.key'), t('analytics.cols.opened'), t('analytics.cols.resolved'), t('analytics.sla'), t('analytics.cols.firstResponse'), t('analytics.cols.resolution'), t('analytics.csat')],
      rows: [s.overall, ...s.byTeam, ...s.byType].map((r) => [r.name ?? r.key ?? t('analytics.all'), r.opened, r.resolved, r.slaCompliance, r.medianFirstResponseHours, r.medianResolutionHours, r.csatAverage]),
    },
  };
}

/** CSAT: how many answers gave 1..5 stars. */
export function csatChart(s: Service, t: T): ChartData {
  const d = s.overall.csatDistribution;
  return {
    empty: d.every((n) => n === 0),
    option: {
      tooltip: { trigger: 'axis' },
      grid: { left: 40, right: 20, top: 20, bottom: 30 },
      xAxis: { type: 'category', data: ['1★', '2★', '3★', '4★', '5★'] },
      yAxis: { type: 'value', minInterval: 1 },
      series: [{ name: t('analytics.csat'), type: 'bar', data: d }],
    },
    csv: { header: [t('analytics.cols.rating'), t('analytics.cols.count')], rows: d.map((n, i) => [i + 1, n]) },
  };
}

/** RFM: recency (days) against monetary value, dot size by frequency, a series per grade. */
export function rfmChart(c: CustomerValue, t: T): ChartData {
  const grades = ['A', 'B', 'C', 'D'];
  return {
    empty: !c.accounts.length,
    option: {
      // a long list comes as an even sample (the API's `limit`): say so above the points
      title: c.accountsTotal > c.accounts.length ? { subtext: t('analytics.rfmSample', { shown: c.accounts.length, total: c.accountsTotal }), right: 10, top: -10 } : undefined,
      tooltip: { trigger: 'item', formatter: (p: unknown) => String((p as { data: [number, number, number, string] }).data[3]) },
      legend: { bottom: 0 },
      grid: { left: 70, right: 20, top: 20, bottom: 75 },
      xAxis: { type: 'value', name: t('analytics.cols.recency'), inverse: true },
      yAxis: { type: 'value', name: t('analytics.cols.monetary') },
      series: grades.map((g) => ({
        name: g,
        type: 'scatter' as const,
        itemStyle: { color: GRADE_COLORS[g] },
        symbolSize: (v: number[]) => Math.min(40, 8 + v[2] * 2),
        data: c.accounts.filter((a) => a.grade === g).map((a) => [a.recencyDays, a.monetary, a.frequency, a.name, a.accountId]),
      })),
    },
    csv: {
      header: [t('analytics.cols.account'), t('analytics.cols.recency'), t('analytics.cols.frequency'), t('analytics.cols.monetary'), 'R', 'F', 'M', t('analytics.cols.grade')],
      // a sampled answer says so in its file too (the last row), not only above the chart
      rows: [
        ...c.accounts.map((a) => [a.name, a.recencyDays, a.frequency, a.monetary, a.r, a.f, a.m, a.grade]),
        ...(c.accountsTotal > c.accounts.length ? [[t('analytics.rfmSample', { shown: c.accounts.length, total: c.accountsTotal })]] : []),
      ],
    },
  };
}
