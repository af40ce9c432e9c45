import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Integrations: API keys (hashed secrets bound to a role and a service user), webhook subscriptions and
 * their deliveries, and the outbox's transaction ids for the change feed (`GET /events`): a reader serves
 * only events of transactions older than every still-running one, ordered by (xid, seq), so a late commit
 * never lands behind a cursor already handed out.
 */
export class Integrations1765400000000 implements MigrationInterface {
  name = 'Integrations1765400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE api_keys (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name varchar(100) NOT NULL,
        prefix varchar(24) NOT NULL,
        secret_hash char(64) NOT NULL,
        user_id uuid NOT NULL REFERENCES users (id),
        role_id uuid NOT NULL REFERENCES roles (id),
        expires_at timestamptz(3),
        last_used_at timestamptz(3),
        last_used_ip varchar(64),
        ip_allow_list cidr[] NOT NULL DEFAULT '{}',
        rate_limit_per_minute int NOT NULL DEFAULT 600,
        revoked_at timestamptz(3),
        revoked_by uuid,
        created_by uuid,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        version int NOT NULL DEFAULT 1
      )`);
    await q.query(`CREATE UNIQUE INDEX uq_api_keys_secret_hash ON api_keys (secret_hash)`);
    await q.query(`CREATE INDEX idx_api_keys_created ON api_keys (created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX idx_api_keys_name ON api_keys (name, id)`);

    await q.query(`
      CREATE TABLE webhook_subscriptions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name varchar(100) NOT NULL,
        url varchar(2000) NOT NULL,
        events varchar(60)[] NOT NULL,
        secret varchar(100) NOT NULL,
        previous_secrets jsonb NOT NULL DEFAULT '[]'::jsonb,
        enabled boolean NOT NULL DEFAULT true,
        disabled_reason varchar(40),
        failing_since timestamptz(3),
        created_by uuid,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        deleted_at timestamptz(3),
        version int NOT NULL DEFAULT 1
      )`);
    await q.query(`CREATE INDEX idx_webhook_subscriptions_created ON webhook_subscriptions (created_at DESC, id DESC) WHERE deleted_at IS NULL`);
    await q.query(`CREATE INDEX idx_webhook_subscriptions_events ON webhook_subscriptions USING gin (events) WHERE deleted_at IS NULL AND enabled`);

    await q.query(`
      CREATE TABLE webhook_deliveries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq bigserial NOT NULL,
        subscription_id uuid NOT NULL REFERENCES webhook_subscriptions (id) ON DELETE CASCADE,
        message_id varchar(80) NOT NULL,
        event_type varchar(60) NOT NULL,
        entity_id uuid,
        body text NOT NULL,
        status varchar(20) NOT NULL DEFAULT 'pending',
        attempts int NOT NULL DEFAULT 0,
        next_attempt_at timestamptz(3) NOT NULL DEFAULT now(),
        response_status int,
        duration_ms int,
        response_body varchar(1024),
        error varchar(500),
        replay_of uuid,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        last_attempt_at timestamptz(3),
        delivered_at timestamptz(3)
      )`);
    // one delivery per (subscription, event) from the consumer, whatever the redeliveries; replays carry replay_of
    await q.query(`CREATE UNIQUE INDEX uq_webhook_deliveries_event ON webhook_deliveries (subscription_id, message_id) WHERE replay_of IS NULL`);
    await q.query(`CREATE INDEX idx_webhook_deliveries_list ON webhook_deliveries (subscription_id, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX idx_webhook_deliveries_status ON webhook_deliveries (subscription_id, status, created_at DESC, id DESC)`);
    // the worker's pick: due ones, and per record the oldest open one first (order per record)
    await q.query(`CREATE INDEX idx_webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status IN ('pending', 'retrying')`);
    await q.query(`CREATE INDEX idx_webhook_deliveries_open ON webhook_deliveries (subscription_id, entity_id, seq) WHERE status IN ('pending', 'retrying')`);

    await q.query(`ALTER TABLE outbox_events ADD COLUMN xid xid8 NOT NULL DEFAULT pg_current_xact_id()`);
    await q.query(`CREATE INDEX idx_outbox_events_feed ON outbox_events (xid, seq)`);
    await q.query(`CREATE INDEX idx_outbox_events_feed_name ON outbox_events (entity_type, name, xid, seq)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX idx_outbox_events_feed_name`);
    await q.query(`DROP INDEX idx_outbox_events_feed`);
    await q.query(`ALTER TABLE outbox_events DROP COLUMN xid`);
    await q.query(`DROP TABLE webhook_deliveries`);
    await q.query(`DROP TABLE webhook_subscriptions`);
    await q.query(`DROP TABLE api_keys`);
  }
}
