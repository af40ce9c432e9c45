import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DemoSeeders } from '@core/demo/demo-seeders';
import { ProductsService } from '@modules/products/products.service';
import { OpportunityLine } from './opportunity-line.entity';
import { resolveLines } from './opportunity-lines.rules';
import { Opportunity } from './opportunity.entity';

/** Which demo products (by SKU) go on the first open CNY opportunities, with quantity and discount. */
const BASKETS: { sku: string; quantity: string; discountPercent?: string }[][] = [
  [{ sku: 'KY-CRM-PRO', quantity: '1' }, { sku: 'KY-SEAT', quantity: '30', discountPercent: '5' }, { sku: 'SV-IMPL', quantity: '10' }],
  [{ sku: 'KY-CRM-STD', quantity: '2' }, { sku: 'SV-TRAIN', quantity: '1' }],
  [{ sku: 'HW-POS-01', quantity: '20', discountPercent: '8' }, { sku: 'HW-SCAN-02', quantity: '20', discountPercent: '8' }],
];

/** Line items on a few demo opportunities (order 36: after the opportunities and the products); their amount is the lines' total. */
@Injectable()
export class OpportunityLinesDemoSeeder implements OnModuleInit {
  constructor(
    private readonly seeders: DemoSeeders,
    private readonly products: ProductsService,
  ) {}

  onModuleInit(): void {
    this.seeders.register(36, 'opportunity lines', (m) => this.seed(m));
  }

  private async seed(m: EntityManager): Promise<void> {
    const catalogue = await this.products.demoSample(m, 100);
    const bySku = new Map(catalogue.map((p) => [p.sku, p.id]));
    const defaults = await this.products.lineDefaults([...bySku.values()], m);
    const opportunities = await m
      .getRepository(Opportunity)
      .createQueryBuilder('o')
      .where(`o.currency = 'CNY' AND o.won_at IS NULL AND o.lost_at IS NULL`)
      .orderBy('o.created_at')
      .limit(BASKETS.length)
      .getMany();
    for (const [i, o] of opportunities.entries()) {
      const input = BASKETS[i].filter((l) => bySku.has(l.sku)).map((l) => ({ productId: bySku.get(l.sku)!, quantity: l.quantity, discountPercent: l.discountPercent }));
      if (!input.length) continue;
      const { lines, total } = resolveLines(input, defaults, o.currency);
      await m.getRepository(OpportunityLine).insert(lines.map((l) => ({ ...l, opportunityId: o.id })));
      await m.getRepository(Opportunity).update(o.id, { amount: total, hasLines: true });
    }
  }
}
