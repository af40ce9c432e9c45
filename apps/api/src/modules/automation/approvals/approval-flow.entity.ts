import type { FilterGroup } from '@keyuan/shared';
import { Column, Entity } from 'typeorm';
import { BaseRecord } from '@core/database/base.entity';

export const APPROVAL_MODES = ['any', 'all'] as const;
export type ApprovalMode = (typeof APPROVAL_MODES)[number];
export const APPROVER_TYPES = ['manager', 'role', 'users'] as const;
export type ApproverType = (typeof APPROVER_TYPES)[number];

/**
 * Who approves a step. `manager`: the department manager of the submitter, or (with `of`) of the user
 * named by that record field, e.g. the other record's owner in a 撞单 request; `role`: holders of the
 * role in the submitter's department or the nearest one above; `users`: these people.
 */
export interface ApproverSpec {
  type: ApproverType;
  of?: string | null;
  roleKey?: string | null;
  userIds?: string[] | null;
}

export interface FlowStep {
  name?: string | null;
  /** `any`: the first decision counts; `all`: every approver must approve. */
  mode: ApprovalMode;
  approvers: ApproverSpec[];
}

/** An admin's rule: records of `kind` hitting `trigger` and matching `condition` go through `steps`. */
@Entity('approval_flows')
export class ApprovalFlow extends BaseRecord {
  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'varchar', length: 50 })
  kind: string;

  @Column({ type: 'varchar', length: 50 })
  trigger: string;

  @Column({ type: 'jsonb', nullable: true })
  condition: FilterGroup | null;

  @Column({ type: 'jsonb' })
  steps: FlowStep[];

  /** Off: the trigger needs no approval (e.g. allow 撞单 "Save anyway" freely). */
  @Column({ type: 'boolean', default: true })
  enabled: boolean;

  /** Flows of a kind and trigger are tried by priority (lowest first); the first matching one runs. */
  @Column({ type: 'int', default: 100 })
  priority: number;
}
