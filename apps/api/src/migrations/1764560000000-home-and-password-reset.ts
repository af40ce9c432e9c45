import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The home page's lead cards (my follow-ups by time, my recently assigned leads) read by owner and time;
 * an admin's password reset can require the user to choose a new password at the next login.
 */
export class HomeAndPasswordReset1764560000000 implements MigrationInterface {
  name = 'HomeAndPasswordReset1764560000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX ix_leads_owner_follow_up ON leads (owner_id, next_follow_up_at) WHERE deleted_at IS NULL AND next_follow_up_at IS NOT NULL`,
    );
    await q.query(`CREATE INDEX ix_leads_owner_received ON leads (owner_id, (coalesce(claimed_at, created_at)) DESC) WHERE deleted_at IS NULL`);
    await q.query(`ALTER TABLE users ADD COLUMN must_change_password boolean NOT NULL DEFAULT false`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users DROP COLUMN must_change_password`);
    await q.query(`DROP INDEX ix_leads_owner_received`);
    await q.query(`DROP INDEX ix_leads_owner_follow_up`);
  }
}
