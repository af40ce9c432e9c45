import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Read-your-writes markers for DATABASE_READ_URL (core/database/read-routing.interceptor.ts): after a
 * user's write, that user's reads stay on the primary until `until`. Unlogged: no WAL, never replicated
 * (only the primary reads it), emptied by a crash, which costs at most a few seconds of replica reads.
 */
export class ReadYourWrites1765540000000 implements MigrationInterface {
  name = 'ReadYourWrites1765540000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE UNLOGGED TABLE read_your_writes (
        user_id uuid PRIMARY KEY,
        until timestamptz(3) NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE read_your_writes`);
  }
}
