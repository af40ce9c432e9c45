import type { FilterOption } from '@/components/filter-bar';
import type { CurrencyTotal, Stage } from '../api';

/** A stage's name in the UI language (`zh-CN` → Chinese, otherwise English). */
export const stageName = (stage: Pick<Stage, 'nameZh' | 'nameEn'> | null | undefined, locale: string): string =>
  stage ? (locale.startsWith('zh') ? stage.nameZh : stage.nameEn) : '';

/** `YYYY-MM` of a date. */
export const monthOf = (d: Date): string => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;

/** Close months to filter by: six months back to twelve ahead of `now`. */
export function closeMonthOptions(now = new Date()): FilterOption[] {
  const out: FilterOption[] = [];
  for (let i = -6; i <= 12; i++) {
    const m = monthOf(new Date(now.getFullYear(), now.getMonth() + i, 1));
    out.push({ value: m, label: m });
  }
  return out;
}


/** Totals sorted with the base currency first, then by code. */
export function orderTotals(totals: readonly CurrencyTotal[], base = 'CNY'): CurrencyTotal[] {
  return [...totals].sort((a, b) => (a.currency === base ? -1 : b.currency === base ? 1 : a.currency.localeCompare(b.currency)));
}

/** A duration in seconds as days and hours (`3 d 4 h`), minutes below an hour. */
export function spentLabel(seconds: number | null | undefined, units: { d: string; h: string; m: string }): string {
  if (seconds === null || seconds === undefined) return '—';
  const d = Math.floor(seconds / 86400);
  const h = Math.floor((seconds % 86400) / 3600);
  if (d) return `${d} ${units.d} ${h} ${units.h}`;
  if (h) return `${h} ${units.h}`;
  return `${Math.max(0, Math.round(seconds / 60))} ${units.m}`;
}

/** The optional opportunity of a lead conversion, as its form holds it. */
export interface ConvertOpportunityValues {
  name: string;
  amount: string;
  currency: string;
  pipelineId: string | null;
  stageId: string | null;
  expectedCloseDate: string | null;
}
