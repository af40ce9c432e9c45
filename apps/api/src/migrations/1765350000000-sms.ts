import { MigrationInterface, QueryRunner } from 'typeorm';

const base = `
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        version int NOT NULL DEFAULT 1`;

/**
 * SMS (短信): the provider settings (one row, credentials sealed with CREDENTIALS_KEY), templates, messages in
 * both directions (status, provider id, error code; owner and department for the data scope), broadcasts,
 * opt-outs by phone and the webhook keys already handled (receipts and inbound are idempotent).
 */
export class Sms1765350000000 implements MigrationInterface {
  name = 'Sms1765350000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE sms_settings (
        id smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
        provider varchar(20) NOT NULL DEFAULT 'log',
        credentials text,
        webhook_token varchar(64) NOT NULL DEFAULT replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''),
        public_base_url varchar(300),
        rate_per_second int NOT NULL DEFAULT 20,
        quiet_start varchar(5) NOT NULL DEFAULT '08:00',
        quiet_end varchar(5) NOT NULL DEFAULT '21:00',
        cap_template_per_day int NOT NULL DEFAULT 50,
        cap_marketing_per_day int NOT NULL DEFAULT 3,
        opt_out_line varchar(40) NOT NULL DEFAULT '拒收请回复R',
        ${base}
      )`);
    await q.query(`INSERT INTO sms_settings (id) VALUES (1)`);
    await q.query(`
      CREATE TABLE sms_templates (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name varchar(100) NOT NULL,
        body text NOT NULL,
        kind varchar(20) NOT NULL,
        provider_template_code varchar(100),
        status varchar(20) NOT NULL DEFAULT 'active',
        created_by uuid,
        deleted_at timestamptz(3),
        ${base}
      )`);
    await q.query(`CREATE UNIQUE INDEX uq_sms_templates_name ON sms_templates (lower(name)) WHERE deleted_at IS NULL`);
    await q.query(`CREATE INDEX idx_sms_templates_list ON sms_templates (created_at DESC, id DESC) WHERE deleted_at IS NULL`);
    await q.query(`
      CREATE TABLE sms_broadcasts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name varchar(200) NOT NULL,
        template_id uuid NOT NULL REFERENCES sms_templates (id),
        audience jsonb NOT NULL,
        variables jsonb NOT NULL DEFAULT '{}',
        status varchar(20) NOT NULL DEFAULT 'scheduled',
        scheduled_at timestamptz(3),
        rate_per_second int NOT NULL,
        cursor text,
        listed int NOT NULL DEFAULT 0,
        done boolean NOT NULL DEFAULT false,
        lease_until timestamptz(3),
        error varchar(500),
        started_at timestamptz(3),
        finished_at timestamptz(3),
        owner_id uuid NOT NULL,
        department_id uuid,
        ${base}
      )`);
    await q.query(`CREATE INDEX idx_sms_broadcasts_list ON sms_broadcasts (created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX idx_sms_broadcasts_owner ON sms_broadcasts (owner_id, created_at DESC, id DESC)`);
    await q.query(`
      CREATE TABLE sms_messages (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        direction varchar(10) NOT NULL,
        status varchar(20) NOT NULL,
        phone varchar(20) NOT NULL,
        body text NOT NULL,
        kind varchar(20) NOT NULL DEFAULT 'notification',
        parts int NOT NULL DEFAULT 1,
        template_id uuid REFERENCES sms_templates (id),
        template_params jsonb,
        broadcast_id uuid REFERENCES sms_broadcasts (id),
        contact_id uuid,
        lead_id uuid,
        owner_id uuid,
        department_id uuid,
        provider varchar(20),
        provider_id varchar(100),
        error_code varchar(100),
        error_message varchar(500),
        scheduled_at timestamptz(3),
        sent_at timestamptz(3),
        delivered_at timestamptz(3),
        read_at timestamptz(3),
        created_by uuid,
        ${base}
      )`);
    await q.query(`CREATE INDEX idx_sms_messages_list ON sms_messages (created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX idx_sms_messages_owner ON sms_messages (owner_id, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX idx_sms_messages_department ON sms_messages (department_id, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX idx_sms_messages_phone ON sms_messages (phone, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX idx_sms_messages_contact ON sms_messages (contact_id, created_at DESC) WHERE contact_id IS NOT NULL`);
    await q.query(`CREATE INDEX idx_sms_messages_status ON sms_messages (status, created_at DESC)`);
    await q.query(`CREATE INDEX idx_sms_messages_broadcast ON sms_messages (broadcast_id, status) WHERE broadcast_id IS NOT NULL`);
    await q.query(`CREATE UNIQUE INDEX uq_sms_messages_broadcast_contact ON sms_messages (broadcast_id, contact_id) WHERE broadcast_id IS NOT NULL`);
    await q.query(`CREATE UNIQUE INDEX uq_sms_messages_provider_id ON sms_messages (provider, provider_id) WHERE provider_id IS NOT NULL`);
    await q.query(`CREATE INDEX idx_sms_messages_due ON sms_messages (scheduled_at) WHERE status = 'scheduled'`);
    await q.query(`CREATE INDEX idx_sms_messages_unread ON sms_messages (phone) WHERE direction = 'inbound' AND read_at IS NULL`);
    await q.query(`
      CREATE TABLE sms_opt_outs (
        phone varchar(20) PRIMARY KEY,
        source varchar(20) NOT NULL,
        message_id uuid,
        created_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE sms_webhook_keys (
        provider varchar(20) NOT NULL,
        kind varchar(10) NOT NULL,
        key varchar(200) NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (provider, kind, key)
      )`);
    // sales roles text their customers (new databases get it from the built-in role definitions)
    for (const [key, scope] of [['sales_rep', 'own'], ['sales_manager', 'department']]) {
      await q.query(
        `UPDATE roles SET permissions = permissions || jsonb_build_array(jsonb_build_object('module', 'sms', 'actions', '["read","create"]'::jsonb, 'scope', $2::text)),
                version = version + 1, updated_at = now()
          WHERE key = $1 AND built_in AND deleted_at IS NULL AND NOT permissions @> '[{"module":"sms"}]'::jsonb`,
        [key, scope],
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['sms_webhook_keys', 'sms_opt_outs', 'sms_messages', 'sms_broadcasts', 'sms_templates', 'sms_settings']) await q.query(`DROP TABLE IF EXISTS ${t}`);
  }
}
