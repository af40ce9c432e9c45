import Decimal from 'decimal.js';
import { badRequest } from '@core/http/domain-error';
import type { ResolvedDocumentLine } from '@core/money/document-lines';
import type { ProductLineDefaults } from './products.service';

/** A priced line of a document (quote, contract) as a client sends it. */
export interface DocumentLineInput {
  productId?: string | null;
  name?: string | null;
  description?: string | null;
  unit?: string | null;
  quantity: string;
  unitPrice?: string | null;
  discountPercent?: string | null;
  taxRate?: string | null;
  group?: string | null;
}


/** The document's own error codes for each way a line can be refused (quotes: QUOTE_…, contracts: CONTRACT_…). */
export interface DocumentLineCodes {
  unknownProduct: string;
  inactiveProduct: string;
  productCurrency: string;
  priceBelowList: string;
  incomplete: string;
}

const DEFAULT_TAX_RATE = '13';

/**
 * One set of rules for the priced lines of every sales document: product defaults (name, unit, tier price,
 * tax rate); 400 on an unknown or inactive product, a product priced in another currency than the document,
 * a product line priced below the product's (tier) price — a lower price is a discount, which approval flows
 * see —, and a free-text line without a name or a price.
 */
export function resolveDocumentLines(
  products: ReadonlyMap<string, ProductLineDefaults>,
  input: DocumentLineInput[],
  currency: string,
  codes: DocumentLineCodes,
  noun: string,
): ResolvedDocumentLine[] {
  return input.map((l, i) => {
    const at = `lines[${i}]`;
    const p = l.productId ? products.get(l.productId) : undefined;
    if (l.productId && !p) throw badRequest(codes.unknownProduct, `${at}.productId`, `${at}.productId is not a product`);
    if (p && !p.active) throw badRequest(codes.inactiveProduct, `${at}.productId`, `${at}.productId is no longer sold`);
    if (p && p.currency !== currency) {
      throw badRequest(codes.productCurrency, `${at}.productId`, `${at}.productId is priced in ${p.currency}, the ${noun} in ${currency}`, { params: { currency: p.currency } });
    }
    const listPrice = p?.unitPriceFor(l.quantity);
    if (l.unitPrice != null && listPrice !== undefined && new Decimal(l.unitPrice).lessThan(listPrice)) {
      throw badRequest(codes.priceBelowList, `${at}.unitPrice`, `${at}.unitPrice is below the product's price ${listPrice}: give a discount instead`, {
        params: { listPrice: String(listPrice) },
      });
    }
    const name = l.name ?? p?.name;
    const unitPrice = l.unitPrice ?? listPrice;
    if (!name) throw badRequest(codes.incomplete, `${at}.name`, `${at}.name is required without a product`);
    if (unitPrice == null) throw badRequest(codes.incomplete, `${at}.unitPrice`, `${at}.unitPrice is required without a product`);
    return {
      position: i + 1,
      groupName: l.group?.trim() || null,
      productId: p?.id ?? null,
      name,
      description: l.description ?? null,
      unit: l.unit ?? p?.unit ?? null,
      quantity: new Decimal(l.quantity).toFixed(4),
      unitPrice: new Decimal(unitPrice).toFixed(4),
      discountPercent: new Decimal(l.discountPercent ?? '0').toFixed(2),
      taxRate: new Decimal(l.taxRate ?? p?.taxRate ?? DEFAULT_TAX_RATE).toFixed(2),
    };
  });
}
