import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The API key that made a webhook subscription, if a key did: deliveries are filtered by what the subscriber may
 * read, and a key reads with its own role (not its service user's). Existing subscriptions were made with the
 * `all` scope and keep their creating user as the reader.
 */
export class WebhookSubscriberKey1765610000000 implements MigrationInterface {
  name = 'WebhookSubscriberKey1765610000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE webhook_subscriptions ADD COLUMN created_by_key uuid NULL REFERENCES api_keys(id) ON DELETE SET NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE webhook_subscriptions DROP COLUMN created_by_key`);
  }
}
