import { Column, CreateDateColumn, DeleteDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

/** A secret replaced by a rotation, still signed with until `expiresAt` (receivers switch over meanwhile). */
export interface PreviousSecret {
  secret: string;
  expiresAt: string;
}

/** An integrator's endpoint and the event types it receives. */
@Entity('webhook_subscriptions')
export class WebhookSubscription {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'varchar', length: 2000 })
  url: string;

  @Column({ type: 'varchar', length: 60, array: true })
  events: string[];

  @Column({ type: 'varchar', length: 100, select: false })
  secret: string;

  @Column({ type: 'jsonb', default: () => `'[]'::jsonb`, select: false })
  previousSecrets: PreviousSecret[];

  @Column({ type: 'boolean', default: true })
  enabled: boolean;

  /** Why it was switched off: `gone` (410), `failing` (3 days of failures), `manual`. */
  @Column({ type: 'varchar', length: 40, nullable: true })
  disabledReason: string | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  failingSince: Date | null;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  /** The API key that made it (null when a user did): its role, not its service user's, decides what it receives. */
  @Column({ type: 'uuid', nullable: true })
  createdByKey: string | null;

  /** The creating credential (a user or an API key's role) had `viewSensitive`: a condition for unmasked bodies. */
  @Column({ type: 'boolean', default: true })
  createdSeesSensitive: boolean;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt: Date;

  @DeleteDateColumn({ type: 'timestamptz', precision: 3 })
  deletedAt: Date | null;

  @VersionColumn()
  version: number;
}

/** One message to one subscription, with the outcome of its latest attempt. */
@Entity('webhook_deliveries')
export class WebhookDelivery {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'bigint', insert: false, update: false })
  seq: string;

  @Column({ type: 'uuid' })
  subscriptionId: string;

  /** The `webhook-id` header: the receiver's idempotency key (a replay keeps it). */
  @Column({ type: 'varchar', length: 80 })
  messageId: string;

  @Column({ type: 'varchar', length: 60 })
  eventType: string;

  @Column({ type: 'uuid', nullable: true })
  entityId: string | null;

  @Column({ type: 'text' })
  body: string;

  /** pending, retrying, succeeded, failed. */
  @Column({ type: 'varchar', length: 20, default: 'pending' })
  status: string;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ type: 'timestamptz', precision: 3 })
  nextAttemptAt: Date;

  @Column({ type: 'int', nullable: true })
  responseStatus: number | null;

  @Column({ type: 'int', nullable: true })
  durationMs: number | null;

  @Column({ type: 'varchar', length: 1024, nullable: true })
  responseBody: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  error: string | null;

  @Column({ type: 'uuid', nullable: true })
  replayOf: string | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  lastAttemptAt: Date | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  deliveredAt: Date | null;
}
