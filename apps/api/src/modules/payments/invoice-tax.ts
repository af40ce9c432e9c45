import Decimal from 'decimal.js';

const D = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });

/** VAT rates an invoice may carry, % (China: 13, 9, 6, small-scale 3 and 1, exempt 0). */
export const INVOICE_TAX_RATES = ['13', '9', '6', '3', '1', '0'] as const;

/**
 * Tax of an amount that includes it (价税合计): tax = amount × rate / (100 + rate), half-up to the cent;
 * the net amount (金额) is the rest, so net + tax is exactly the amount.
 */
export function invoiceTax(
  amount: string,
  ratePercent: string,
  digits = 2,
): { taxAmount: string; netAmount: string } {
  const a = new D(amount);
  const tax = a
    .times(ratePercent)
    .div(new D(100).plus(ratePercent))
    .toDecimalPlaces(digits, Decimal.ROUND_HALF_UP);
  return { taxAmount: tax.toFixed(digits), netAmount: a.minus(tax).toFixed(digits) };
}
