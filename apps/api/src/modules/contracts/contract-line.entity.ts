import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A line of a contract (copied from its quote or entered): a product (its values copied when the line was written) or free text. */
@Entity('contract_lines')
export class ContractLine {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  contractId: string;

  @Column({ type: 'int' })
  position: number;

  @Column({ type: 'varchar', length: 100, nullable: true })
  groupName: string | null;

  @Column({ type: 'uuid', nullable: true })
  productId: string | null;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  description: string | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  unit: string | null;

  @Column({ type: 'numeric', precision: 18, scale: 4 })
  quantity: string;

  @Column({ type: 'numeric', precision: 18, scale: 4 })
  unitPrice: string;

  @Column({ type: 'numeric', precision: 5, scale: 2, default: 0 })
  discountPercent: string;

  @Column({ type: 'numeric', precision: 5, scale: 2, default: 0 })
  taxRate: string;

  @Column({ type: 'numeric', precision: 18, scale: 2 })
  amount: string;

  @Column({ type: 'numeric', precision: 18, scale: 2 })
  taxAmount: string;
}
