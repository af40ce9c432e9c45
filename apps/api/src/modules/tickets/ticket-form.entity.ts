import { Column, Entity } from 'typeorm';
import type { TicketPriority, TicketType } from '@keyuan/shared';
import { BaseRecord } from '@core/database/base.entity';

/** A website support form posting to the public ticket endpoint with its own key. */
@Entity('ticket_forms')
export class TicketForm extends BaseRecord {
  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'char', length: 64 })
  keyHash: string;

  @Column({ type: 'varchar', length: 16 })
  keyPrefix: string;

  /** Tickets from the form go to this team (round-robin). */
  @Column({ type: 'uuid', nullable: true })
  teamId: string | null;

  @Column({ type: 'varchar', length: 20, default: 'inquiry' })
  type: TicketType;

  @Column({ type: 'varchar', length: 10, default: 'normal' })
  priority: TicketPriority;

  @Column({ type: 'boolean', default: true })
  active: boolean;
}
