import { badRequest } from '@core/http/domain-error';
import type { ReportFilter } from '@core/access/report-filter';
import { AnalyticsErrorCode } from './analytics.errors';
import type { AnalyticsQueryDto } from './dto/analytics-query.dto';

/** Today in the business time zone, `YYYY-MM-DD`. */
export function todayIn(timeZone: string, now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** The last day of a month `YYYY-MM`. */
export function monthEnd(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

/** The query's filters with the default period (the last 12 months up to today); 400 when from > to or beyond 3 years. */
export function reportFilter(q: AnalyticsQueryDto, today: string): ReportFilter {
  const to = q.to ?? today;
  const start = q.from ?? `${shiftMonth(to.slice(0, 7), -11)}-01`;
  if (start > to) throw badRequest(AnalyticsErrorCode.ANALYTICS_RANGE_INVALID, 'from', 'from must not be after to');
  if (Date.parse(to) - Date.parse(start) > 3 * 366 * 86400000) throw badRequest(AnalyticsErrorCode.ANALYTICS_RANGE_INVALID, 'from', 'the period is at most 3 years');
  return { from: start, to, ownerId: q.ownerId, departmentId: q.departmentId, pipelineId: q.pipelineId };
}

/** `YYYY-MM` moved by `n` months. */
export function shiftMonth(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number);
  const d = new Date(Date.UTC(y, m - 1 + n, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** `YYYY-Qn` of a month. */
export const quarterOf = (month: string): string => `${month.slice(0, 4)}-Q${Math.floor((Number(month.slice(5, 7)) - 1) / 3) + 1}`;
