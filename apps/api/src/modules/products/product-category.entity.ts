import { Column, Entity } from 'typeorm';
import { BaseRecord } from '@core/database/base.entity';

/** A node of the product category tree (产品分类). */
@Entity('product_categories')
export class ProductCategory extends BaseRecord {
  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'varchar', length: 100, nullable: true })
  nameEn: string | null;

  @Column({ type: 'uuid', nullable: true })
  parentId: string | null;

  @Column({ type: 'int', default: 0 })
  sortOrder: number;
}
