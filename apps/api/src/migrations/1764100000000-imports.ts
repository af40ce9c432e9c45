import { MigrationInterface, QueryRunner } from 'typeorm';

/** Imports: external ids to upsert by, the uploaded file (chunked, so any instance can read it) and per-row outcomes. */
export class Imports1764100000000 implements MigrationInterface {
  name = 'Imports1764100000000';

  async up(q: QueryRunner): Promise<void> {
    for (const t of ['leads', 'accounts', 'contacts']) {
      await q.query(`ALTER TABLE ${t} ADD COLUMN external_id varchar(100)`);
      await q.query(`CREATE UNIQUE INDEX uq_${t}_external_id ON ${t} (external_id) WHERE external_id IS NOT NULL AND deleted_at IS NULL`);
    }
    await q.query(`
      CREATE TABLE imports (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        entity_type varchar(20) NOT NULL,
        status varchar(20) NOT NULL DEFAULT 'uploaded',
        file_name varchar(255) NOT NULL,
        file_format varchar(10) NOT NULL,
        encoding varchar(10) NOT NULL,
        file_size bigint NOT NULL,
        headers jsonb NOT NULL DEFAULT '[]',
        sample_rows jsonb NOT NULL DEFAULT '[]',
        mapping jsonb NOT NULL DEFAULT '{}',
        duplicate_policy varchar(10) NOT NULL DEFAULT 'skip',
        upsert_key varchar(20) NOT NULL DEFAULT 'phone',
        dry_run boolean NOT NULL DEFAULT false,
        total_rows int NOT NULL DEFAULT 0,
        processed_rows int NOT NULL DEFAULT 0,
        created_count int NOT NULL DEFAULT 0,
        updated_count int NOT NULL DEFAULT 0,
        skipped_count int NOT NULL DEFAULT 0,
        error_count int NOT NULL DEFAULT 0,
        failure text,
        started_at timestamptz(3),
        finished_at timestamptz(3),
        owner_id uuid REFERENCES users(id),
        department_id uuid REFERENCES departments(id),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        deleted_at timestamptz(3),
        version int NOT NULL DEFAULT 1
      )`);
    await q.query(`CREATE INDEX ix_imports_owner_created ON imports (owner_id, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX ix_imports_created ON imports (created_at DESC, id DESC)`);
    await q.query(`
      CREATE TABLE import_file_chunks (
        import_id uuid NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
        seq int NOT NULL,
        data bytea NOT NULL,
        PRIMARY KEY (import_id, seq)
      )`);
    await q.query(`
      CREATE TABLE import_rows (
        import_id uuid NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
        row_number int NOT NULL,
        outcome varchar(10) NOT NULL,
        entity_id uuid,
        before jsonb,
        error text,
        raw jsonb,
        PRIMARY KEY (import_id, row_number)
      )`);
    await q.query(`CREATE INDEX ix_import_rows_outcome ON import_rows (import_id, outcome, row_number)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS import_rows`);
    await q.query(`DROP TABLE IF EXISTS import_file_chunks`);
    await q.query(`DROP TABLE IF EXISTS imports`);
    for (const t of ['leads', 'accounts', 'contacts']) await q.query(`ALTER TABLE ${t} DROP COLUMN IF EXISTS external_id`);
  }
}
