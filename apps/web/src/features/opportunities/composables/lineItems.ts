/**
 * Line items while they are edited: a preview of each line's amount and the total, exact on decimal strings
 * (integer arithmetic on scaled BigInts, half-up to cents as the server does; the saved lines always show the
 * server's figures).
 */
export interface LineDraft {
  productId: string | null;
  /** What the picker shows for the product (SKU · name). */
  label: string;
  unit: string;
  quantity: string;
  unitPrice: string;
  discountPercent: string;
}

const DECIMAL = /^\d+(\.\d+)?$/;

/** A decimal string as an integer scaled by 10^scale (digits beyond `scale` are cut: callers give at most that many). */
function scaled(v: string, scale: number): bigint {
  const [int, frac = ''] = v.trim().split('.');
  return BigInt(int + (frac + '0'.repeat(scale)).slice(0, scale));
}

/** round(quantity × unitPrice × (1 − discount/100)) half-up to cents; null while a value is not a number. */
export function previewLineAmount(l: Pick<LineDraft, 'quantity' | 'unitPrice' | 'discountPercent'>): string | null {
  const disc = l.discountPercent.trim() || '0';
  if (![l.quantity, l.unitPrice, disc].every((v) => DECIMAL.test(v.trim()))) return null;
  // quantity and price with 4 decimals, discount with 2: the product has 4 + 4 + 4 (keep = 10000 − disc×100) decimals
  const keep = 10000n - scaled(disc, 2);
  if (keep < 0n) return null;
  const raw = scaled(l.quantity, 4) * scaled(l.unitPrice, 4) * keep; // scale 12
  const cents = (raw + 5n * 10n ** 9n) / 10n ** 10n; // half-up from scale 12 to 2
  return formatCents(cents);
}

/** The sum of the previewed amounts (null when a line is incomplete). */
export function previewTotal(lines: Pick<LineDraft, 'quantity' | 'unitPrice' | 'discountPercent'>[]): string | null {
  let sum = 0n;
  for (const l of lines) {
    const a = previewLineAmount(l);
    if (a === null) return null;
    sum += scaled(a, 2);
  }
  return formatCents(sum);
}

function formatCents(cents: bigint): string {
  const s = cents.toString().padStart(3, '0');
  return `${s.slice(0, -2)}.${s.slice(-2)}`;
}

/** "19800.0000" → "19800", "2.5000" → "2.5": what an input shows of a stored decimal. */
export function plainDecimal(value: string): string {
  return value.includes('.') ? value.replace(/\.?0+$/, '') : value;
}
