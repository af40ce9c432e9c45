import { Column, Entity } from 'typeorm';
import { BaseRecord } from '@core/database/base.entity';

/** A website form posting to the public web-to-lead endpoint, authenticated by its own key. */
@Entity('lead_forms')
export class LeadForm extends BaseRecord {
  @Column({ type: 'varchar', length: 100 })
  name: string;

  /** sha256 of the key; the key itself is shown once. */
  @Column({ type: 'char', length: 64 })
  keyHash: string;

  /** The key's first characters, to recognise it. */
  @Column({ type: 'varchar', length: 16 })
  keyPrefix: string;

  /** Where leads go when no assignment rule matches. */
  @Column({ type: 'uuid', nullable: true })
  poolId: string | null;

  @Column({ type: 'varchar', length: 30, default: 'web' })
  source: string;

  @Column({ type: 'uuid', nullable: true })
  campaignId: string | null;

  @Column({ type: 'boolean', default: true })
  active: boolean;
}
