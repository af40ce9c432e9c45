import { describe, expect, it } from 'vitest';
import type { Funnel, Receivables, Service, Statistical } from '../api';
import { agingChart, csatChart, funnelChart, slaChart, statisticalChart } from '../composables/chartOptions';
import { clean } from '../composables/useAnalytics';

const t = (key: string) => key;
const env = { baseCurrency: 'CNY', from: '2026-11-01', to: '2026-11-30', missingRates: [] };

describe('analytics chart options', () => {
  const funnel = {
    ...env,
    pipelineId: 'p',
    won: 1,
    lost: 1,
    winRate: 0.5,
    steps: [
      { stageId: 'a', nameZh: '初步接洽', nameEn: 'Prospect', kind: 'open', count: 5, amount: 72500, conversionRate: null, medianDays: 1.5 },
      { stageId: 'b', nameZh: '赢单', nameEn: 'Won', kind: 'won', count: 1, amount: 7500, conversionRate: 0.2, medianDays: null },
    ],
  } as Funnel;

  it('funnel: blocks carry the stage id for the click, CSV has a row per stage in the chosen language', () => {
    const c = funnelChart(funnel, t, true);
    expect(c.empty).toBe(false);
    const series = (c.option!.series as { data: { name: string; value: number; stageId: string }[] }[])[0];
    expect(series.data).toEqual([
      { name: '初步接洽', value: 5, stageId: 'a' },
      { name: '赢单', value: 1, stageId: 'b' },
    ]);
    expect(c.csv!.rows).toEqual([
      ['初步接洽', 5, 72500, null, 1.5],
      ['赢单', 1, 7500, 0.2, null],
    ]);
    expect(funnelChart({ ...funnel, steps: funnel.steps.map((s) => ({ ...s, count: 0 })) }, t, false).empty).toBe(true);
  });

  it('statistical: empty when the history is insufficient; the band is stacked on the low line', () => {
    const insufficient = { ...env, series: 'payments', status: 'insufficient_history', months: 3, minimumMonths: 8, history: [], backtest: [], forecast: [], mape: null } as unknown as Statistical;
    expect(statisticalChart(insufficient, t).empty).toBe(true);
    const ok = {
      ...insufficient,
      status: 'ok',
      history: [{ period: '2026-10', actual: 100 }],
      backtest: [{ period: '2026-10', actual: 100, forecast: 90 }],
      forecast: [{ period: '2026-11', value: 110, low: 100, high: 130 }],
    } as unknown as Statistical;
    const s = statisticalChart(ok, t).option!.series as { data: (number | null)[] }[];
    expect(s[2].data).toEqual([null, 100]);
    expect(s[3].data).toEqual([null, 30]);
  });

  it('aging, SLA and CSAT: empty states', () => {
    const r = { ...env, aging: [{ bucket: 'current', count: 0, amount: 0 }], overdueTrend: [{ date: '2026-11-30', count: 0, amount: 0 }] } as Receivables;
    expect(agingChart(r, t).empty).toBe(true);
    const overall = { key: null, name: null, opened: 0, resolved: 0, slaTracked: 0, slaMet: 0, slaCompliance: null, medianFirstResponseHours: null, medianResolutionHours: null, csatAverage: null, csatDistribution: [0, 0, 0, 0, 0] };
    const s = { ...env, weeks: [], overall, byTeam: [], byType: [] } as Service;
    expect(slaChart(s, t).empty).toBe(true);
    expect(csatChart(s, t).empty).toBe(true);
    expect(csatChart({ ...s, overall: { ...overall, csatDistribution: [0, 1, 0, 0, 1] } }, t).csv!.rows).toEqual([[1, 0], [2, 1], [3, 0], [4, 0], [5, 1]]);
  });

  it('drops empty filters', () => {
    expect(clean({ from: '2026-01-01', ownerId: '', pipelineId: undefined })).toEqual({ from: '2026-01-01' });
  });
});

describe('drill-down targets', () => {
  it('a revenue bar opens the list behind it, filtered by its month', async () => {
    const { revenueTarget, slaTarget, monthLastDay } = await import('../composables/drillDown');
    expect(monthLastDay('2026-02')).toBe('2026-02-28');
    expect(monthLastDay('2028-02')).toBe('2028-02-29');
    expect(revenueTarget('received', '2026-11', { ownerId: 'u' })).toEqual({ name: 'payments', query: { receivedDateFrom: '2026-11-01', receivedDateTo: '2026-11-30' } });
    expect(revenueTarget('contracted', '2026-12', { ownerId: 'u' })).toEqual({ name: 'contracts', query: { signDateFrom: '2026-12-01', signDateTo: '2026-12-31', ownerId: 'u' } });
    expect(revenueTarget('won', '2026-10', { pipelineId: 'p' })).toEqual({ name: 'opportunities', query: { view: 'list', stageKind: 'won', wonMonth: '2026-10', pipelineId: 'p' } });
    expect(revenueTarget('target', '2026-10', {})).toEqual({ name: 'sales-targets', query: { period: '2026-10' } });
    expect(slaTarget('missed', { from: '2026-11-01', to: '2026-11-30' })).toEqual({
      name: 'tickets',
      query: { queue: 'all', slaOutcome: 'missed', openedDateFrom: '2026-11-01', openedDateTo: '2026-11-30' },
    });
  });
});
