import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Accounts and contacts: indexes for the `updatedAt` sort and the pool return job, and one primary
 * contact per account enforced by the database as well as by the service.
 */
export class AccountsContacts1763950000000 implements MigrationInterface {
  name = 'AccountsContacts1763950000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX ix_accounts_updated ON accounts (updated_at DESC, id DESC) WHERE deleted_at IS NULL`);
    // the nightly return job scans the owned accounts that came from a pool
    await q.query(`CREATE INDEX ix_accounts_pool_owned ON accounts (pool_id) WHERE deleted_at IS NULL AND owner_id IS NOT NULL`);
    await q.query(`CREATE UNIQUE INDEX uq_contacts_primary ON contacts (account_id) WHERE is_primary AND deleted_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS uq_contacts_primary`);
    await q.query(`DROP INDEX IF EXISTS ix_accounts_pool_owned`);
    await q.query(`DROP INDEX IF EXISTS ix_accounts_updated`);
  }
}
