import { Column, Entity } from 'typeorm';
import { BaseRecord } from '@core/database/base.entity';

/** Routes new leads matching its conditions to a group of users in turn (round-robin). */
@Entity('lead_assignment_rules')
export class LeadAssignmentRule extends BaseRecord {
  @Column({ type: 'varchar', length: 100 })
  name: string;

  /** Rules are evaluated by ascending position; the first match wins. */
  @Column({ type: 'int', default: 0 })
  position: number;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  /** Lead sources the rule applies to; empty = any. */
  @Column({ type: 'text', array: true, default: () => `'{}'` })
  sources: string[];

  /** Provinces the rule applies to; empty = any. */
  @Column({ type: 'text', array: true, default: () => `'{}'` })
  provinces: string[];

  /** Cities the rule applies to; empty = any. */
  @Column({ type: 'text', array: true, default: () => `'{}'` })
  cities: string[];

  /** The group receiving leads in turn. */
  @Column({ type: 'uuid', array: true, default: () => `'{}'` })
  userIds: string[];

  /** Index into userIds of the next receiver. */
  @Column({ type: 'int', default: 0 })
  nextIndex: number;
}
