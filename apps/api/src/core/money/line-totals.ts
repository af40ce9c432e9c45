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

const D = MoneyDecimal;
const cents = toCents;

/* Document line totals, shared by quotes and contracts (pure, no business module): one formula, one place. */

/** One line as the totals see it: decimal strings (exact), percentages 0..100. */
export interface TotalsLineInput {
  quantity: string;
  unitPrice: string;
  discountPercent: string;
  taxRate: string;
  group?: string | null;
}

export interface TotalsLine {
  /** Line total after its discount, half-up to cents, in the document's price convention (tax included or not). */
  amount: string;
  /** The line's tax after the document's overall discount, half-up to cents. */
  taxAmount: string;
}

export interface LineTotals {
  lines: TotalsLine[];
  /** Per group (lines without a group: `null`), in order of first appearance: the sum of its line amounts. */
  groups: { name: string | null; subtotal: string }[];
  subtotal: string;
  discountAmount: string;
  taxTotal: string;
  /** Without tax. */
  netTotal: string;
  grandTotal: string;
  /** The largest line discount, %. */
  maxLineDiscount: string;
  /** The whole discount against list value (line and overall discounts together), %, 2 decimals. */
  totalDiscount: string;
}

/**
 * A document's figures (quotes, contracts), computed exactly (decimal.js, never floats) and rounded half-up to cents per line:
 *
 * 1. line `amount`   = round(quantity × unitPrice × (1 − lineDiscount/100))   (core/money/line-totals, shared with opportunity lines)
 * 2. `subtotal`      = Σ amount;  group subtotals = Σ amount of the group's lines
 * 3. `discountAmount`= round(subtotal × quoteDiscount/100)
 * 4. line `taxAmount`, on the line's share after the quote discount b = amount × (1 − quoteDiscount/100):
 *    tax excluded: round(b × rate/100);  tax included: round(b × rate/(100 + rate))
 *    `taxTotal`      = Σ taxAmount
 * 5. tax excluded: `grandTotal` = subtotal − discountAmount + taxTotal, `netTotal` = subtotal − discountAmount
 *    tax included: `grandTotal` = subtotal − discountAmount,            `netTotal` = grandTotal − taxTotal
 * 6. `totalDiscount` % = (Σ round(quantity × unitPrice) − (subtotal − discountAmount)) / Σ round(quantity × unitPrice) × 100,
 *    rounded to 2 decimals (0 when there is no list value); `maxLineDiscount` = the largest line discount.
 */
export function computeLineTotals(input: { taxIncluded: boolean; discountPercent: string; lines: TotalsLineInput[] }): LineTotals {
  const overall = new D(input.discountPercent || '0');
  const keep = D(1).minus(overall.div(HUNDRED));
  let subtotal = new D(0);
  let listValue = new D(0);
  let maxLine = new D(0);
  const amounts = input.lines.map((l) => {
    const disc = new D(l.discountPercent || '0');
    if (disc.gt(maxLine)) maxLine = disc;
    listValue = listValue.plus(lineGross(l));
    const amount = lineAmount(l);
    subtotal = subtotal.plus(amount);
    return amount;
  });
  const discountAmount = cents(subtotal.times(overall).div(HUNDRED));
  let taxTotal = new D(0);
  const lines = input.lines.map((l, i) => {
    const base = amounts[i].times(keep);
    const rate = new D(l.taxRate || '0');
    const tax = cents(input.taxIncluded ? base.times(rate).div(HUNDRED.plus(rate)) : base.times(rate).div(HUNDRED));
    taxTotal = taxTotal.plus(tax);
    return { amount: amounts[i].toFixed(2), taxAmount: tax.toFixed(2) };
  });
  const afterDiscount = subtotal.minus(discountAmount);
  const grand = input.taxIncluded ? afterDiscount : afterDiscount.plus(taxTotal);
  const net = input.taxIncluded ? afterDiscount.minus(taxTotal) : afterDiscount;
  const groups: { name: string | null; subtotal: Decimal }[] = [];
  input.lines.forEach((l, i) => {
    const name = l.group?.trim() || null;
    let g = groups.find((x) => x.name === name);
    if (!g) groups.push((g = { name, subtotal: new D(0) }));
    g.subtotal = g.subtotal.plus(amounts[i]);
  });
  const totalDiscount = listValue.isZero() ? new D(0) : listValue.minus(afterDiscount).div(listValue).times(HUNDRED).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
  return {
    lines,
    groups: groups.map((g) => ({ name: g.name, subtotal: g.subtotal.toFixed(2) })),
    subtotal: subtotal.toFixed(2),
    discountAmount: discountAmount.toFixed(2),
    taxTotal: taxTotal.toFixed(2),
    netTotal: net.toFixed(2),
    grandTotal: grand.toFixed(2),
    maxLineDiscount: maxLine.toFixed(2),
    totalDiscount: D.max(totalDiscount, 0).toFixed(2),
  };
}
