import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { badRequest } from '@core/http/domain-error';
import { documentLineResponse, documentLineSummary, documentTotals } from '@core/money/document-lines';
import { ProductsService } from '@modules/products/products.service';
import { QuoteLineInputDto, QuoteLineResponse } from './dto/quote.dto';
import { QuoteLine } from './quote-line.entity';
import type { LineTotals } from '@core/money/line-totals';
import { QuoteErrorCode } from './quotes.errors';
import type { Quote } from './quote.entity';

/** A line with every value settled (product defaults applied), before totals. */
export type ResolvedLine = Omit<QuoteLine, 'id' | 'quoteId' | 'amount' | 'taxAmount'>;

const QUOTE_LINE_CODES = {
  unknownProduct: QuoteErrorCode.QUOTE_UNKNOWN_PRODUCT,
  inactiveProduct: QuoteErrorCode.QUOTE_PRODUCT_INACTIVE,
  productCurrency: QuoteErrorCode.QUOTE_PRODUCT_CURRENCY,
  priceBelowList: QuoteErrorCode.QUOTE_PRICE_BELOW_LIST,
  incomplete: QuoteErrorCode.QUOTE_LINE_INCOMPLETE,
};

/** Quote lines: product defaults, the server's totals, storage (a quote's lines are replaced as a whole). */
@Injectable()
export class QuoteLines {
  constructor(private readonly products: ProductsService) {}

  /** Fills product defaults with the shared document-line rules (products/document-lines.ts), with the quote's error codes. */
  resolve(m: EntityManager, input: QuoteLineInputDto[], currency: string): Promise<ResolvedLine[]> {
    return this.products.resolveDocumentLines(m, input, currency, QUOTE_LINE_CODES, 'quote');
  }

  /** 400 on `currency` when a product line of the quote is priced in another currency (a currency change without new lines). */
  async assertCurrency(m: EntityManager, lines: ResolvedLine[], currency: string): Promise<void> {
    const other = await this.products.otherLineCurrency(m, lines.map((l) => l.productId), currency);
    if (other) throw badRequest(QuoteErrorCode.QUOTE_PRODUCT_CURRENCY, 'currency', `a line's product is priced in ${other}`, { params: { currency: other } });
  }

  totals(q: Pick<Quote, 'taxIncluded' | 'discountPercent'>, lines: ResolvedLine[]): LineTotals {
    return documentTotals(q, lines);
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
    return documentLineResponse(l);
  }

  /** What the audit log keeps of a set of lines: one short text per line. */
  static summary(lines: Pick<QuoteLine, 'name' | 'quantity' | 'unitPrice' | 'discountPercent'>[]): string[] {
    return documentLineSummary(lines);
  }
}
