import type { ForecastCategory } from '@keyuan/shared';
import Decimal from 'decimal.js';
import { exact, money2, type Exact, ZERO } from './exact-sums';

export const FORECAST_ORDER: ForecastCategory[] = ['closed', 'commit', 'best_case', 'pipeline', 'omitted'];

/** One group of opportunities closing in a period: their stage's category and kind, base amount and amount × probability. */
export interface ForecastGroup {
  period: string;
  stageKind: 'open' | 'won' | 'lost';
  stageCategory: ForecastCategory;
  count: number;
  /** Exact (decimal string or Decimal). */
  amount: Decimal.Value;
  /** Σ amount × probability / 100, in the base currency, exact. */
  weighted: Decimal.Value;
}

/** The category an opportunity counts in: won is closed, lost is omitted, an open one takes its stage's. */
export function categoryOf(kind: 'open' | 'won' | 'lost', stageCategory: ForecastCategory): ForecastCategory {
  if (kind === 'won') return 'closed';
  if (kind === 'lost') return 'omitted';
  return stageCategory === 'closed' ? 'commit' : stageCategory;
}

export interface CategoryTotals {
  count: number;
  amount: number;
  weighted: number;
}

export interface PeriodForecast {
  period: string;
  categories: Record<ForecastCategory, CategoryTotals>;
  /** Open and won, excluding omitted: Σ weighted (won counts at 100%). */
  weighted: number;
  quota: number | null;
  /** closed / quota. */
  attainment: number | null;
  /** quota − closed (never below 0). */
  gap: number | null;
}

/** Category totals per period (every period listed, empty ones with zeros), beside the quota of the period. */
export function forecastPeriods(periods: string[], groups: ForecastGroup[], quotas: Map<string, number>): PeriodForecast[] {
  return periods.map((period) => {
    const sums = Object.fromEntries(FORECAST_ORDER.map((c) => [c, { count: 0, amount: ZERO, weighted: ZERO }])) as Record<ForecastCategory, { count: number; amount: Exact; weighted: Exact }>;
    for (const g of groups.filter((x) => x.period === period)) {
      const c = sums[categoryOf(g.stageKind, g.stageCategory)];
      c.count += g.count;
      c.amount = c.amount.plus(exact(g.amount));
      c.weighted = c.weighted.plus(exact(g.stageKind === 'won' ? g.amount : g.weighted));
    }
    const categories = Object.fromEntries(
      FORECAST_ORDER.map((c) => [c, { count: sums[c].count, amount: money2(sums[c].amount), weighted: money2(sums[c].weighted) }]),
    ) as Record<ForecastCategory, CategoryTotals>;
    // rounded once: the sum of the exact category sums, not of their rounded figures
    const weighted = money2(FORECAST_ORDER.filter((c) => c !== 'omitted').reduce((s, c) => s.plus(sums[c].weighted), ZERO));
    const quota = quotas.get(period) ?? null;
    const closed = categories.closed.amount;
    return {
      period,
      categories,
      weighted,
      quota,
      attainment: quota ? exact(closed).div(quota).toDecimalPlaces(4, Decimal.ROUND_HALF_UP).toNumber() : null,
      gap: quota === null ? null : money2(Decimal.max(0, exact(quota).minus(sums.closed.amount))),
    };
  });
}

/** `count` months from `first` (`YYYY-MM`). */
export function monthsFrom(first: string, count: number): string[] {
  const [y, m] = first.split('-').map(Number);
  return Array.from({ length: count }, (_, i) => {
    const d = new Date(Date.UTC(y, m - 1 + i, 1));
    return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
  });
}

/** The months from `from` to `to` (`YYYY-MM-DD`), inclusive, as `YYYY-MM`. */
export function monthsBetween(from: string, to: string): string[] {
  const a = from.slice(0, 7);
  const b = to.slice(0, 7);
  const out: string[] = [];
  for (let m = a; m <= b && out.length < 240; m = monthsFrom(m, 2)[1]) out.push(m);
  return out;
}
