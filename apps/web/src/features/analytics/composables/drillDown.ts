import type { RouteLocationRaw } from 'vue-router';
import type { AnalyticsFilters } from '../api';

/** The last day of a month `YYYY-MM`. */
export function monthLastDay(period: string): string {
  const [y, m] = period.split('-').map(Number);
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

/** The revenue chart's series in their order (chartOptions.revenueChart). */
export const REVENUE_SERIES = ['won', 'contracted', 'received', 'target'] as const;
export type RevenueSeries = (typeof REVENUE_SERIES)[number];

/**
 * The list behind a bar of the revenue chart, filtered as the figure counts it: won → the opportunities won
 * in that month (`stageKind=won&wonMonth`), contracted → contracts signed in it (`signDateFrom/To`),
 * received → payments received in it (`receivedDateFrom/To`), target → the sales targets of the month.
 * The owner filter travels where the list has one.
 */
export function revenueTarget(series: RevenueSeries, period: string, f: AnalyticsFilters): RouteLocationRaw {
  const owner = f.ownerId ? { ownerId: f.ownerId } : {};
  const first = `${period}-01`;
  const last = monthLastDay(period);
  switch (series) {
    case 'won':
      return { name: 'opportunities', query: { view: 'list', stageKind: 'won', wonMonth: period, ...owner, ...(f.pipelineId ? { pipelineId: f.pipelineId } : {}) } };
    case 'contracted':
      return { name: 'contracts', query: { signDateFrom: first, signDateTo: last, ...owner } };
    case 'received':
      return { name: 'payments', query: { receivedDateFrom: first, receivedDateTo: last } };
    default:
      return { name: 'sales-targets', query: { period } };
  }
}

/**
 * The tickets behind the SLA gauge: those opened in the figure's period whose SLA was missed (or met),
 * over every queue and status (`queue=all`), as the service figures count them.
 */
export function slaTarget(outcome: 'met' | 'missed', period: { from: string; to: string }): RouteLocationRaw {
  return { name: 'tickets', query: { queue: 'all', slaOutcome: outcome, openedDateFrom: period.from, openedDateTo: period.to } };
}
