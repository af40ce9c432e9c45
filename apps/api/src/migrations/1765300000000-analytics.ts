import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Analytics (issue 19): sales targets per user or department and month, the managers' adjusted forecasts
 * (append-only: every adjustment is kept, the latest counts), and the indexes the analytics aggregates use
 * on the owners' tables (won opportunities by day, the funnel cohort by pipeline and creation, tickets by
 * opened and resolved time).
 */
export class Analytics1765300000000 implements MigrationInterface {
  name = 'Analytics1765300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE sales_targets (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        period char(7) NOT NULL CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
        user_id uuid NULL REFERENCES users (id),
        department_id uuid NULL,
        amount numeric(18,2) NOT NULL CHECK (amount >= 0),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        deleted_at timestamptz(3),
        version int NOT NULL DEFAULT 1,
        CONSTRAINT ck_sales_targets_holder CHECK (user_id IS NOT NULL OR department_id IS NOT NULL)
      )`);
    await q.query(`CREATE UNIQUE INDEX uq_sales_targets_user ON sales_targets (user_id, period) WHERE user_id IS NOT NULL AND deleted_at IS NULL`);
    await q.query(`CREATE UNIQUE INDEX uq_sales_targets_department ON sales_targets (department_id, period) WHERE user_id IS NULL AND deleted_at IS NULL`);
    await q.query(`CREATE INDEX idx_sales_targets_period ON sales_targets (period, id) WHERE deleted_at IS NULL`);
    await q.query(`
      CREATE TABLE forecast_adjustments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        period char(7) NOT NULL CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
        user_id uuid NULL REFERENCES users (id),
        department_id uuid NULL,
        amount numeric(18,2) NOT NULL CHECK (amount >= 0),
        note varchar(500) NULL,
        created_by_id uuid NOT NULL REFERENCES users (id),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT ck_forecast_adjustments_holder CHECK (user_id IS NOT NULL OR department_id IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX idx_forecast_adjustments_period ON forecast_adjustments (period, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX idx_forecast_adjustments_department ON forecast_adjustments (department_id, period, created_at DESC)`);
    // the aggregates' access paths on the owners' tables
    const live = `WHERE deleted_at IS NULL`;
    await q.query(`CREATE INDEX ix_opportunities_won ON opportunities (won_at) INCLUDE (owner_id, department_id, currency, amount, lead_id, source, campaign_id) WHERE won_at IS NOT NULL AND deleted_at IS NULL`);
    await q.query(`CREATE INDEX ix_opportunities_owner_won ON opportunities (owner_id, won_at) INCLUDE (department_id, currency, amount, lead_id) WHERE won_at IS NOT NULL AND deleted_at IS NULL`);
    await q.query(`CREATE INDEX ix_opportunities_pipeline_created ON opportunities (pipeline_id, created_at) ${live}`);
    await q.query(`CREATE INDEX ix_opportunities_owner_pipeline_created ON opportunities (owner_id, pipeline_id, created_at) ${live}`);
    await q.query(`CREATE INDEX idx_tickets_opened ON tickets (opened_at) ${live}`);
    await q.query(`CREATE INDEX idx_tickets_owner_opened ON tickets (owner_id, opened_at) ${live}`);
    await q.query(`CREATE INDEX idx_tickets_resolved ON tickets (resolved_at) WHERE resolved_at IS NOT NULL AND deleted_at IS NULL`);
    await q.query(`CREATE INDEX idx_contracts_owner_sign_date ON contracts (owner_id, sign_date) ${live}`);

    // existing databases: reps read their own figures, managers their department's and set targets (new databases
    // get the same from the built-in role definitions)
    await q.query(
      `UPDATE roles SET permissions = permissions || '[{"module":"analytics","actions":["read"],"scope":"own"}]'::jsonb,
              version = version + 1, updated_at = now()
        WHERE key = 'sales_rep' AND built_in AND deleted_at IS NULL AND NOT permissions @> '[{"module":"analytics"}]'::jsonb`,
    );
    await q.query(
      `UPDATE roles SET permissions = (SELECT coalesce(jsonb_agg(g), '[]'::jsonb) FROM jsonb_array_elements(permissions) g WHERE g->>'module' <> 'analytics')
                || '[{"module":"analytics","actions":["read","create","update","delete","export"],"scope":"department"}]'::jsonb,
              version = version + 1, updated_at = now()
        WHERE key = 'sales_manager' AND built_in AND deleted_at IS NULL
          AND NOT permissions @> '[{"module":"analytics","actions":["create"]}]'::jsonb`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const ix of ['ix_opportunities_won', 'ix_opportunities_owner_won', 'ix_opportunities_pipeline_created', 'ix_opportunities_owner_pipeline_created', 'idx_tickets_opened', 'idx_tickets_owner_opened', 'idx_tickets_resolved', 'idx_contracts_owner_sign_date']) {
      await q.query(`DROP INDEX IF EXISTS ${ix}`);
    }
    await q.query(`DROP TABLE IF EXISTS forecast_adjustments`);
    await q.query(`DROP TABLE IF EXISTS sales_targets`);
  }
}
