import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthUser } from '@core/auth/auth-user';
import { ProductsService } from '@modules/products/products.service';
import { OpportunityLinesResponse, ReplaceOpportunityLinesDto } from './dto/opportunity-line.dto';
import { OpportunityLine } from './opportunity-line.entity';
import { linesSummary, resolveLines } from './opportunity-lines.rules';
import { OpportunityRecords } from './opportunity-records';
import type { Opportunity } from './opportunity.entity';

/**
 * Line items of an opportunity (products with quantity, price and discount). While it has lines, its amount
 * is their exact total; replacing them is an update of the opportunity (version, 412, audit, timeline).
 */
@Injectable()
export class OpportunityLinesService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly records: OpportunityRecords,
    private readonly products: ProductsService,
  ) {}

  /** The lines of an opportunity the actor may read (404 otherwise). */
  async get(actor: AuthUser, id: string): Promise<OpportunityLinesResponse> {
    const o = await this.records.find(actor, id);
    return this.response(o, await this.of(this.ds.manager, id));
  }

  /** Replaces the lines as a whole; the amount follows their total (an empty list frees it, keeping the last total). */
  async replace(actor: AuthUser, id: string, dto: ReplaceOpportunityLinesDto, ifMatch?: number): Promise<OpportunityLinesResponse> {
    return this.ds.transaction(async (m) => {
      const o = await this.records.store.update(
        actor,
        id,
        ifMatch ?? dto.version,
        async (o) => {
          const before = await this.of(m, id);
          const products = await this.products.lineDefaults(dto.lines.map((l) => l.productId), m);
          const { lines, total } = resolveLines(dto.lines, products, o.currency);
          const changed = JSON.stringify(linesSummary(before)) !== JSON.stringify(linesSummary(lines));
          if (!changed) return [];
          await m.getRepository(OpportunityLine).delete({ opportunityId: id });
          if (lines.length) await m.getRepository(OpportunityLine).insert(lines.map((l) => ({ ...l, opportunityId: id })));
          o.hasLines = lines.length > 0;
          if (lines.length) o.amount = total;
          return [{ field: 'lines', old: linesSummary(before), new: linesSummary(lines) }];
        },
        m,
      );
      return this.response(await this.records.find(null, o.id, m), await this.of(m, id));
    });
  }

  private of(m: EntityManager, opportunityId: string): Promise<OpportunityLine[]> {
    return m.getRepository(OpportunityLine).find({ where: { opportunityId }, order: { position: 'ASC' } });
  }

  private response(o: Opportunity, lines: OpportunityLine[]): OpportunityLinesResponse {
    return {
      opportunityId: o.id,
      currency: o.currency,
      amount: o.amount,
      hasLines: o.hasLines,
      version: o.version,
      lines: lines.map((l) => ({
        id: l.id,
        position: l.position,
        productId: l.productId,
        name: l.name,
        unit: l.unit,
        quantity: l.quantity,
        unitPrice: l.unitPrice,
        discountPercent: l.discountPercent,
        amount: l.amount,
      })),
    };
  }
}
