import { MigrationInterface, QueryRunner } from 'typeorm';

/** Tables of the record kinds that carry custom field values (libs/shared CUSTOM_FIELD_KINDS). */
const KIND_TABLES = ['leads', 'accounts', 'contacts', 'opportunities', 'quotes', 'contracts', 'tickets'];

/**
 * Custom fields (issue 18): one definition table for every record kind, and a `custom` JSONB column on
 * each kind's table. A GIN index (jsonb_path_ops) on `custom` serves every equality filter
 * (`custom @> '{"key": value}'`); fields marked filterable also get a btree expression index, created
 * CONCURRENTLY by the API when the field is (core/custom-fields/custom-field-indexes.ts).
 */
export class CustomFields1765530000000 implements MigrationInterface {
  name = 'CustomFields1765530000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE custom_fields (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind varchar(30) NOT NULL,
        key varchar(40) NOT NULL CHECK (key ~ '^[a-z][a-zA-Z0-9]{0,39}$'),
        label_zh varchar(100) NOT NULL,
        label_en varchar(100) NOT NULL,
        type varchar(20) NOT NULL,
        required boolean NOT NULL DEFAULT false,
        is_unique boolean NOT NULL DEFAULT false,
        default_value jsonb NULL,
        options jsonb NOT NULL DEFAULT '[]',
        ref_kind varchar(30) NULL,
        help_zh varchar(500) NULL,
        help_en varchar(500) NULL,
        position int NOT NULL DEFAULT 0,
        filterable boolean NOT NULL DEFAULT false,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        deleted_at timestamptz(3) NULL,
        version int NOT NULL DEFAULT 1
      )`);
    // a deleted field keeps its key (its values stay in the records) until it is purged
    await q.query(`CREATE UNIQUE INDEX ux_custom_fields_kind_key ON custom_fields (kind, key)`);
    await q.query(`CREATE INDEX ix_custom_fields_kind ON custom_fields (kind, position, created_at) WHERE deleted_at IS NULL`);
    for (const t of KIND_TABLES) {
      await q.query(`ALTER TABLE ${t} ADD COLUMN custom jsonb NOT NULL DEFAULT '{}'`);
      await q.query(`CREATE INDEX ix_${t}_custom ON ${t} USING gin (custom jsonb_path_ops)`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of KIND_TABLES) await q.query(`ALTER TABLE ${t} DROP COLUMN custom`);
    await q.query(`DROP TABLE custom_fields`);
  }
}
