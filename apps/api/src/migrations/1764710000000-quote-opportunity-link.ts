import { MigrationInterface, QueryRunner } from 'typeorm';

/** Quotes point at their opportunity (the opportunities and quotes modules were built side by side). */
export class QuoteOpportunityLink1764710000000 implements MigrationInterface {
  name = 'QuoteOpportunityLink1764710000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE quotes SET opportunity_id = NULL WHERE opportunity_id IS NOT NULL AND opportunity_id NOT IN (SELECT id FROM opportunities)`);
    await q.query(`ALTER TABLE quotes ADD CONSTRAINT fk_quotes_opportunity FOREIGN KEY (opportunity_id) REFERENCES opportunities (id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE quotes DROP CONSTRAINT fk_quotes_opportunity`);
  }
}
