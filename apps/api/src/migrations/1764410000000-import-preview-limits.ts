import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Bounded import previews: the preview's failing rows get their own column, and previews stored before
 * the read limits have their cells (and header names, in the mapping too) cut to 100 characters, as an
 * upload now stores them.
 */
export class ImportPreviewLimits1764410000000 implements MigrationInterface {
  name = 'ImportPreviewLimits1764410000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE imports ADD COLUMN preview_issues jsonb NOT NULL DEFAULT '[]'`);
    await q.query(`CREATE FUNCTION pg_temp.cut(t text) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT CASE WHEN length(t) > 100 THEN left(t, 99) || '…' ELSE t END $$`);
    await q.query(`
      UPDATE imports SET
        sample_rows = (SELECT coalesce(jsonb_agg(
            (SELECT coalesce(jsonb_agg(pg_temp.cut(c) ORDER BY ci), '[]') FROM jsonb_array_elements_text(r) WITH ORDINALITY AS cells(c, ci))
            ORDER BY ri), '[]') FROM jsonb_array_elements(sample_rows) WITH ORDINALITY AS rows(r, ri)),
        headers = (SELECT coalesce(jsonb_agg(pg_temp.cut(h) ORDER BY hi), '[]') FROM jsonb_array_elements_text(headers) WITH ORDINALITY AS hs(h, hi)),
        mapping = (SELECT coalesce(jsonb_object_agg(pg_temp.cut(key), value), '{}') FROM jsonb_each(mapping))`);
    await q.query(`DROP FUNCTION pg_temp.cut(text)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE imports DROP COLUMN IF EXISTS preview_issues`);
  }
}
