import { ACCOUNT_LEVELS, CAMPAIGN_STATUSES, CAMPAIGN_TYPES, type CampaignStatus, type FilterGroup, LIFECYCLE_STAGES } from '@keyuan/shared';
import type { EChartsOption } from 'echarts';
import type { FilterBuilderField, FilterOption } from '@/components/filter-bar';

export const typeOptions = (): FilterOption[] => CAMPAIGN_TYPES.map((v) => ({ value: v, labelKey: `campaigns.types.${v}` }));
export const statusOptions = (): FilterOption[] => CAMPAIGN_STATUSES.map((v) => ({ value: v, labelKey: `campaigns.statuses.${v}` }));

/** Element Plus tag type of a status. */
export function statusTagType(status: CampaignStatus): 'info' | 'success' | 'primary' | 'danger' {
  return ({ planned: 'info', active: 'success', completed: 'primary', cancelled: 'danger' } as const)[status];
}

/** ROI "2.6000" as a percentage text "260.00%"; null (no cost) as a dash. Exact on the decimal string, no float. */
export function roiPercent(roi: string | null | undefined): string {
  if (roi === null || roi === undefined) return '—';
  const m = /^(-?)(\d+)\.(\d{4})$/.exec(roi);
  if (!m) return roi;
  const digits = `${m[2]}${m[3]}`.replace(/^0+(?=\d{3})/, '');
  const int = digits.slice(0, -2) || '0';
  return `${m[1] && /[1-9]/.test(digits) ? '-' : ''}${int}.${digits.slice(-2)}%`;
}

/** The stats the charts need, as numbers (display only: the figures on the cards stay exact strings). */
export interface ChartStats {
  leads: number;
  convertedLeads: number;
  opportunities: number;
  wonOpportunities: number;
  wonAmount: string | null;
  actualCost: string | null;
}

/** Funnel leads → converted → opportunities → won, with translated stage names. */
export function funnelOption(s: ChartStats, t: (key: string) => string): EChartsOption {
  const data = [
    { name: t('campaigns.stats.leads'), value: s.leads },
    { name: t('campaigns.stats.convertedLeads'), value: s.convertedLeads },
    { name: t('campaigns.stats.opportunities'), value: s.opportunities },
    { name: t('campaigns.stats.wonOpportunities'), value: s.wonOpportunities },
  ];
  return {
    tooltip: { trigger: 'item', formatter: '{b}: {c}' },
    series: [{ type: 'funnel', sort: 'none', left: '10%', width: '80%', minSize: '8%', label: { show: true, position: 'inside', formatter: '{b} {c}', color: '#303133', textBorderWidth: 0 }, data }],
  };
}

/** Bars of actual cost and won amount in the campaign's currency (null when the won amounts are in several currencies). */
export function costVsWonOption(s: ChartStats, currency: string, t: (key: string) => string): EChartsOption | null {
  if (s.wonAmount === null) return null;
  return {
    tooltip: { trigger: 'axis' },
    grid: { left: 80, right: 20, top: 20, bottom: 30 },
    xAxis: { type: 'category', data: [t('campaigns.fields.actualCost'), t('campaigns.stats.wonAmount')] },
    yAxis: { type: 'value', name: currency },
    series: [
      {
        type: 'bar',
        barMaxWidth: 60,
        data: [
          { value: Number(s.actualCost ?? 0), itemStyle: { color: '#e6a23c' } },
          { value: Number(s.wonAmount), itemStyle: { color: '#67c23a' } },
        ],
      },
    ],
  };
}

/** Fields of the segment's filter builder per target (the API's ListSpec fields of that list). */
export function segmentFields(target: 'contacts' | 'accounts'): FilterBuilderField[] {
  if (target === 'contacts') {
    return [
      { field: 'name', labelKey: 'campaigns.segment.fields.name', type: 'text' },
      { field: 'title', labelKey: 'campaigns.segment.fields.title', type: 'text' },
      { field: 'isPrimary', labelKey: 'campaigns.segment.fields.isPrimary', type: 'boolean' },
      { field: 'doNotCall', labelKey: 'campaigns.segment.fields.doNotCall', type: 'boolean' },
      { field: 'createdAt', labelKey: 'campaigns.segment.fields.createdAt', type: 'date' },
      { field: 'lastActivityAt', labelKey: 'campaigns.segment.fields.lastActivityAt', type: 'date' },
    ];
  }
  return [
    { field: 'name', labelKey: 'campaigns.segment.fields.name', type: 'text' },
    { field: 'industry', labelKey: 'campaigns.segment.fields.industry', type: 'text' },
    { field: 'province', labelKey: 'campaigns.segment.fields.province', type: 'text' },
    { field: 'city', labelKey: 'campaigns.segment.fields.city', type: 'text' },
    { field: 'level', labelKey: 'campaigns.segment.fields.level', type: 'enum', options: ACCOUNT_LEVELS.map((v) => ({ value: v, label: v })) },
    { field: 'lifecycleStage', labelKey: 'campaigns.segment.fields.lifecycleStage', type: 'enum', options: LIFECYCLE_STAGES.map((v) => ({ value: v, labelKey: `campaigns.segment.lifecycle.${v}` })) },
    { field: 'tags', labelKey: 'campaigns.segment.fields.tags', type: 'tags' },
    { field: 'createdAt', labelKey: 'campaigns.segment.fields.createdAt', type: 'date' },
  ];
}

/** A one-line description of a segment's filter for the detail page ("2 conditions, all"). */
export function segmentSummary(filter: FilterGroup | null | undefined, t: (key: string, p?: Record<string, unknown>) => string): string {
  const n = filter?.conditions.length ?? 0;
  if (!n) return t('campaigns.segment.everyone');
  return t(filter!.match === 'any' ? 'campaigns.segment.conditionsAny' : 'campaigns.segment.conditionsAll', { count: n });
}
