import Decimal from 'decimal.js';

/**
 * Exact money math of priced lines (quotes, opportunity line items): decimal.js, never floats, half-up to
 * cents per line. Pure, with a table-driven spec beside it.
 */
export const MoneyDecimal = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });

/** Half-up to cents. */
export const toCents = (d: Decimal.Value): Decimal => new MoneyDecimal(d).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);

export const HUNDRED = new MoneyDecimal(100);

/** A line as priced: decimal strings, the discount a percentage 0..100. */
export interface PricedLine {
  quantity: string;
  unitPrice: string;
  discountPercent?: string | null;
}

/** quantity × unitPrice before the discount, half-up to cents (the line's list value). */
export function lineGross(l: PricedLine): Decimal {
  return toCents(new MoneyDecimal(l.quantity).times(l.unitPrice));
}

/** round(quantity × unitPrice × (1 − discount/100)), half-up to cents. */
export function lineAmount(l: PricedLine): Decimal {
  const disc = new MoneyDecimal(l.discountPercent || '0');
  return toCents(new MoneyDecimal(l.quantity).times(l.unitPrice).times(new MoneyDecimal(1).minus(disc.div(HUNDRED))));
}

/** Line amounts and their sum, as 2-decimal strings. */
export function linesTotal(lines: PricedLine[]): { amounts: string[]; total: string } {
  const amounts = lines.map(lineAmount);
  return { amounts: amounts.map((a) => a.toFixed(2)), total: amounts.reduce((s, a) => s.plus(a), new MoneyDecimal(0)).toFixed(2) };
}
