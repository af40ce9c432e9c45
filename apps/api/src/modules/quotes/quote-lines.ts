import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import Decimal from 'decimal.js';
import { badRequest } from '@core/http/domain-error';
import { ProductsService } from '@modules/products/products.service';
import { QuoteLineInputDto, QuoteLineResponse } from './dto/quote.dto';
import { QuoteLine } from './quote-line.entity';
import { computeLineTotals, LineTotals } from '@core/money/line-totals';
import { QuoteErrorCode } from './quotes.errors';
import type { Quote } from './quote.entity';

/** A line with every value settled (product defaults applied), before totals. */
export type ResolvedLine = Omit<QuoteLine, 'id' | 'quoteId' | 'amount' | 'taxAmount'>;

const DEFAULT_TAX_RATE = '13';

/** Quote lines: product defaults, the server's totals, storage (a quote's lines are replaced as a whole). */
@Injectable()
export class QuoteLines {
  constructor(private readonly products: ProductsService) {}

  /**
   * Fills product defaults; 400 on an unknown or inactive product, a product priced in another currency than
   * the quote, a product line priced below the product's (tier) price — a lower price is given as a discount,
   * which approval flows see —, and free-text lines without name or price.
   */
  async resolve(m: EntityManager, input: QuoteLineInputDto[], currency: string): Promise<ResolvedLine[]> {
    const products = await this.products.lineDefaults(input.map((l) => l.productId ?? '').filter(Boolean), m);
    return input.map((l, i) => {
      const at = `lines[${i}]`;
      const p = l.productId ? products.get(l.productId) : undefined;
      if (l.productId && !p) throw badRequest(QuoteErrorCode.QUOTE_UNKNOWN_PRODUCT, `${at}.productId`, `${at}.productId is not a product`);
      if (p && !p.active) throw badRequest(QuoteErrorCode.QUOTE_PRODUCT_INACTIVE, `${at}.productId`, `${at}.productId is no longer sold`);
      if (p && p.currency !== currency) {
        throw badRequest(QuoteErrorCode.QUOTE_PRODUCT_CURRENCY, `${at}.productId`, `${at}.productId is priced in ${p.currency}, the quote in ${currency}`, { params: { currency: p.currency } });
      }
      const listPrice = p?.unitPriceFor(l.quantity);
      if (l.unitPrice !== undefined && listPrice !== undefined && new Decimal(l.unitPrice).lessThan(listPrice)) {
        throw badRequest(QuoteErrorCode.QUOTE_PRICE_BELOW_LIST, `${at}.unitPrice`, `${at}.unitPrice is below the product's price ${listPrice}: give a discount instead`, { params: { listPrice: String(listPrice) } });
      }
      const name = l.name ?? p?.name;
      const unitPrice = l.unitPrice ?? listPrice;
      if (!name) throw badRequest(QuoteErrorCode.QUOTE_LINE_INCOMPLETE, `${at}.name`, `${at}.name is required without a product`);
      if (unitPrice === undefined) throw badRequest(QuoteErrorCode.QUOTE_LINE_INCOMPLETE, `${at}.unitPrice`, `${at}.unitPrice is required without a product`);
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

  /** 400 on `currency` when a product line of the quote is priced in another currency (a currency change without new lines). */
  async assertCurrency(m: EntityManager, lines: ResolvedLine[], currency: string): Promise<void> {
    const products = await this.products.lineDefaults(lines.map((l) => l.productId ?? '').filter(Boolean), m);
    const other = [...products.values()].find((p) => p.currency !== currency);
    if (other) throw badRequest(QuoteErrorCode.QUOTE_PRODUCT_CURRENCY, 'currency', `a line's product is priced in ${other.currency}`, { params: { currency: other.currency } });
  }

  totals(q: Pick<Quote, 'taxIncluded' | 'discountPercent'>, lines: ResolvedLine[]): LineTotals {
    return computeLineTotals({
      taxIncluded: q.taxIncluded,
      discountPercent: q.discountPercent,
      lines: lines.map((l) => ({ quantity: l.quantity, unitPrice: l.unitPrice, discountPercent: l.discountPercent, taxRate: l.taxRate, group: l.groupName })),
    });
  }

  /** Copies the totals onto the quote. */
  applyTotals(q: Quote, t: LineTotals): void {
    q.subtotal = t.subtotal;
    q.discountAmount = t.discountAmount;
    q.taxTotal = t.taxTotal;
    q.netTotal = t.netTotal;
    q.grandTotal = t.grandTotal;
    q.maxLineDiscount = t.maxLineDiscount;
    q.totalDiscount = t.totalDiscount;
  }

  /** Replaces the quote's lines with these (amounts from `t`). */
  async replace(m: EntityManager, quoteId: string, lines: ResolvedLine[], t: LineTotals): Promise<void> {
    await m.getRepository(QuoteLine).delete({ quoteId });
    if (!lines.length) return;
    await m.getRepository(QuoteLine).insert(lines.map((l, i) => ({ ...l, quoteId, amount: t.lines[i].amount, taxAmount: t.lines[i].taxAmount })));
  }

  async of(quoteId: string, m: EntityManager): Promise<QuoteLine[]> {
    return m.getRepository(QuoteLine).find({ where: { quoteId }, order: { position: 'ASC' } });
  }

  static toResolved(l: QuoteLine): ResolvedLine {
    const { id: _id, quoteId: _q, amount: _a, taxAmount: _t, ...rest } = l;
    return rest;
  }

  static toResponse(l: QuoteLine): QuoteLineResponse {
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
  static summary(lines: Pick<QuoteLine, 'name' | 'quantity' | 'unitPrice' | 'discountPercent'>[]): string[] {
    return lines.map((l) => `${l.name} × ${new Decimal(l.quantity).toString()} @ ${new Decimal(l.unitPrice).toFixed(2)}${new Decimal(l.discountPercent).isZero() ? '' : ` −${new Decimal(l.discountPercent).toString()}%`}`);
  }
}
