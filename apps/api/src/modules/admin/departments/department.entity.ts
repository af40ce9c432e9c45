import { Column, Entity } from 'typeorm';
import { BaseRecord } from '@core/database/base.entity';

@Entity('departments')
export class Department extends BaseRecord {
  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'uuid', nullable: true })
  parentId: string | null;

  /** Materialized path `/<root id>/.../<own id>/`, so "this department and below" is one prefix match. */
  @Column({ type: 'text' })
  path: string;

  /** Who approves for the department's people (approval flows' "department manager"); null: the next department up decides. */
  @Column({ type: 'uuid', nullable: true })
  managerId: string | null;
}
