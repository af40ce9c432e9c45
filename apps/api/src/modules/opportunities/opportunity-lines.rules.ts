import Decimal from 'decimal.js';
import { badRequest, conflict } from '@core/http/domain-error';
import { linesTotal } from '@core/money/line-totals';
import type { OpportunityLineInputDto } from './dto/opportunity-line.dto';
import type { OpportunityLine } from './opportunity-line.entity';
import type { Opportunity } from './opportunity.entity';
import { OpportunityErrorCode } from './opportunities.errors';

/** What a line takes from its product (ProductsService.lineDefaults). */
export interface LineProduct {
  id: string;
  name: string;
  unit: string;
  currency: string;
  active: boolean;
  unitPriceFor: (quantity: string) => string;
}

export type ResolvedLine = Omit<OpportunityLine, 'id' | 'opportunityId'>;

/**
 * A PATCH may not change the amount of an opportunity with line items (409 OPPORTUNITY_AMOUNT_FROM_LINES;
 * the same amount again is fine, forms send every field), nor its currency (409 OPPORTUNITY_CURRENCY_FROM_LINES).
 */
export function assertNotFromLines(o: Opportunity, fields: { amount?: string | null; currency?: string | null }): void {
  if (!o.hasLines) return;
  if (fields.amount !== undefined && fields.amount !== null) {
    // the same amount again (forms send every field) changes nothing, whatever its spelling
    if (new Decimal(fields.amount).eq(o.amount)) delete fields.amount;
    else throw conflict(OpportunityErrorCode.OPPORTUNITY_AMOUNT_FROM_LINES, 'The amount follows the line items: change the lines, or remove them to set the amount', [
      { field: 'amount', message: 'read-only while the opportunity has line items' },
    ]);
  }
  if (fields.currency && fields.currency !== o.currency) {
    throw conflict(OpportunityErrorCode.OPPORTUNITY_CURRENCY_FROM_LINES, 'The line items are in the current currency: remove them before changing it', [
      { field: 'currency', message: 'read-only while the opportunity has line items' },
    ]);
  }
}

/**
 * Lines with product values copied and amounts computed exactly; 400 on `lines[i].productId` for an unknown
 * or inactive product or one priced in another currency than the opportunity.
 */
export function resolveLines(input: OpportunityLineInputDto[], products: Map<string, LineProduct>, currency: string): { lines: ResolvedLine[]; total: string } {
  const priced = input.map((l, i) => {
    const at = `lines[${i}].productId`;
    const p = products.get(l.productId);
    if (!p) throw badRequest(OpportunityErrorCode.OPPORTUNITY_LINE_UNKNOWN_PRODUCT, at, `${at} is not a product`);
    if (!p.active) throw badRequest(OpportunityErrorCode.OPPORTUNITY_LINE_PRODUCT_INACTIVE, at, `${at} is no longer sold`);
    if (p.currency !== currency) {
      throw badRequest(OpportunityErrorCode.OPPORTUNITY_LINE_CURRENCY, at, `${at} is priced in ${p.currency}, the opportunity in ${currency}`, { params: { currency: p.currency } });
    }
    return {
      position: i + 1,
      productId: p.id,
      name: p.name,
      unit: p.unit,
      quantity: new Decimal(l.quantity).toFixed(4),
      unitPrice: new Decimal(l.unitPrice ?? p.unitPriceFor(l.quantity)).toFixed(4),
      discountPercent: new Decimal(l.discountPercent ?? '0').toFixed(2),
    };
  });
  const totals = linesTotal(priced);
  return { lines: priced.map((l, i) => ({ ...l, amount: totals.amounts[i] })), total: totals.total };
}

/** What the audit log (and so the timeline) keeps of a set of lines: one short text per line. */
export function linesSummary(lines: Pick<OpportunityLine, 'name' | 'quantity' | 'unitPrice' | 'discountPercent' | 'amount'>[]): string[] {
  return lines.map((l) => {
    const disc = new Decimal(l.discountPercent);
    return `${l.name} × ${new Decimal(l.quantity).toString()} @ ${new Decimal(l.unitPrice).toFixed(2)}${disc.isZero() ? '' : ` −${disc.toString()}%`} = ${l.amount}`;
  });
}
