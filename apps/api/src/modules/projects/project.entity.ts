import { CustomValuesColumn } from '@core/custom-fields/custom-values.decorators';
import { Column, Entity } from 'typeorm';
import { BaseRecord } from '@core/database/base.entity';
import type { ProjectStatus } from '@keyuan/shared';

/** A project (项目) of an account and/or a contract: owner, members, dates, status; milestones in their own table. */
@Entity('projects')
export class Project extends BaseRecord {
  @Column({ type: 'varchar', length: 40 })
  number: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ type: 'varchar', length: 20, default: 'planning' })
  status: ProjectStatus;

  @Column({ type: 'uuid', nullable: true })
  accountId: string | null;

  @Column({ type: 'uuid', nullable: true })
  contractId: string | null;

  @Column({ type: 'date', nullable: true })
  startDate: string | null;

  @Column({ type: 'date', nullable: true })
  endDate: string | null;

  /** Users working on it: they see it whatever their data scope. */
  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  memberIds: string[];

  @Column({ type: 'uuid', nullable: true })
  ownerId: string | null;

  @Column({ type: 'uuid', nullable: true })
  departmentId: string | null;

  /** Custom field values by key (core/custom-fields). */
  @CustomValuesColumn()
  custom: Record<string, unknown>;
}
