import Decimal from 'decimal.js';
import { computeLineTotals, type LineTotals } from './line-totals';

/* The shape every priced document line shares (quotes, contracts), with the pure helpers both use. */

/** A line with every value settled (product defaults applied), before totals. */
export interface ResolvedDocumentLine {
  position: number;
  groupName: string | null;
  productId: string | null;
  name: string;
  description: string | null;
  unit: string | null;
  quantity: string;
  unitPrice: string;
  discountPercent: string;
  taxRate: string;
}

/** A document's totals from its settled lines (core/money/line-totals.ts), for quotes and contracts alike. */
export function documentTotals(doc: { taxIncluded: boolean; discountPercent: string }, lines: readonly ResolvedDocumentLine[]): LineTotals {
  return computeLineTotals({
    taxIncluded: doc.taxIncluded,
    discountPercent: doc.discountPercent,
    lines: lines.map((l) => ({ quantity: l.quantity, unitPrice: l.unitPrice, discountPercent: l.discountPercent, taxRate: l.taxRate, group: l.groupName })),
  });
}

/** A stored line as the API answers it (quotes and contracts share the shape). */
export function documentLineResponse(l: ResolvedDocumentLine & { id: string; amount: string; taxAmount: string }) {
  return {
    id: l.id,
    position: l.position,
    group: l.groupName,
    productId: l.productId,
    name: l.name,
    description: l.description,
    unit: l.unit,
    quantity: l.quantity,
    unitPrice: l.unitPrice,
    discountPercent: l.discountPercent,
    taxRate: l.taxRate,
    amount: l.amount,
    taxAmount: l.taxAmount,
  };
}

/** What the audit log keeps of a set of lines: one short text per line. */
export function documentLineSummary(lines: readonly Pick<ResolvedDocumentLine, 'name' | 'quantity' | 'unitPrice' | 'discountPercent'>[]): string[] {
  return lines.map(
    (l) =>
      `${l.name} × ${new Decimal(l.quantity).toString()} @ ${new Decimal(l.unitPrice).toFixed(2)}${new Decimal(l.discountPercent).isZero() ? '' : ` −${new Decimal(l.discountPercent).toString()}%`}`,
  );
}
