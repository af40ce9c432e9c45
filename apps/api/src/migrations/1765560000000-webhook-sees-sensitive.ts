import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Whether the credential that made a webhook subscription (a user, or an API key with its own role) saw phones
 * and emails unmasked: bodies are unmasked only when it did and the creating user still does. Existing
 * subscriptions keep the behaviour they had (their creator's current right decides).
 */
export class WebhookSeesSensitive1765560000000 implements MigrationInterface {
  name = 'WebhookSeesSensitive1765560000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE webhook_subscriptions ADD COLUMN created_sees_sensitive boolean NOT NULL DEFAULT true`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE webhook_subscriptions DROP COLUMN created_sees_sensitive`);
  }
}
