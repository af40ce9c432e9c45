import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Email to tickets: one mailbox may be the service mailbox (mail arriving there opens or answers tickets), and a
 * message remembers the ticket it opened or answered, so replies threaded to it find the ticket again.
 */
export class EmailServiceMailbox1765630000000 implements MigrationInterface {
  name = 'EmailServiceMailbox1765630000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE email_accounts ADD COLUMN is_service_mailbox boolean NOT NULL DEFAULT false`);
    await q.query(`CREATE UNIQUE INDEX uq_email_accounts_service ON email_accounts ((true)) WHERE is_service_mailbox AND deleted_at IS NULL`);
    await q.query(`ALTER TABLE email_messages ADD COLUMN ticket_id uuid`);
    await q.query(`CREATE INDEX idx_email_messages_ticket ON email_messages (ticket_id) WHERE ticket_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS idx_email_messages_ticket`);
    await q.query(`ALTER TABLE email_messages DROP COLUMN IF EXISTS ticket_id`);
    await q.query(`DROP INDEX IF EXISTS uq_email_accounts_service`);
    await q.query(`ALTER TABLE email_accounts DROP COLUMN IF EXISTS is_service_mailbox`);
  }
}
