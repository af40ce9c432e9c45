import { Column, Entity } from 'typeorm';
import { BaseRecord } from '@core/database/base.entity';
import type { FlowStep } from './approval-flow.entity';

export const APPROVAL_STATUSES = ['pending', 'approved', 'rejected'] as const;
export type ApprovalStatus = (typeof APPROVAL_STATUSES)[number];

/** One run of a flow over one record: the steps are copied from the flow when it starts. */
@Entity('approvals')
export class Approval extends BaseRecord {
  @Column({ type: 'uuid' })
  flowId: string;

  @Column({ type: 'varchar', length: 100 })
  flowName: string;

  @Column({ type: 'varchar', length: 50 })
  kind: string;

  @Column({ type: 'varchar', length: 50 })
  trigger: string;

  @Column({ type: 'uuid' })
  recordId: string;

  @Column({ type: 'varchar', length: 200 })
  recordName: string;

  /** The record's values when submitted (what the condition saw). */
  @Column({ type: 'jsonb' })
  record: Record<string, unknown>;

  @Column({ type: 'uuid' })
  submitterId: string;

  @Column({ type: 'varchar', length: 20, default: 'pending' })
  status: ApprovalStatus;

  /** Index into `steps` of the step waiting for decisions. */
  @Column({ type: 'int', default: 0 })
  currentStep: number;

  @Column({ type: 'jsonb' })
  steps: FlowStep[];

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  decidedAt: Date | null;
}
