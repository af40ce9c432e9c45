import { Column, Entity } from 'typeorm';
import { BaseRecord } from '@core/database/base.entity';

/** A quantity from which a lower unit price applies. */
export interface PriceTier {
  minQuantity: string;
  unitPrice: string;
}

/** A catalogue item (产品): the company's, not a user's, so no owner and no data scope. */
@Entity('products')
export class Product extends BaseRecord {
  @Column({ type: 'varchar', length: 64 })
  sku: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  nameEn: string | null;

  @Column({ type: 'uuid', nullable: true })
  categoryId: string | null;

  @Column({ type: 'varchar', length: 20, default: '个' })
  unit: string;

  /** numeric: `pg` answers a string, exact. */
  @Column({ type: 'numeric', precision: 18, scale: 2, default: 0 })
  listPrice: string;

  @Column({ type: 'char', length: 3, default: 'CNY' })
  currency: string;

  @Column({ type: 'numeric', precision: 18, scale: 2, nullable: true })
  cost: string | null;

  @Column({ type: 'numeric', precision: 5, scale: 2, default: 13 })
  taxRate: string;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  priceTiers: PriceTier[];

}
