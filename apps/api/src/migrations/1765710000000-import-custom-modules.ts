import { MigrationInterface, QueryRunner } from 'typeorm';

/** Imports of custom modules' records: `entity_type` holds `obj.<key>` (a key has up to 26 characters). */
export class ImportCustomModules1765710000000 implements MigrationInterface {
  name = 'ImportCustomModules1765710000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE imports ALTER COLUMN entity_type TYPE varchar(40)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE imports ALTER COLUMN entity_type TYPE varchar(20)`);
  }
}
