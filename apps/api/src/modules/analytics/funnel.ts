import type Decimal from 'decimal.js';
import { money2, sumExact } from './exact-sums';

/** A stage of the funnel in pipeline order (lost stages are not steps of the funnel). */
export interface FunnelStageDef {
  id: string;
  position: number;
  kind: 'open' | 'won' | 'lost';
}

/** Opportunities whose furthest stage reached (by position) is `maxPosition`, with their base amount. */
export interface ReachGroup {
  maxPosition: number;
  count: number;
  /** Exact (a decimal string or Decimal): summed without floats. */
  amount: Decimal.Value;
}

export interface FunnelStep {
  stageId: string;
  /** Opportunities that reached the stage or one after it. */
  count: number;
  amount: number;
  /** count / the previous step's count (null for the first step or after an empty step). */
  conversionRate: number | null;
  /** Median days spent in the stage by those that left it (null when none left it). */
  medianDays: number | null;
}

/**
 * The funnel: an opportunity reached a stage when it entered that stage or any later one (skipping a stage
 * still passes it), so the counts never grow down the funnel. Conversion is step over previous step.
 */
export function funnelSteps(stages: FunnelStageDef[], groups: ReachGroup[], medianSecondsByStage: Map<string, number>): FunnelStep[] {
  const steps = stages.filter((s) => s.kind !== 'lost').sort((a, b) => a.position - b.position);
  let prev: number | null = null;
  return steps.map((s, i) => {
    const reached = groups.filter((g) => g.maxPosition >= s.position);
    const count = reached.reduce((n, g) => n + g.count, 0);
    const amount = money2(sumExact(reached.map((g) => g.amount)));
    const conversionRate = i === 0 || !prev ? null : ratio(count, prev);
    prev = count;
    const sec = medianSecondsByStage.get(s.id);
    return { stageId: s.id, count, amount, conversionRate, medianDays: sec === undefined ? null : round2(sec / 86400) };
  });
}

/** won / (won + lost), null when nothing closed. */
export function winRate(won: number, lost: number): number | null {
  return won + lost ? ratio(won, won + lost) : null;
}

/** a / b to four decimals. */
export const ratio = (a: number, b: number): number => Math.round((a / b) * 10000) / 10000;
export const round2 = (n: number): number => Math.round(n * 100) / 100;

/** The median of numbers (mean of the two middle ones for an even count); null when empty. */
export function median(values: number[]): number | null {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}
