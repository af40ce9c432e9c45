import { describe, expect, it } from 'vitest';
import { costVsWonOption, funnelOption, roiPercent, segmentFields, segmentSummary, statusTagType } from '../composables/campaignOptions';

const t = (key: string, p?: Record<string, unknown>) => (p ? `${key}:${JSON.stringify(p)}` : key);

describe('campaign options', () => {
  it.each([
    ['2.6000', '260.00%'],
    ['0.3333', '33.33%'],
    ['-1.0000', '-100.00%'],
    ['-0.0001', '-0.01%'],
    ['0.0000', '0.00%'],
    ['12.3456', '1234.56%'],
    [null, '—'],
  ])('shows ROI %s as %s', (roi, out) => {
    expect(roiPercent(roi)).toBe(out);
  });

  it('tags statuses by meaning', () => {
    expect(statusTagType('active')).toBe('success');
    expect(statusTagType('cancelled')).toBe('danger');
    expect(statusTagType('planned')).toBe('info');
  });

  it('builds the funnel leads → converted → opportunities → won in that order', () => {
    const option = funnelOption({ leads: 4, convertedLeads: 2, opportunities: 3, wonOpportunities: 2, wonAmount: '180000.00', actualCost: '50000.00' }, t);
    const series = (option.series as { type: string; data: { name: string; value: number }[] }[])[0];
    expect(series.type).toBe('funnel');
    expect(series.data).toEqual([
      { name: 'campaigns.stats.leads', value: 4 },
      { name: 'campaigns.stats.convertedLeads', value: 2 },
      { name: 'campaigns.stats.opportunities', value: 3 },
      { name: 'campaigns.stats.wonOpportunities', value: 2 },
    ]);
  });

  it('compares cost and won amount, and gives no chart when won amounts are in several currencies', () => {
    const stats = { leads: 4, convertedLeads: 2, opportunities: 3, wonOpportunities: 2, wonAmount: '180000.00', actualCost: null };
    const option = costVsWonOption(stats, 'CNY', t)!;
    expect((option.series as { data: { value: number }[] }[])[0].data.map((d) => d.value)).toEqual([0, 180000]);
    expect(costVsWonOption({ ...stats, wonAmount: null }, 'CNY', t)).toBeNull();
  });

  it('offers the target list’s own fields and sums up a filter', () => {
    expect(segmentFields('contacts').map((f) => f.field)).toContain('doNotCall');
    expect(segmentFields('accounts').find((f) => f.field === 'level')?.options?.map((o) => o.value)).toEqual(['A', 'B', 'C', 'D']);
    expect(segmentSummary(null, t)).toBe('campaigns.segment.everyone');
    expect(segmentSummary({ match: 'any', conditions: [{ field: 'name', op: 'contains', value: 'x' }] }, t)).toBe('campaigns.segment.conditionsAny:{"count":1}');
  });
});
