import { MigrationInterface, QueryRunner } from 'typeorm';

/** Line items of an opportunity (issue 13): when an opportunity has lines, its amount is their total. */
export class OpportunityLines1764910000000 implements MigrationInterface {
  name = 'OpportunityLines1764910000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE opportunity_lines (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        opportunity_id uuid NOT NULL REFERENCES opportunities(id) ON DELETE CASCADE,
        position int NOT NULL,
        product_id uuid NOT NULL REFERENCES products(id),
        name varchar(200) NOT NULL,
        unit varchar(20) NULL,
        quantity numeric(18,4) NOT NULL,
        unit_price numeric(18,4) NOT NULL,
        discount_percent numeric(5,2) NOT NULL DEFAULT 0,
        amount numeric(18,2) NOT NULL
      )`);
    await q.query(`CREATE UNIQUE INDEX uq_opportunity_lines_position ON opportunity_lines (opportunity_id, position)`);
    await q.query(`CREATE INDEX idx_opportunity_lines_product ON opportunity_lines (product_id)`);
    // whether the amount follows the lines (a PATCH of amount is refused then), kept on the row so lists and the board need no join
    await q.query(`ALTER TABLE opportunities ADD COLUMN has_lines boolean NOT NULL DEFAULT false`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE opportunities DROP COLUMN has_lines`);
    await q.query(`DROP TABLE opportunity_lines`);
  }
}
