import { apiPath, read, Scenario, ScenarioContext } from './types';

/** Whether the role reads analytics (a bench database seeded before the analytics grants has reps without it). */
async function readsAnalytics(ctx: ScenarioContext): Promise<boolean> {
  return ctx.api(apiPath('/analytics/leaderboard', { from: '2026-11-01', to: '2026-11-30' })).then(
    () => true,
    () => false,
  );
}

/** Last 12 months up to the seed's "now" (fixed, so runs compare). */
const YEAR = { from: '2025-12-01', to: '2026-11-30' };

const analytics = (name: string, path: string, params: Record<string, string | number> = {}) =>
  read(`analytics: ${name}`, async (ctx) => {
    if (!(await readsAnalytics(ctx))) return 'this role may not read analytics';
    return [{ path: apiPath(`/analytics/${path}`, { ...YEAR, ...params }) }];
  });

/**
 * Analytics (issue 19): every dashboard figure over a year for admin, manager and rep, live aggregates in the
 * caller's scope. The floor replays the same SQL (the figures are several queries each; the conversion to the
 * base currency adds one rate lookup).
 */
export const analyticsScenarios: Scenario[] = [
  analytics('funnel of the default pipeline', 'funnel'),
  analytics('forecast, next 6 months', 'forecast', { from: '2026-11-01', to: '2027-04-30' }),
  analytics('statistical forecast of payments (Holt)', 'forecast/statistical', { series: 'payments', from: '2024-11-01' }),
  analytics('revenue by month against targets', 'revenue'),
  analytics('leaderboard', 'leaderboard'),
  analytics('lead sources and campaigns', 'lead-sources'),
  analytics('receivables aging and overdue trend', 'receivables'),
  analytics('service: weekly, SLA, CSAT by team and type', 'service'),
  analytics('customer value (RFM) and churn risk', 'customer-value'),
];
