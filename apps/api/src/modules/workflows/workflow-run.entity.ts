import type { WorkflowRunOutcome } from '@keyuan/shared';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** What a rule did for one event (or one due date): claimed once, then finished with its outcome. */
@Entity('workflow_runs')
export class WorkflowRun {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  ruleId: string;

  /** The event id, or `time:<record id>:<due ISO>` for time-based rules: unique per rule. */
  @Column({ type: 'varchar', length: 200 })
  runKey: string;

  @Column({ type: 'uuid', nullable: true })
  eventId: string | null;

  @Column({ type: 'varchar', length: 50 })
  entityType: string;

  @Column({ type: 'uuid' })
  entityId: string;

  @Column({ type: 'int', default: 0 })
  depth: number;

  @Column({ type: 'varchar', length: 20 })
  outcome: WorkflowRunOutcome;

  @Column({ type: 'text', nullable: true })
  error: string | null;

  /** What each action did, e.g. `{ type: 'createTask', taskId }`. */
  @Column({ type: 'jsonb', default: () => `'[]'` })
  actions: Record<string, unknown>[];

  @Column({ type: 'timestamptz', precision: 3, default: () => 'now()' })
  startedAt: Date;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  finishedAt: Date | null;

  @Column({ type: 'int', nullable: true })
  durationMs: number | null;
}
