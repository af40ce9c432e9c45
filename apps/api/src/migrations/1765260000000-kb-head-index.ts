import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A GIN index on `head_vector` (title and summary): a ticket's suggested articles match its subject there, so the
 * ticket page no longer scans every article's body vector (the bench: 686 ms for a subject with common words over
 * 50,000 articles, a sequential scan detoasting each `search_vector`).
 */
export class KbHeadIndex1765260000000 implements MigrationInterface {
  name = 'KbHeadIndex1765260000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX ix_kb_articles_head ON kb_articles USING gin (head_vector)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS ix_kb_articles_head`);
  }
}
