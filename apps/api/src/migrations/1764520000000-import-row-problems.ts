import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Why an import row failed, as codes with parameters (`[{ field, code, params, message }]`), so the
 * error report is worded in the reader's language when it is downloaded. `error` keeps the English text
 * (rows written before this have only that, and the report shows it as it is).
 */
export class ImportRowProblems1764520000000 implements MigrationInterface {
  name = 'ImportRowProblems1764520000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE import_rows ADD COLUMN problems jsonb`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE import_rows DROP COLUMN problems`);
  }
}
