import type { AccountLevel } from '@keyuan/shared';

export interface RfmInput {
  accountId: string;
  /** Days since the last contract signed or payment received. */
  recencyDays: number;
  /** Contracts signed plus payments received in the window. */
  frequency: number;
  /** Payments received in the window, base currency. */
  monetary: number;
}

export interface RfmScore extends RfmInput {
  r: number;
  f: number;
  m: number;
  grade: AccountLevel;
}

/**
 * R, F and M scored 1–5 by rank among the accounts (quintiles: the best fifth gets 5; ties share one
 * score (the lower one); recency ranks ascending — fewer days is better), then graded on R+F+M: A ≥ 13, B ≥ 10, C ≥ 7, else D.
 */
export function rfmScores(rows: RfmInput[]): RfmScore[] {
  const r = quintiles(rows.map((x) => -x.recencyDays));
  const f = quintiles(rows.map((x) => x.frequency));
  const m = quintiles(rows.map((x) => x.monetary));
  return rows.map((x, i) => ({ ...x, r: r[i], f: f[i], m: m[i], grade: gradeOf(r[i] + f[i] + m[i]) }));
}

export function gradeOf(total: number): AccountLevel {
  if (total >= 13) return 'A';
  if (total >= 10) return 'B';
  if (total >= 7) return 'C';
  return 'D';
}

/** Score 1–5 per value: 1 + floor(5 × (number of values strictly below it) / n); one value alone scores 5. */
export function quintiles(values: number[]): number[] {
  const n = values.length;
  if (n === 1) return [5];
  const sorted = [...values].sort((a, b) => a - b);
  return values.map((v) => {
    let below = 0;
    while (below < n && sorted[below] < v) below++;
    return Math.min(5, 1 + Math.floor((5 * below) / n));
  });
}

/** Accounts an RFM answer lists by default (the scatter's points). */
export const DEFAULT_RFM_ACCOUNTS = 1000;

/**
 * At most `limit` rows of an ordered list: all of them when they fit, else an even sample that keeps the
 * first and last row and the order (every (n-1)/(limit-1)-th row), so a chart of the sample keeps the shape.
 */
export function evenSample<T>(rows: readonly T[], limit: number): T[] {
  if (rows.length <= limit) return [...rows];
  if (limit === 1) return [rows[0]];
  const step = (rows.length - 1) / (limit - 1);
  return Array.from({ length: limit }, (_, i) => rows[Math.round(i * step)]);
}
