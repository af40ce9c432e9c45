import type { EChartsOption } from 'echarts';
import type { ReceivablesSummary } from '../api';

/** Thousandths of a decimal string (exact for amounts of up to 3 decimals: JPY 0, CNY 2, KWD 3). */
export function thousandths(amount: string): bigint {
  const [int, frac = ''] = amount.trim().replace(/^\+/, '').split('.');
  const negative = int.startsWith('-');
  const value = BigInt(int.replace('-', '') || '0') * 1000n + BigInt((frac + '000').slice(0, 3));
  return negative ? -value : value;
}

/** A thousandths value back to a decimal string with `digits` decimals (2 by default; the value has no more). */
export function fromThousandths(value: bigint, digits = 2): string {
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const frac = String(abs % 1000n).padStart(3, '0').slice(0, digits);
  return `${negative ? '-' : ''}${abs / 1000n}${digits ? `.${frac}` : ''}`;
}

/** Decimals written in a decimal string ("1.230" → 3). */
export const decimals = (amount: string) => amount.trim().split('.')[1]?.length ?? 0;

/** The balance left after paying `amount` (null when the amount is not a valid positive amount), with as many decimals as the two have. */
export function balanceAfter(balance: string, amount: string): string | null {
  if (!/^\d{1,16}(\.\d{1,3})?$/.test(amount.trim()) || thousandths(amount) <= 0n) return null;
  return fromThousandths(thousandths(balance) - thousandths(amount), Math.max(decimals(balance), decimals(amount)));
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
