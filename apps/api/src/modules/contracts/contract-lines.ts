import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { badRequest } from '@core/http/domain-error';
import type { LineTotals } from '@core/money/line-totals';
import { documentLineResponse, documentLineSummary, documentTotals } from '@core/money/document-lines';
import { ProductsService } from '@modules/products/products.service';
import { ContractLineInputDto, ContractLineResponse } from './dto/contract.dto';
import { ContractLine } from './contract-line.entity';
import type { Contract } from './contract.entity';
import { ContractErrorCode } from './contracts.errors';

/** A line with every value settled (product defaults applied), before totals. */
export type ResolvedContractLine = Omit<ContractLine, 'id' | 'contractId' | 'amount' | 'taxAmount'>;

const CONTRACT_LINE_CODES = {
  unknownProduct: ContractErrorCode.CONTRACT_UNKNOWN_PRODUCT,
  inactiveProduct: ContractErrorCode.CONTRACT_PRODUCT_INACTIVE,
  productCurrency: ContractErrorCode.CONTRACT_PRODUCT_CURRENCY,
  priceBelowList: ContractErrorCode.CONTRACT_PRICE_BELOW_LIST,
  incomplete: ContractErrorCode.CONTRACT_LINE_INCOMPLETE,
};

/** Contract lines: product defaults, the shared totals (core/money/line-totals.ts, as quotes), storage (replaced as a whole). */
@Injectable()
export class ContractLines {
  constructor(private readonly products: ProductsService) {}

  /** Fills product defaults with the shared document-line rules (products/document-lines.ts, as quotes), with the contract's error codes. */
  resolve(m: EntityManager, input: ContractLineInputDto[], currency: string): Promise<ResolvedContractLine[]> {
    return this.products.resolveDocumentLines(m, input, currency, CONTRACT_LINE_CODES, 'contract');
  }

  /** 400 on `currency` when a product line is priced in another currency (a currency change without new lines). */
  async assertCurrency(m: EntityManager, lines: ResolvedContractLine[], currency: string): Promise<void> {
    const other = await this.products.otherLineCurrency(m, lines.map((l) => l.productId), currency);
    if (other) throw badRequest(ContractErrorCode.CONTRACT_PRODUCT_CURRENCY, 'currency', `a line's product is priced in ${other}`, { params: { currency: other } });
  }

  totals(c: Pick<Contract, 'taxIncluded' | 'discountPercent'>, lines: ResolvedContractLine[]): LineTotals {
    return documentTotals(c, lines);
  }

  /** With lines, the contract's money follows their totals (amount = grand total); without, the entered amount stands and the breakdown is zero. */
  applyTotals(c: Contract, lines: ResolvedContractLine[], t: LineTotals): void {
    if (!lines.length) {
      c.subtotal = '0';
      c.discountAmount = '0';
      c.taxTotal = '0';
      c.netTotal = '0';
      return;
    }
    c.subtotal = t.subtotal;
    c.discountAmount = t.discountAmount;
    c.taxTotal = t.taxTotal;
    c.netTotal = t.netTotal;
    c.amount = t.grandTotal;
  }

  async replace(m: EntityManager, contractId: string, lines: ResolvedContractLine[], t: LineTotals): Promise<void> {
    await m.getRepository(ContractLine).delete({ contractId });
    if (!lines.length) return;
    await m.getRepository(ContractLine).insert(lines.map((l, i) => ({ ...l, contractId, amount: t.lines[i].amount, taxAmount: t.lines[i].taxAmount })));
  }

  async of(contractId: string, m: EntityManager): Promise<ContractLine[]> {
    return m.getRepository(ContractLine).find({ where: { contractId }, order: { position: 'ASC' } });
  }

  static toResolved(l: ContractLine): ResolvedContractLine {
    const { id: _id, contractId: _c, amount: _a, taxAmount: _t, ...rest } = l;
    return rest;
  }

  static toResponse(l: ContractLine): ContractLineResponse {
    return documentLineResponse(l);
  }

  /** What the audit log keeps of a set of lines: one short text per line. */
  static summary(lines: Pick<ContractLine, 'name' | 'quantity' | 'unitPrice' | 'discountPercent'>[]): string[] {
    return documentLineSummary(lines);
  }
}
