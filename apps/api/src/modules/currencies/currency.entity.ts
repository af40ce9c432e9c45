import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

/**
 * A currency the company uses (币种): enabled or not, and which one is the base every total converts to.
 * Only currencies someone enabled have a row; the ISO 4217 list itself comes from `currency-codes`.
 */
@Entity('currencies')
export class Currency {
  /** ISO 4217 code. */
  @PrimaryColumn({ type: 'char', length: 3 })
  code: string;

  /** For the audit log, which keys entries by uuid. */
  @Column({ type: 'uuid', insert: false, update: false })
  id: string;

  @Column({ type: 'boolean', default: true })
  enabled: boolean;

  @Column({ type: 'boolean', default: false })
  isBase: boolean;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt: Date;

  @VersionColumn({ default: 1 })
  version: number;
}
