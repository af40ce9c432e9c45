import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Lists like a CRM's (issue 12): tags on leads (bulk "add tag"), indexes for the fields the advanced
 * `filter` parameter exposes (ListSpec.fields), and saved views with a default view per user and list.
 * "No activity for N days" compares COALESCE(last_activity_at, created_at): the expression indexes
 * below carry exactly that text.
 */
export class ListViews1764540000000 implements MigrationInterface {
  name = 'ListViews1764540000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE leads ADD COLUMN tags text[] NOT NULL DEFAULT '{}'`);
    const live = 'WHERE deleted_at IS NULL';
    for (const sql of [
      `CREATE INDEX ix_leads_tags ON leads USING gin (tags)`,
      `CREATE INDEX ix_leads_idle ON leads ((COALESCE(last_activity_at, created_at))) ${live}`,
      `CREATE INDEX ix_leads_next_follow_up ON leads (next_follow_up_at) ${live}`,
      `CREATE INDEX ix_leads_source_created ON leads (source, created_at DESC, id DESC) ${live}`,
      `CREATE INDEX ix_leads_region ON leads (province, city) ${live}`,
      `CREATE INDEX ix_leads_updated ON leads (updated_at DESC, id DESC) ${live}`,
      `CREATE INDEX ix_leads_name_trgm ON leads USING gin (name gin_trgm_ops)`,
      `CREATE INDEX ix_leads_company_trgm ON leads USING gin (company gin_trgm_ops)`,
      `CREATE INDEX ix_accounts_idle ON accounts ((COALESCE(last_activity_at, created_at))) ${live}`,
      `CREATE INDEX ix_accounts_stage ON accounts (lifecycle_stage, created_at DESC, id DESC) ${live}`,
      `CREATE INDEX ix_accounts_level ON accounts (level, created_at DESC, id DESC) ${live}`,
      `CREATE INDEX ix_accounts_type ON accounts (type) ${live}`,
      `CREATE INDEX ix_accounts_source ON accounts (source) ${live}`,
      `CREATE INDEX ix_accounts_industry ON accounts (industry) ${live}`,
      `CREATE INDEX ix_accounts_region ON accounts (province, city) ${live}`,
      `CREATE INDEX ix_accounts_name_trgm ON accounts USING gin (name gin_trgm_ops)`,
      `CREATE INDEX ix_contacts_idle ON contacts ((COALESCE(last_activity_at, created_at))) ${live}`,
      `CREATE INDEX ix_contacts_name_trgm ON contacts USING gin (name gin_trgm_ops)`,
      `CREATE INDEX ix_contacts_title_trgm ON contacts USING gin (title gin_trgm_ops)`,
    ]) {
      await q.query(sql);
    }

    await q.query(`
      CREATE TABLE saved_views (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        deleted_at timestamptz(3),
        version int NOT NULL DEFAULT 1,
        owner_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        list_key varchar(40) NOT NULL,
        name varchar(100) NOT NULL,
        filters jsonb NOT NULL DEFAULT '{}'::jsonb,
        sort varchar(100),
        columns text[] NOT NULL DEFAULT '{}',
        sharing varchar(12) NOT NULL DEFAULT 'private' CHECK (sharing IN ('private', 'department', 'everyone')),
        department_id uuid,
        CHECK (sharing <> 'department' OR department_id IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX ix_saved_views_owner ON saved_views (owner_id, list_key, name) WHERE deleted_at IS NULL`);
    await q.query(`CREATE INDEX ix_saved_views_shared ON saved_views (list_key, sharing, department_id) WHERE deleted_at IS NULL AND sharing <> 'private'`);
    await q.query(`CREATE UNIQUE INDEX ux_saved_views_name ON saved_views (owner_id, list_key, lower(name)) WHERE deleted_at IS NULL`);
    await q.query(`
      CREATE TABLE saved_view_defaults (
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        list_key varchar(40) NOT NULL,
        view_id uuid NOT NULL REFERENCES saved_views(id) ON DELETE CASCADE,
        PRIMARY KEY (user_id, list_key)
      )`);
    await q.query(`CREATE INDEX ix_saved_view_defaults_view ON saved_view_defaults (view_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE saved_view_defaults`);
    await q.query(`DROP TABLE saved_views`);
    for (const ix of ['leads_idle', 'leads_next_follow_up', 'leads_source_created', 'leads_region', 'leads_updated', 'leads_name_trgm', 'leads_company_trgm', 'accounts_idle', 'accounts_stage', 'accounts_level', 'accounts_type', 'accounts_source', 'accounts_industry', 'accounts_region', 'accounts_name_trgm', 'contacts_idle', 'contacts_name_trgm', 'contacts_title_trgm']) {
      await q.query(`DROP INDEX ix_${ix}`);
    }
    await q.query(`ALTER TABLE leads DROP COLUMN tags`);
  }
}
