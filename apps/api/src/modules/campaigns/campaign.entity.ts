import { Column, Entity } from 'typeorm';
import type { CampaignSegmentTarget, CampaignStatus, CampaignType, FilterGroup } from '@keyuan/shared';
import { BaseRecord } from '@core/database/base.entity';

/** Who a campaign aims at: a filter over the contacts or the accounts list (the lists' filter model). */
export interface CampaignSegment {
  target: CampaignSegmentTarget;
  filter: FilterGroup;
}

/** A 市场活动: an event, SMS, email, ad or social campaign with its budget, cost and the leads and deals it brought. */
@Entity('campaigns')
export class Campaign extends BaseRecord {
  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 20 })
  type: CampaignType;

  @Column({ type: 'varchar', length: 20, default: 'planned' })
  status: CampaignStatus;

  /** `YYYY-MM-DD`. */
  @Column({ type: 'date' })
  startDate: string;

  /** `YYYY-MM-DD`, on or after the start. */
  @Column({ type: 'date', nullable: true })
  endDate: string | null;

  /** Exact decimals, as strings (`pg` answers numeric as text), in `currency`. */
  @Column({ type: 'numeric', precision: 18, scale: 2, nullable: true })
  budget: string | null;

  @Column({ type: 'numeric', precision: 18, scale: 2, nullable: true })
  actualCost: string | null;

  @Column({ type: 'numeric', precision: 18, scale: 2, nullable: true })
  expectedRevenue: string | null;

  @Column({ type: 'char', length: 3, default: 'CNY' })
  currency: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ type: 'jsonb', nullable: true })
  targetSegment: CampaignSegment | null;

  @Column({ type: 'uuid', nullable: true })
  ownerId: string | null;

  @Column({ type: 'uuid', nullable: true })
  departmentId: string | null;
}
