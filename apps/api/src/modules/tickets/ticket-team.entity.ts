import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import { BaseRecord } from '@core/database/base.entity';

/** A service team (客服组): agents that share a queue; new tickets go round-robin by load. */
@Entity('ticket_teams')
export class TicketTeam extends BaseRecord {
  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'varchar', length: 500, nullable: true })
  description: string | null;

  /** The team lead: escalations reach them too. */
  @Column({ type: 'uuid', nullable: true })
  leadId: string | null;

  /** New tickets without an assignee go to the least-loaded active agent. */
  @Column({ type: 'boolean', default: true })
  autoAssign: boolean;
}

@Entity('ticket_team_members')
export class TicketTeamMember {
  @PrimaryColumn({ type: 'uuid' })
  teamId: string;

  @PrimaryColumn({ type: 'uuid' })
  userId: string;

  /** Inactive agents (on leave) get no new tickets. */
  @Column({ type: 'boolean', default: true })
  active: boolean;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  lastAssignedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
