import { MigrationInterface, QueryRunner } from 'typeorm';

const base = `
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        version int NOT NULL DEFAULT 1`;

/**
 * Email (邮件): mailboxes (SMTP + IMAP settings, passwords sealed with CREDENTIALS_KEY), templates, messages in
 * both directions (threading headers, the record they belong to with its owner and department for the data
 * scope, retries, the server's reply; inbound ones keyed by mailbox + UIDVALIDITY + UID so each is processed
 * once) and addresses that bounced or unsubscribed.
 */
export class EmailModule1765520000000 implements MigrationInterface {
  name = 'EmailModule1765520000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE email_accounts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name varchar(100) NOT NULL,
        address varchar(254) NOT NULL,
        from_name varchar(100),
        purpose varchar(20) NOT NULL DEFAULT 'sales',
        user_id uuid,
        signature text,
        smtp_host varchar(255) NOT NULL,
        smtp_port int NOT NULL,
        smtp_security varchar(10) NOT NULL DEFAULT 'starttls',
        smtp_user varchar(254),
        imap_host varchar(255),
        imap_port int,
        imap_security varchar(10) NOT NULL DEFAULT 'tls',
        imap_user varchar(254),
        imap_mailbox varchar(200) NOT NULL DEFAULT 'INBOX',
        secrets text,
        inbound_enabled boolean NOT NULL DEFAULT false,
        is_default boolean NOT NULL DEFAULT false,
        imap_uid_validity bigint,
        imap_last_uid bigint NOT NULL DEFAULT 0,
        last_polled_at timestamptz(3),
        last_error varchar(1000),
        created_by uuid,
        deleted_at timestamptz(3),
        ${base}
      )`);
    await q.query(`CREATE UNIQUE INDEX uq_email_accounts_address ON email_accounts (lower(address)) WHERE deleted_at IS NULL`);
    await q.query(`CREATE INDEX idx_email_accounts_list ON email_accounts (created_at DESC, id DESC) WHERE deleted_at IS NULL`);
    await q.query(`
      CREATE TABLE email_templates (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name varchar(100) NOT NULL,
        subject varchar(300) NOT NULL,
        body_html text NOT NULL,
        kind varchar(20) NOT NULL DEFAULT 'notification',
        created_by uuid,
        deleted_at timestamptz(3),
        ${base}
      )`);
    await q.query(`CREATE UNIQUE INDEX uq_email_templates_name ON email_templates (lower(name)) WHERE deleted_at IS NULL`);
    await q.query(`
      CREATE TABLE email_broadcasts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name varchar(200) NOT NULL,
        template_id uuid NOT NULL REFERENCES email_templates (id),
        account_id uuid NOT NULL REFERENCES email_accounts (id),
        audience jsonb NOT NULL,
        variables jsonb NOT NULL DEFAULT '{}',
        status varchar(20) NOT NULL DEFAULT 'scheduled',
        scheduled_at timestamptz(3),
        rate_per_second numeric(8, 2) NOT NULL,
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
    await q.query(`CREATE INDEX idx_email_broadcasts_list ON email_broadcasts (created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX idx_email_broadcasts_owner ON email_broadcasts (owner_id, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX idx_email_broadcasts_due ON email_broadcasts (scheduled_at) WHERE status IN ('scheduled', 'running')`);
    await q.query(`
      CREATE TABLE email_messages (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        direction varchar(10) NOT NULL,
        status varchar(20) NOT NULL,
        account_id uuid REFERENCES email_accounts (id),
        from_address varchar(254) NOT NULL,
        from_name varchar(200),
        to_addresses text[] NOT NULL DEFAULT '{}',
        cc_addresses text[] NOT NULL DEFAULT '{}',
        bcc_addresses text[] NOT NULL DEFAULT '{}',
        subject varchar(1000) NOT NULL DEFAULT '',
        body_text text,
        body_html text,
        message_id varchar(500) NOT NULL,
        in_reply_to varchar(500),
        references_ids text[] NOT NULL DEFAULT '{}',
        thread_id uuid,
        parent_id uuid,
        template_id uuid REFERENCES email_templates (id),
        broadcast_id uuid REFERENCES email_broadcasts (id),
        extra_headers jsonb,
        opened_at timestamptz(3),
        open_count int NOT NULL DEFAULT 0,
        click_count int NOT NULL DEFAULT 0,
        record_type varchar(20),
        record_id uuid,
        owner_id uuid,
        department_id uuid,
        attachments jsonb NOT NULL DEFAULT '[]',
        scheduled_at timestamptz(3),
        next_attempt_at timestamptz(3),
        attempts int NOT NULL DEFAULT 0,
        sent_at timestamptz(3),
        received_at timestamptz(3),
        error_code varchar(50),
        error_message varchar(1000),
        imap_mailbox varchar(200),
        imap_uid_validity bigint,
        imap_uid bigint,
        is_bounce boolean NOT NULL DEFAULT false,
        created_by uuid,
        created_by_name varchar(200),
        ${base}
      )`);
    await q.query(`CREATE INDEX idx_email_messages_list ON email_messages (created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX idx_email_messages_owner ON email_messages (owner_id, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX idx_email_messages_department ON email_messages (department_id, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX idx_email_messages_record ON email_messages (record_type, record_id, created_at DESC) WHERE record_id IS NOT NULL`);
    await q.query(`CREATE INDEX idx_email_messages_thread ON email_messages (thread_id, created_at)`);
    await q.query(`CREATE INDEX idx_email_messages_message_id ON email_messages (message_id)`);
    await q.query(`CREATE INDEX idx_email_messages_due ON email_messages (next_attempt_at) WHERE status IN ('scheduled', 'queued')`);
    await q.query(`CREATE INDEX idx_email_messages_broadcast ON email_messages (broadcast_id, status) WHERE broadcast_id IS NOT NULL`);
    await q.query(`CREATE UNIQUE INDEX uq_email_messages_broadcast_record ON email_messages (broadcast_id, record_id) WHERE broadcast_id IS NOT NULL`);
    await q.query(
      `CREATE UNIQUE INDEX uq_email_messages_imap ON email_messages (account_id, imap_mailbox, imap_uid_validity, imap_uid) WHERE imap_uid IS NOT NULL`,
    );
    await q.query(`
      CREATE TABLE email_address_status (
        address varchar(254) PRIMARY KEY,
        bouncing boolean NOT NULL DEFAULT false,
        bounced_at timestamptz(3),
        bounce_reason varchar(1000),
        unsubscribed_at timestamptz(3),
        unsubscribe_source varchar(20),
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    // sales roles write to their customers (new databases get it from the built-in role definitions)
    for (const [key, scope] of [['sales_rep', 'own'], ['sales_manager', 'department'], ['service_agent', 'own']]) {
      await q.query(
        `UPDATE roles SET permissions = permissions || jsonb_build_array(jsonb_build_object('module', 'email', 'actions', '["read","create"]'::jsonb, 'scope', $2::text)),
                version = version + 1, updated_at = now()
          WHERE key = $1 AND built_in AND deleted_at IS NULL AND NOT permissions @> '[{"module":"email"}]'::jsonb`,
        [key, scope],
      );
    }
    await q.query(
      `UPDATE roles SET permissions = permissions || '[{"module":"email","actions":["read","create","update","delete","export"],"scope":"all"}]'::jsonb,
              version = version + 1, updated_at = now()
        WHERE key IN ('admin', 'marketing') AND built_in AND deleted_at IS NULL AND NOT permissions @> '[{"module":"email"}]'::jsonb`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['email_address_status', 'email_messages', 'email_broadcasts', 'email_templates', 'email_accounts']) await q.query(`DROP TABLE IF EXISTS ${t}`);
  }
}
