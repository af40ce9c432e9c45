/**
 * The money arithmetic of a campaign's stats, on exact decimals (numeric text in, text out): amounts are
 * turned into integer cents (BigInt), never floats. Pure functions, specs beside them.
 */

/** A decimal string with at most 2 decimals (`"12500"`, `"12500.5"`, `"-3.25"`) as integer cents. */
export function toCents(amount: string): bigint {
  const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(amount.trim());
  if (!m) throw new Error(`not a decimal amount: ${amount}`);
  const cents = BigInt(m[2]) * 100n + BigInt((m[3] ?? '').padEnd(2, '0'));
  return m[1] ? -cents : cents;
}

/** Integer cents as a decimal string with 2 decimals. */
export function fromCents(cents: bigint): string {
  const neg = cents < 0n;
  const abs = neg ? -cents : cents;
  return `${neg ? '-' : ''}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
}

/** `n / d` rounded half away from zero to `places` decimals, as a decimal string (`d` is never 0). */
export function divide(n: bigint, d: bigint, places: number): string {
  const scale = 10n ** BigInt(places);
  const neg = n < 0n !== d < 0n && n !== 0n;
  const an = n < 0n ? -n : n;
  const ad = d < 0n ? -d : d;
  const q = (an * scale * 2n + ad) / (ad * 2n);
  const int = q / scale;
  const frac = (q % scale).toString().padStart(places, '0');
  return `${neg && q !== 0n ? '-' : ''}${int}${places ? `.${frac}` : ''}`;
}

/** Won amounts summed per currency (numeric text from SQL). */
export interface CurrencyAmount {
  currency: string;
  amount: string;
}

export interface MetricsInput {
  currency: string;
  actualCost: string | null;
  leads: number;
  wonAmounts: CurrencyAmount[];
}

export interface Metrics {
  /** The won amount in the campaign's currency; null when some won amounts are in another currency. */
  wonAmount: string | null;
  /** (won amount − actual cost) / actual cost, 4 decimals; null without a cost or with won amounts in several currencies. */
  roi: string | null;
  /** actual cost / leads, 2 decimals; null without leads or without a cost. */
  costPerLead: string | null;
}

/**
 * ROI and cost per lead. Amounts in different currencies are never added: when every won amount is in
 * the campaign's currency (or nothing was won: 0) the single figure and the ROI are given, otherwise
 * both are null and the per-currency sums tell the story. A cost of 0 (or none) gives a null ROI, never
 * Infinity.
 */
export function campaignMetrics(input: MetricsInput): Metrics {
  const others = input.wonAmounts.filter((w) => w.currency !== input.currency && toCents(w.amount) !== 0n);
  const won = others.length ? null : input.wonAmounts.filter((w) => w.currency === input.currency).reduce((s, w) => s + toCents(w.amount), 0n);
  const cost = input.actualCost === null ? null : toCents(input.actualCost);
  return {
    wonAmount: won === null ? null : fromCents(won),
    roi: won === null || cost === null || cost === 0n ? null : divide(won - cost, cost, 4),
    costPerLead: cost === null || input.leads === 0 ? null : divide(cost, BigInt(input.leads) * 100n, 2),
  };
}
