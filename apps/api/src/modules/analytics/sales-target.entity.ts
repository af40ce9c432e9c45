import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { BaseRecord } from '@core/database/base.entity';

/** A sales target (销售目标): the amount in the base currency a user or a department should win in a month. */
@Entity('sales_targets')
export class SalesTarget extends BaseRecord {
  /** `YYYY-MM`. */
  @Column({ type: 'char', length: 7 })
  period: string;

  /** The rep the target is for; null for a department's target. */
  @Column({ type: 'uuid', nullable: true })
  userId: string | null;

  /** The department's target, or the rep's department (for the data scope). */
  @Column({ type: 'uuid', nullable: true })
  departmentId: string | null;

  @Column({ type: 'numeric', precision: 18, scale: 2 })
  amount: string;
}

/** A manager's adjusted forecast for a team (or a rep) and month; never changed, the latest counts. */
@Entity('forecast_adjustments')
export class ForecastAdjustment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'char', length: 7 })
  period: string;

  @Column({ type: 'uuid', nullable: true })
  userId: string | null;

  @Column({ type: 'uuid', nullable: true })
  departmentId: string | null;

  @Column({ type: 'numeric', precision: 18, scale: 2 })
  amount: string;

  @Column({ type: 'varchar', length: 500, nullable: true })
  note: string | null;

  @Column({ type: 'uuid' })
  createdById: string;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
