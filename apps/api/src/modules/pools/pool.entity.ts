import { Column, Entity } from 'typeorm';
import { BaseRecord } from '@core/database/base.entity';

/** A 公海 / lead pool: ownerless leads and accounts of a department that its members may claim. */
@Entity('pools')
export class Pool extends BaseRecord {
  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ type: 'uuid', nullable: true })
  departmentId: string | null;

  /** Most records one member may hold at once from this pool. */
  @Column({ type: 'int', default: 50 })
  claimLimit: number;

  /** Owned records with no follow-up for this many days return to the pool (null: never). */
  @Column({ type: 'int', nullable: true })
  returnAfterDays: number | null;

  memberIds?: string[];
}
