import type { EChartsOption } from 'echarts';
import type { ReceivablesSummary } from '../api';

/** Cents of a decimal string (exact for 2-decimal amounts). */
export function cents(amount: string): bigint {
  const [int, frac = ''] = amount.trim().replace(/^\+/, '').split('.');
  const negative = int.startsWith('-');
  const value = BigInt(int.replace('-', '') || '0') * 100n + BigInt((frac + '00').slice(0, 2));
  return negative ? -value : value;
}

/** A cents value back to a decimal string with 2 decimals. */
export function fromCents(value: bigint): string {
  const negative = value < 0n;
  const abs = negative ? -value : value;
  return `${negative ? '-' : ''}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}

/** The balance left after paying `amount` (null when the amount is not a valid positive amount). */
export function balanceAfter(balance: string, amount: string): string | null {
  if (!/^\d{1,16}(\.\d{1,2})?$/.test(amount.trim()) || cents(amount) <= 0n) return null;
  return fromCents(cents(balance) - cents(amount));
}

/** Whether `amount` would take the contract beyond its amount (the server refuses it too, 422). */
export function overshoots(balance: string, amount: string): boolean {
  const after = balanceAfter(balance, amount);
  return after !== null && after.startsWith('-');
}

export const installmentTagType = (s: string) => (s === 'paid' ? 'success' : s === 'overdue' ? 'danger' : s === 'partially_paid' ? 'warning' : 'info');
export const invoiceTagType = (s: string) => (s === 'issued' ? 'success' : s === 'requested' ? 'primary' : 'info');

const BUCKET_COLORS: Record<string, string> = { current: '#67c23a', '0-30': '#e6a23c', '31-60': '#f08a24', '61-90': '#f56c6c', '90+': '#b32020' };

/** The aging bar chart: outstanding per bucket in the base currency. */
export function agingOption(summary: ReceivablesSummary, label: (bucket: string) => string): EChartsOption {
  return {
    tooltip: { trigger: 'axis', valueFormatter: (v) => `${Number(v).toLocaleString()} ${summary.baseCurrency}` },
    grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: summary.aging.map((b) => label(b.bucket)) },
    yAxis: { type: 'value' },
    series: [
      {
        type: 'bar',
        data: summary.aging.map((b) => ({ value: Number(b.amount), itemStyle: { color: BUCKET_COLORS[b.bucket] } })),
        barMaxWidth: 48,
      },
    ],
  };
}

/** `YYYY-MM-DD` of a date in local time, plus `days`. */
export function isoDay(days = 0, from = new Date()): string {
  const d = new Date(from.getFullYear(), from.getMonth(), from.getDate() + days);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
