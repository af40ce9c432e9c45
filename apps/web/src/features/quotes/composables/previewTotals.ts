/**
 * A live preview of the quote's totals while lines are edited, in integer cents (the server's formula,
 * see the API README; the saved quote always shows the server's figures, which are authoritative).
 */
export interface PreviewLine {
  quantity: string;
  unitPrice: string;
  discountPercent: string;
  taxRate: string;
}

const num = (v: string) => (v && /^\d+(\.\d+)?$/.test(v.trim()) ? Number(v) : 0);
/** Half-up to cents of a non-negative amount (with a guard for binary float noise). */
const cents = (v: number) => Math.round(v * 100 + 1e-7) / 100;

export function previewTotals(lines: PreviewLine[], taxIncluded: boolean, discountPercent: string) {
  const keep = 1 - num(discountPercent) / 100;
  const amounts = lines.map((l) => cents(num(l.quantity) * num(l.unitPrice) * (1 - num(l.discountPercent) / 100)));
  const subtotal = cents(amounts.reduce((a, b) => a + b, 0));
  const discountAmount = cents(subtotal * (1 - keep));
  const tax = cents(
    lines.reduce((sum, l, i) => {
      const base = amounts[i] * keep;
      const rate = num(l.taxRate);
      return sum + cents(taxIncluded ? (base * rate) / (100 + rate) : (base * rate) / 100);
    }, 0),
  );
  const after = cents(subtotal - discountAmount);
  const grandTotal = taxIncluded ? after : cents(after + tax);
  return { amounts: amounts.map((a) => a.toFixed(2)), subtotal: subtotal.toFixed(2), discountAmount: discountAmount.toFixed(2), taxTotal: tax.toFixed(2), grandTotal: grandTotal.toFixed(2) };
}

/** A decimal string without trailing zeros ("1999.5000" → "1999.5"), as text: no float rounding of long values. */
export function plainDecimal(value: string): string {
  return value.includes('.') ? value.replace(/\.?0+$/, '') : value;
}
