import { MigrationInterface, QueryRunner } from 'typeorm';

const BASE = `
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  updated_at timestamptz(3) NOT NULL DEFAULT now(),
  deleted_at timestamptz(3),
  version int NOT NULL DEFAULT 1`;

/** The default pipeline every installation starts with (issue 13). */
const DEFAULT_STAGES: [string, string, number, string, string][] = [
  ['初步接洽', 'Initial contact', 10, 'open', 'pipeline'],
  ['需求确认', 'Needs confirmed', 30, 'open', 'pipeline'],
  ['方案报价', 'Proposal', 50, 'open', 'best_case'],
  ['谈判审核', 'Negotiation', 70, 'open', 'commit'],
  ['赢单', 'Won', 100, 'won', 'closed'],
  ['输单', 'Lost', 0, 'lost', 'omitted'],
];

/**
 * Pipelines with ordered stages, opportunities (商机) and their stage history. An opportunity keeps its
 * effective probability in `probability` (the stage's unless `probability_overridden`), so the board's
 * weighted totals need no join; changing a stage's probability updates the opportunities that follow it.
 */
export class Opportunities1764600000000 implements MigrationInterface {
  name = 'Opportunities1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE pipelines (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name_zh varchar(100) NOT NULL,
        name_en varchar(100) NOT NULL,
        is_default boolean NOT NULL DEFAULT false,
        position int NOT NULL DEFAULT 0,
        ${BASE}
      )`);
    await q.query(`CREATE UNIQUE INDEX uq_pipelines_default ON pipelines (is_default) WHERE is_default AND deleted_at IS NULL`);
    await q.query(`CREATE INDEX ix_pipelines_position ON pipelines (position, created_at) WHERE deleted_at IS NULL`);
    await q.query(`
      CREATE TABLE pipeline_stages (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        pipeline_id uuid NOT NULL REFERENCES pipelines(id),
        name_zh varchar(100) NOT NULL,
        name_en varchar(100) NOT NULL,
        position int NOT NULL,
        probability int NOT NULL CHECK (probability BETWEEN 0 AND 100),
        kind varchar(10) NOT NULL DEFAULT 'open',
        forecast_category varchar(20) NOT NULL DEFAULT 'pipeline',
        ${BASE}
      )`);
    await q.query(`CREATE INDEX ix_pipeline_stages_pipeline ON pipeline_stages (pipeline_id, position) WHERE deleted_at IS NULL`);

    await q.query(`
      CREATE TABLE opportunities (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name varchar(200) NOT NULL,
        account_id uuid NOT NULL REFERENCES accounts(id),
        contact_id uuid REFERENCES contacts(id),
        pipeline_id uuid NOT NULL REFERENCES pipelines(id),
        stage_id uuid NOT NULL REFERENCES pipeline_stages(id),
        amount numeric(18,2) NOT NULL DEFAULT 0,
        currency char(3) NOT NULL DEFAULT 'CNY',
        probability int NOT NULL CHECK (probability BETWEEN 0 AND 100),
        probability_overridden boolean NOT NULL DEFAULT false,
        expected_close_date date NOT NULL,
        owner_id uuid REFERENCES users(id),
        department_id uuid REFERENCES departments(id),
        source varchar(30),
        competitors text[] NOT NULL DEFAULT '{}',
        next_step varchar(500),
        lost_reason varchar(500),
        won_at timestamptz(3),
        lost_at timestamptz(3),
        stage_entered_at timestamptz(3) NOT NULL DEFAULT now(),
        lead_id uuid,
        search_bigrams text[] GENERATED ALWAYS AS (cjk_bigrams(name)) STORED,
        ${BASE}
      )`);
    const live = 'WHERE deleted_at IS NULL';
    // list sorts inside each scope (own / department / all)
    await q.query(`CREATE INDEX ix_opportunities_owner_created ON opportunities (owner_id, created_at DESC, id DESC) ${live}`);
    await q.query(`CREATE INDEX ix_opportunities_dept_created ON opportunities (department_id, created_at DESC, id DESC) ${live}`);
    await q.query(`CREATE INDEX ix_opportunities_created ON opportunities (created_at DESC, id DESC) ${live}`);
    await q.query(`CREATE INDEX ix_opportunities_updated ON opportunities (updated_at DESC, id DESC) ${live}`);
    await q.query(`CREATE INDEX ix_opportunities_name ON opportunities (name, id) ${live}`);
    await q.query(`CREATE INDEX ix_opportunities_amount ON opportunities (amount DESC, id DESC) ${live}`);
    await q.query(`CREATE INDEX ix_opportunities_close ON opportunities (expected_close_date, id) ${live}`);
    // a board column / the list filtered by stage and close month, per scope
    await q.query(`CREATE INDEX ix_opportunities_stage_close ON opportunities (stage_id, expected_close_date, id) ${live}`);
    await q.query(`CREATE INDEX ix_opportunities_owner_stage_close ON opportunities (owner_id, stage_id, expected_close_date, id) ${live}`);
    await q.query(`CREATE INDEX ix_opportunities_stage_created ON opportunities (stage_id, created_at DESC, id DESC) ${live}`);
    await q.query(`CREATE INDEX ix_opportunities_owner_stage_created ON opportunities (owner_id, stage_id, created_at DESC, id DESC) ${live}`);
    // column totals of one pipeline: index-only sums per stage and currency
    await q.query(
      `CREATE INDEX ix_opportunities_pipeline_totals ON opportunities (pipeline_id, stage_id, currency) INCLUDE (amount, probability, owner_id, department_id, expected_close_date) ${live}`,
    );
    await q.query(
      `CREATE INDEX ix_opportunities_owner_pipeline_totals ON opportunities (owner_id, pipeline_id, stage_id, currency) INCLUDE (amount, probability, expected_close_date) ${live}`,
    );
    await q.query(`CREATE INDEX ix_opportunities_account ON opportunities (account_id) ${live}`);
    await q.query(`CREATE INDEX ix_opportunities_contact ON opportunities (contact_id) WHERE contact_id IS NOT NULL AND deleted_at IS NULL`);
    await q.query(`CREATE INDEX ix_opportunities_search ON opportunities USING gin (name gin_trgm_ops)`);
    await q.query(`CREATE INDEX ix_opportunities_search_bigrams ON opportunities USING gin (search_bigrams)`);

    await q.query(`
      CREATE TABLE opportunity_stage_history (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        opportunity_id uuid NOT NULL REFERENCES opportunities(id),
        from_stage_id uuid REFERENCES pipeline_stages(id),
        to_stage_id uuid NOT NULL REFERENCES pipeline_stages(id),
        moved_at timestamptz(3) NOT NULL DEFAULT now(),
        moved_by uuid REFERENCES users(id),
        seconds_in_from bigint
      )`);
    await q.query(`CREATE INDEX ix_opportunity_stage_history_opp ON opportunity_stage_history (opportunity_id, moved_at DESC, id DESC)`);
    // conversion and velocity reports read moves out of / into a stage over time
    await q.query(`CREATE INDEX ix_opportunity_stage_history_to ON opportunity_stage_history (to_stage_id, moved_at)`);
    await q.query(`CREATE INDEX ix_opportunity_stage_history_from ON opportunity_stage_history (from_stage_id, moved_at) WHERE from_stage_id IS NOT NULL`);

    const [{ id }]: { id: string }[] = await q.query(
      `INSERT INTO pipelines (name_zh, name_en, is_default, position) VALUES ('新业务', 'New business', true, 0) RETURNING id`,
    );
    for (const [i, [zh, en, p, kind, fc]] of DEFAULT_STAGES.entries()) {
      await q.query(
        `INSERT INTO pipeline_stages (pipeline_id, name_zh, name_en, position, probability, kind, forecast_category) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [id, zh, en, i, p, kind, fc],
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS opportunity_stage_history`);
    await q.query(`DROP TABLE IF EXISTS opportunities`);
    await q.query(`DROP TABLE IF EXISTS pipeline_stages`);
    await q.query(`DROP TABLE IF EXISTS pipelines`);
  }
}
