import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What `q` may search for a user without `viewSensitive` (issue 9, item 3): the record's names plus the
 * last four digits of each phone, the only digits the mask shows. Whole phones and emails are matched
 * by equality on their own columns (indexes below), never by substring.
 */
const VISIBLE: Record<string, { text: string; points: string[] }> = {
  leads: { text: `name || ' ' || coalesce(company, '') || ' ' || coalesce(right(phone, 4), '')`, points: ['phone', 'email'] },
  accounts: { text: `name || ' ' || coalesce(right(phone, 4), '')`, points: ['phone', 'email'] },
  contacts: {
    text: `name || ' ' || coalesce(right(mobile, 4), '') || ' ' || coalesce(right(work_phone, 4), '')`,
    points: ['mobile', 'work_phone', 'email'],
  },
};

/** `search_visible` (trigram-indexed) and equality indexes on the phone and email columns of leads, accounts and contacts. */
export class MaskedSearch1764430000000 implements MigrationInterface {
  name = 'MaskedSearch1764430000000';

  async up(q: QueryRunner): Promise<void> {
    for (const [table, { text, points }] of Object.entries(VISIBLE)) {
      await q.query(`ALTER TABLE ${table} ADD COLUMN search_visible text GENERATED ALWAYS AS (${text}) STORED`);
      await q.query(`CREATE INDEX ix_${table}_search_visible ON ${table} USING gin (search_visible gin_trgm_ops)`);
      for (const column of points) {
        await q.query(`CREATE INDEX ix_${table}_${column} ON ${table} (${column}) WHERE deleted_at IS NULL AND ${column} IS NOT NULL`);
      }
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const [table, { points }] of Object.entries(VISIBLE)) {
      for (const column of points) await q.query(`DROP INDEX IF EXISTS ix_${table}_${column}`);
      await q.query(`ALTER TABLE ${table} DROP COLUMN IF EXISTS search_visible`);
    }
  }
}
