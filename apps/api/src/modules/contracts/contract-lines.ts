import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import Decimal from 'decimal.js';
import { badRequest } from '@core/http/domain-error';
import { computeLineTotals, LineTotals } from '@core/money/line-totals';
import { ProductsService } from '@modules/products/products.service';
import { ContractLineInputDto, ContractLineResponse } from './dto/contract.dto';
import { ContractLine } from './contract-line.entity';
import type { Contract } from './contract.entity';
import { ContractErrorCode } from './contracts.errors';

/** A line with every value settled (product defaults applied), before totals. */
export type ResolvedContractLine = Omit<ContractLine, 'id' | 'contractId' | 'amount' | 'taxAmount'>;

const DEFAULT_TAX_RATE = '13';

/** Contract lines: product defaults, the shared totals (core/money/line-totals.ts, as quotes), storage (replaced as a whole). */
@Injectable()
export class ContractLines {
  constructor(private readonly products: ProductsService) {}

  /** Fills product defaults; 400 on an unknown product, a product priced in another currency, a free-text line without name or price. */
  async resolve(m: EntityManager, input: ContractLineInputDto[], currency: string): Promise<ResolvedContractLine[]> {
    const products = await this.products.lineDefaults(input.map((l) => l.productId ?? '').filter(Boolean), m);
    return input.map((l, i) => {
      const at = `lines[${i}]`;
      const p = l.productId ? products.get(l.productId) : undefined;
      if (l.productId && !p) throw badRequest(ContractErrorCode.CONTRACT_UNKNOWN_PRODUCT, `${at}.productId`, `${at}.productId is not a product`);
      if (p && p.currency !== currency) {
        throw badRequest(ContractErrorCode.CONTRACT_PRODUCT_CURRENCY, `${at}.productId`, `${at}.productId is priced in ${p.currency}, the contract in ${currency}`, { params: { currency: p.currency } });
      }
      const name = l.name ?? p?.name;
      const unitPrice = l.unitPrice ?? p?.unitPriceFor(l.quantity);
      if (!name) throw badRequest(ContractErrorCode.CONTRACT_LINE_INCOMPLETE, `${at}.name`, `${at}.name is required without a product`);
      if (unitPrice === undefined) throw badRequest(ContractErrorCode.CONTRACT_LINE_INCOMPLETE, `${at}.unitPrice`, `${at}.unitPrice is required without a product`);
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

  /** 400 on `currency` when a product line is priced in another currency (a currency change without new lines). */
  async assertCurrency(m: EntityManager, lines: ResolvedContractLine[], currency: string): Promise<void> {
    const products = await this.products.lineDefaults(lines.map((l) => l.productId ?? '').filter(Boolean), m);
    const other = [...products.values()].find((p) => p.currency !== currency);
    if (other) throw badRequest(ContractErrorCode.CONTRACT_PRODUCT_CURRENCY, 'currency', `a line's product is priced in ${other.currency}`, { params: { currency: other.currency } });
  }

  totals(c: Pick<Contract, 'taxIncluded' | 'discountPercent'>, lines: ResolvedContractLine[]): LineTotals {
    return computeLineTotals({
      taxIncluded: c.taxIncluded,
      discountPercent: c.discountPercent,
      lines: lines.map((l) => ({ quantity: l.quantity, unitPrice: l.unitPrice, discountPercent: l.discountPercent, taxRate: l.taxRate, group: l.groupName })),
    });
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
  static summary(lines: Pick<ContractLine, 'name' | 'quantity' | 'unitPrice' | 'discountPercent'>[]): string[] {
    return lines.map((l) => `${l.name} × ${new Decimal(l.quantity).toString()} @ ${new Decimal(l.unitPrice).toFixed(2)}${new Decimal(l.discountPercent).isZero() ? '' : ` −${new Decimal(l.discountPercent).toString()}%`}`);
  }
}
