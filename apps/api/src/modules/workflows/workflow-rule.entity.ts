import type { FilterGroup, WorkflowAction, WorkflowTrigger } from '@keyuan/shared';
import { Column, Entity } from 'typeorm';
import { BaseRecord } from '@core/database/base.entity';

/** An admin's automation on one record kind: when (trigger), if (conditions), then (actions). */
@Entity('workflow_rules')
export class WorkflowRule extends BaseRecord {
  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  /** The record kind, e.g. `lead`. */
  @Column({ type: 'varchar', length: 50 })
  entityType: string;

  @Column({ type: 'boolean', default: true })
  enabled: boolean;

  @Column({ type: 'jsonb' })
  trigger: WorkflowTrigger;

  @Column({ type: 'jsonb' })
  conditions: FilterGroup;

  @Column({ type: 'jsonb' })
  actions: WorkflowAction[];

  /** Next turn of each round-robin action, by action index. */
  @Column({ type: 'jsonb', default: () => `'{}'` })
  roundRobin: Record<string, number>;

  /** Time-based rules: due dates up to here were scanned (the next scan starts after it). */
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  scannedUntil: Date | null;

  /** The author: actions run with this user's permissions. */
  @Column({ type: 'uuid', nullable: true })
  createdById: string | null;
}
