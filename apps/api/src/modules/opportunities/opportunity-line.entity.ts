import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A line item of an opportunity: a product with the name, unit and price copied when the line was written. */
@Entity('opportunity_lines')
export class OpportunityLine {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  opportunityId: string;

  @Column({ type: 'int' })
  position: number;

  @Column({ type: 'uuid' })
  productId: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 20, nullable: true })
  unit: string | null;

  @Column({ type: 'numeric', precision: 18, scale: 4 })
  quantity: string;

  @Column({ type: 'numeric', precision: 18, scale: 4 })
  unitPrice: string;

  @Column({ type: 'numeric', precision: 5, scale: 2, default: 0 })
  discountPercent: string;

  /** round(quantity × unitPrice × (1 − discount/100)), half-up to cents (core/money/line-totals). */
  @Column({ type: 'numeric', precision: 18, scale: 2 })
  amount: string;
}
