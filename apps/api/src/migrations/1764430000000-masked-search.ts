import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Search that cannot recover a masked value (issue 9, item 3). `search_text` (names, phones and emails in
 * one trigram-indexed column) is split in two: `search_visible` holds what every reader may search (the
 * names and the last four digits of each phone, the only digits the mask shows) and `search_sensitive`
 * the phones and emails, searched by substring only for users with `viewSensitive`. Both are
 * trigram-indexed; together they index about what `search_text` did, so writes cost about the same.
 * Users without `viewSensitive` match a phone or email only as a whole value: equality indexes below.
 */
const TABLES: Record<string, { visible: string; sensitive: string; points: string[]; old: string }> = {
  leads: {
    visible: `name || ' ' || coalesce(company, '') || ' ' || coalesce(right(phone, 4), '')`,
    sensitive: `coalesce(phone, '') || ' ' || coalesce(email, '')`,
    points: ['phone', 'email'],
    old: `name || ' ' || coalesce(company, '') || ' ' || coalesce(phone, '') || ' ' || coalesce(email, '')`,
  },
  accounts: {
    visible: `name || ' ' || coalesce(right(phone, 4), '')`,
    sensitive: `coalesce(phone, '') || ' ' || coalesce(email, '')`,
    points: ['phone', 'email'],
    old: `name || ' ' || coalesce(phone, '') || ' ' || coalesce(email, '')`,
  },
  contacts: {
    visible: `name || ' ' || coalesce(right(mobile, 4), '') || ' ' || coalesce(right(work_phone, 4), '')`,
    sensitive: `coalesce(mobile, '') || ' ' || coalesce(work_phone, '') || ' ' || coalesce(email, '')`,
    points: ['mobile', 'work_phone', 'email'],
    old: `name || ' ' || coalesce(mobile, '') || ' ' || coalesce(work_phone, '') || ' ' || coalesce(email, '')`,
  },
};

export class MaskedSearch1764430000000 implements MigrationInterface {
  name = 'MaskedSearch1764430000000';

  async up(q: QueryRunner): Promise<void> {
    for (const [table, t] of Object.entries(TABLES)) {
      await q.query(`ALTER TABLE ${table} DROP COLUMN search_text`);
      await q.query(`ALTER TABLE ${table} ADD COLUMN search_visible text GENERATED ALWAYS AS (${t.visible}) STORED`);
      await q.query(`ALTER TABLE ${table} ADD COLUMN search_sensitive text GENERATED ALWAYS AS (${t.sensitive}) STORED`);
      await q.query(`CREATE INDEX ix_${table}_search_visible ON ${table} USING gin (search_visible gin_trgm_ops)`);
      await q.query(`CREATE INDEX ix_${table}_search_sensitive ON ${table} USING gin (search_sensitive gin_trgm_ops)`);
      for (const column of t.points) {
        await q.query(`CREATE INDEX ix_${table}_${column} ON ${table} (${column}) WHERE deleted_at IS NULL AND ${column} IS NOT NULL`);
      }
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const [table, t] of Object.entries(TABLES)) {
      for (const column of t.points) await q.query(`DROP INDEX IF EXISTS ix_${table}_${column}`);
      await q.query(`ALTER TABLE ${table} DROP COLUMN search_visible, DROP COLUMN search_sensitive`);
      await q.query(`ALTER TABLE ${table} ADD COLUMN search_text text GENERATED ALWAYS AS (${t.old}) STORED`);
      await q.query(`CREATE INDEX ix_${table}_search ON ${table} USING gin (search_text gin_trgm_ops)`);
    }
  }
}
