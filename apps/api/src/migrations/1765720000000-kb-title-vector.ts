import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `title_vector`: the search lexemes of the title alone (`kb_lexemes(title)`, generated, so every writer keeps it
 * right in the same statement), GIN-indexed. KB search ranks in tiers (title, then title + summary, then body) and
 * walks the views index for the title tier; the planner must know how many titles hold a word to choose between
 * that walk and the index. `head_vector @@ 'x':A` was estimated from the word's frequency in title + summary, so a
 * word common in summaries but absent from titles walked every article (50,000 rows for 系统 in the bench).
 */
export class KbTitleVector1765720000000 implements MigrationInterface {
  name = 'KbTitleVector1765720000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE kb_articles ADD COLUMN title_vector tsvector GENERATED ALWAYS AS (kb_lexemes(title)) STORED`);
    await q.query(`CREATE INDEX ix_kb_articles_title_vector ON kb_articles USING gin (title_vector)`);
    await q.query(`ANALYZE kb_articles`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE kb_articles DROP COLUMN IF EXISTS title_vector`);
  }
}
