import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sessions that end at once: `users.token_version` goes into every access and refresh token and is bumped
 * by a password reset, deactivation, deletion and role changes. Login lockouts per account and client
 * (`login_lockouts`), so a stranger's failures cannot lock a user out everywhere.
 */
export class SessionsAndLockouts1764400000000 implements MigrationInterface {
  name = 'SessionsAndLockouts1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users ADD COLUMN token_version int NOT NULL DEFAULT 0`);
    await q.query(`ALTER TABLE refresh_tokens ADD COLUMN token_version int NOT NULL DEFAULT 0`);
    await q.query(`
      CREATE TABLE login_lockouts (
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        client varchar(64) NOT NULL,
        failures int NOT NULL DEFAULT 0,
        locked_until timestamptz(3),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, client)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS login_lockouts`);
    await q.query(`ALTER TABLE refresh_tokens DROP COLUMN IF EXISTS token_version`);
    await q.query(`ALTER TABLE users DROP COLUMN IF EXISTS token_version`);
  }
}
