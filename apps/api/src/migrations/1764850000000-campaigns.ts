import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Campaigns (市场活动, issue 13): money as numeric next to a currency, a target segment (a FilterGroup
 * over contacts or accounts) as jsonb. Leads, lead forms and opportunities point at their campaign with
 * foreign keys (ON DELETE SET NULL; campaigns are soft-deleted, so the link stays for a restore).
 * Links to campaigns that never existed (there was no campaigns table before) are cleared first.
 */
export class Campaigns1764850000000 implements MigrationInterface {
  name = 'Campaigns1764850000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE campaigns (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name varchar(200) NOT NULL,
        type varchar(20) NOT NULL,
        status varchar(20) NOT NULL DEFAULT 'planned',
        start_date date NOT NULL,
        end_date date,
        budget numeric(18,2),
        actual_cost numeric(18,2),
        expected_revenue numeric(18,2),
        currency char(3) NOT NULL DEFAULT 'CNY',
        description text,
        target_segment jsonb,
        owner_id uuid REFERENCES users(id),
        department_id uuid REFERENCES departments(id),
        search_bigrams text[] GENERATED ALWAYS AS (cjk_bigrams(name)) STORED,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        deleted_at timestamptz(3),
        version int NOT NULL DEFAULT 1,
        CONSTRAINT ck_campaigns_dates CHECK (end_date IS NULL OR end_date >= start_date)
      )`);
    const live = 'WHERE deleted_at IS NULL';
    // list sorts inside each scope (own / department / all)
    await q.query(`CREATE INDEX ix_campaigns_owner_created ON campaigns (owner_id, created_at DESC, id DESC) ${live}`);
    await q.query(`CREATE INDEX ix_campaigns_dept_created ON campaigns (department_id, created_at DESC, id DESC) ${live}`);
    await q.query(`CREATE INDEX ix_campaigns_created ON campaigns (created_at DESC, id DESC) ${live}`);
    await q.query(`CREATE INDEX ix_campaigns_updated ON campaigns (updated_at DESC, id DESC) ${live}`);
    await q.query(`CREATE INDEX ix_campaigns_name ON campaigns (name, id) ${live}`);
    // start date: the default sort of the SPA's list, alone and with the type / status filters
    await q.query(`CREATE INDEX ix_campaigns_start ON campaigns (start_date DESC, id DESC) ${live}`);
    await q.query(`CREATE INDEX ix_campaigns_status_start ON campaigns (status, start_date DESC, id DESC) ${live}`);
    await q.query(`CREATE INDEX ix_campaigns_type_start ON campaigns (type, start_date DESC, id DESC) ${live}`);
    await q.query(`CREATE INDEX ix_campaigns_owner_start ON campaigns (owner_id, start_date DESC, id DESC) ${live}`);
    await q.query(`CREATE INDEX ix_campaigns_search ON campaigns USING gin (name gin_trgm_ops)`);
    await q.query(`CREATE INDEX ix_campaigns_search_bigrams ON campaigns USING gin (search_bigrams)`);

    await q.query(`ALTER TABLE opportunities ADD COLUMN campaign_id uuid REFERENCES campaigns(id) ON DELETE SET NULL`);
    // the campaign filter of the opportunity list, and the campaign's stats (counts and won sums per currency, index-only)
    await q.query(`CREATE INDEX ix_opportunities_campaign_created ON opportunities (campaign_id, created_at DESC, id DESC) WHERE campaign_id IS NOT NULL AND deleted_at IS NULL`);
    await q.query(
      `CREATE INDEX ix_opportunities_campaign_stats ON opportunities (campaign_id, currency) INCLUDE (amount, won_at) WHERE campaign_id IS NOT NULL AND deleted_at IS NULL`,
    );

    for (const table of ['leads', 'lead_forms']) {
      await q.query(`UPDATE ${table} SET campaign_id = NULL WHERE campaign_id IS NOT NULL AND campaign_id NOT IN (SELECT id FROM campaigns)`);
      await q.query(`ALTER TABLE ${table} ADD CONSTRAINT fk_${table}_campaign FOREIGN KEY (campaign_id) REFERENCES campaigns(id) ON DELETE SET NULL`);
    }
    // the campaign filter of the lead list and the campaign's lead counts (index-only)
    await q.query(`CREATE INDEX ix_leads_campaign_created ON leads (campaign_id, created_at DESC, id DESC) INCLUDE (status) WHERE campaign_id IS NOT NULL AND deleted_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS ix_leads_campaign_created`);
    await q.query(`ALTER TABLE lead_forms DROP CONSTRAINT IF EXISTS fk_lead_forms_campaign`);
    await q.query(`ALTER TABLE leads DROP CONSTRAINT IF EXISTS fk_leads_campaign`);
    await q.query(`ALTER TABLE opportunities DROP COLUMN IF EXISTS campaign_id`);
    await q.query(`DROP TABLE IF EXISTS campaigns`);
  }
}
