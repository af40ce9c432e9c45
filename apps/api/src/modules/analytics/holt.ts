import { round2 } from './funnel';

/**
 * Holt's linear trend (double exponential smoothing): level ℓ and trend b,
 *   ℓₜ = α·yₜ + (1−α)(ℓₜ₋₁ + bₜ₋₁),  bₜ = β(ℓₜ − ℓₜ₋₁) + (1−β)bₜ₋₁,  ŷₜ₊ₕ = ℓₜ + h·bₜ,
 * started from ℓ₁ = y₁, b₁ = y₂ − y₁. α and β are chosen on a 0.1 grid by the smallest one-step-ahead squared
 * error over the series given (so a backtest that hands in only earlier months never sees the month it forecasts).
 */
export function holtFit(y: number[]): { alpha: number; beta: number; level: number; trend: number } {
  if (y.length < 2) throw new Error('Holt needs at least two points');
  let best = { sse: Infinity, alpha: 0.5, beta: 0.5, level: y[y.length - 1], trend: 0 };
  for (let a = 1; a <= 9; a++) {
    for (let b = 1; b <= 9; b++) {
      const alpha = a / 10;
      const beta = b / 10;
      let level = y[0];
      let trend = y[1] - y[0];
      let sse = 0;
      for (let t = 1; t < y.length; t++) {
        const e = y[t] - (level + trend);
        sse += e * e;
        const prev = level;
        level = alpha * y[t] + (1 - alpha) * (level + trend);
        trend = beta * (level - prev) + (1 - beta) * trend;
      }
      if (sse < best.sse - 1e-9) best = { sse, alpha, beta, level, trend };
    }
  }
  return { alpha: best.alpha, beta: best.beta, level: best.level, trend: best.trend };
}

/** The next `h` values after the series (never below zero: revenue is not negative). */
export function holtForecast(y: number[], h: number): number[] {
  const f = holtFit(y);
  return Array.from({ length: h }, (_, i) => Math.max(0, f.level + (i + 1) * f.trend));
}

export const MIN_HISTORY_MONTHS = 8;
export const BACKTEST_MONTHS = 6;

export interface Backtest {
  period: string;
  actual: number;
  forecast: number;
}

export type StatisticalForecast =
  | { status: 'insufficient_history'; months: number; minimumMonths: number; history: { period: string; actual: number }[] }
  | {
      status: 'ok';
      method: 'holt-linear';
      alpha: number;
      beta: number;
      history: { period: string; actual: number }[];
      /** Each of the last 6 months forecast one month ahead from the months before it only. */
      backtest: Backtest[];
      /** Mean absolute percentage error of the backtest in percent (months with an actual of 0 left out); null when all were 0. */
      mape: number | null;
      forecast: { period: string; value: number; low: number; high: number }[];
    };

/**
 * The next `horizon` months from a monthly history (oldest first, complete months only, starting at the first
 * month with any amount). Under 8 months it answers "insufficient history" instead of a trend. The band is
 * ± 1.96 × the backtest's root mean squared error × √h.
 */
export function statisticalForecast(history: { period: string; actual: number }[], nextPeriods: string[]): StatisticalForecast {
  const first = history.findIndex((p) => p.actual !== 0);
  const h = first < 0 ? [] : history.slice(first);
  if (h.length < MIN_HISTORY_MONTHS) return { status: 'insufficient_history', months: h.length, minimumMonths: MIN_HISTORY_MONTHS, history: h };
  const y = h.map((p) => p.actual);
  const backtest: Backtest[] = [];
  for (let t = y.length - BACKTEST_MONTHS; t < y.length; t++) {
    backtest.push({ period: h[t].period, actual: y[t], forecast: round2(holtForecast(y.slice(0, t), 1)[0]) });
  }
  const scored = backtest.filter((b) => b.actual !== 0);
  const mape = scored.length ? round2((scored.reduce((s, b) => s + Math.abs((b.actual - b.forecast) / b.actual), 0) / scored.length) * 100) : null;
  const rmse = Math.sqrt(backtest.reduce((s, b) => s + (b.actual - b.forecast) ** 2, 0) / backtest.length);
  const fit = holtFit(y);
  const values = holtForecast(y, nextPeriods.length);
  return {
    status: 'ok',
    method: 'holt-linear',
    alpha: fit.alpha,
    beta: fit.beta,
    history: h,
    backtest,
    mape,
    forecast: nextPeriods.map((period, i) => {
      const band = 1.96 * rmse * Math.sqrt(i + 1);
      return { period, value: round2(values[i]), low: round2(Math.max(0, values[i] - band)), high: round2(values[i] + band) };
    }),
  };
}
