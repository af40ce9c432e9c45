import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Custom modules (issue 18): module definitions, and ONE table for every module's records (README
 * "Custom modules": why one table, and where it stops scaling). The fields are custom fields of kind
 * `obj.<key>` (custom_fields.kind), their values the `custom` JSONB column; the API adds a partial btree
 * expression index per filterable field (`ix_cr_<module>_<key>`, CONCURRENTLY).
 */
export class CustomObjects1765640000000 implements MigrationInterface {
  name = 'CustomObjects1765640000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE custom_objects (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        key varchar(26) NOT NULL CHECK (key ~ '^[a-z][a-z0-9_]{1,25}$'),
        name_zh varchar(50) NOT NULL,
        name_en varchar(50) NOT NULL,
        plural_zh varchar(50) NOT NULL,
        plural_en varchar(50) NOT NULL,
        icon varchar(40) NOT NULL DEFAULT 'Grid',
        name_field_zh varchar(50) NOT NULL,
        name_field_en varchar(50) NOT NULL,
        has_owner boolean NOT NULL DEFAULT true,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        deleted_at timestamptz(3) NULL,
        version int NOT NULL DEFAULT 1
      )`);
    // a deleted module keeps its key: its records, fields and audit entries still name it
    await q.query(`CREATE UNIQUE INDEX ux_custom_objects_key ON custom_objects (key)`);
    await q.query(`
      CREATE TABLE custom_records (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        object_id uuid NOT NULL REFERENCES custom_objects(id),
        owner_id uuid NULL REFERENCES users(id),
        department_id uuid NULL REFERENCES departments(id),
        name varchar(200) NOT NULL,
        custom jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        deleted_at timestamptz(3) NULL,
        version int NOT NULL DEFAULT 1
      )`);
    // the default list (newest first) for scope all, for a rep (own) and a manager (department and below)
    await q.query(`CREATE INDEX ix_custom_records_object_created ON custom_records (object_id, created_at DESC, id DESC) WHERE deleted_at IS NULL`);
    await q.query(`CREATE INDEX ix_custom_records_owner_created ON custom_records (object_id, owner_id, created_at DESC, id DESC) WHERE deleted_at IS NULL`);
    await q.query(`CREATE INDEX ix_custom_records_department ON custom_records (object_id, department_id, created_at DESC, id DESC) WHERE deleted_at IS NULL`);
    await q.query(`CREATE INDEX ix_custom_records_name ON custom_records (object_id, name, id) WHERE deleted_at IS NULL`);
    await q.query(`CREATE INDEX ix_custom_records_name_trgm ON custom_records USING gin (name gin_trgm_ops) WHERE deleted_at IS NULL`);
    // equality filters on any field: custom @> '{"key": value}' (with object_id from the btree indexes)
    await q.query(`CREATE INDEX ix_custom_records_custom ON custom_records USING gin (custom jsonb_path_ops) WHERE deleted_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM custom_fields WHERE kind LIKE 'obj.%'`);
    await q.query(`DROP TABLE custom_records`);
    await q.query(`DROP TABLE custom_objects`);
  }
}
