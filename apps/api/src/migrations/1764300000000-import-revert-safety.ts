import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Safer import reverts: each updated row keeps what the import wrote (`after`), so a revert restores
 * only fields nobody changed since; rows a revert leaves in place are counted on the import.
 */
export class ImportRevertSafety1764300000000 implements MigrationInterface {
  name = 'ImportRevertSafety1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE import_rows ADD COLUMN after jsonb`);
    await q.query(`ALTER TABLE imports ADD COLUMN revert_skipped_count int NOT NULL DEFAULT 0`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE imports DROP COLUMN IF EXISTS revert_skipped_count`);
    await q.query(`ALTER TABLE import_rows DROP COLUMN IF EXISTS after`);
  }
}
