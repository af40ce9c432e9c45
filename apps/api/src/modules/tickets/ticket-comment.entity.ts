import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A message on a ticket: a public reply (the customer sees it) or an internal note. */
@Entity('ticket_comments')
export class TicketComment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  ticketId: string;

  @Column({ type: 'varchar', length: 10 })
  visibility: 'public' | 'internal';

  /** Written by the customer (public reply endpoint or web form), not by a user. */
  @Column({ type: 'boolean', default: false })
  fromCustomer: boolean;

  @Column({ type: 'uuid', nullable: true })
  authorId: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  authorName: string | null;

  @Column({ type: 'text' })
  body: string;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
