import { MigrationInterface, QueryRunner } from 'typeorm';

const BASE = `
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  updated_at timestamptz(3) NOT NULL DEFAULT now(),
  deleted_at timestamptz(3),
  version int NOT NULL DEFAULT 1`;

/** Customers: accounts, contacts, leads, pools, assignment rules, web forms, dedupe index, notifications. */
export class Customers1763900000000 implements MigrationInterface {
  name = 'Customers1763900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE pools (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name varchar(100) NOT NULL,
        description text,
        department_id uuid REFERENCES departments(id),
        claim_limit int NOT NULL DEFAULT 50,
        return_after_days int,
        ${BASE}
      )`);
    await q.query(`CREATE UNIQUE INDEX uq_pools_name ON pools (lower(name)) WHERE deleted_at IS NULL`);
    await q.query(`CREATE INDEX ix_pools_department ON pools (department_id)`);
    await q.query(`CREATE INDEX ix_pools_name ON pools (name, id)`);
    await q.query(`CREATE INDEX ix_pools_created ON pools (created_at DESC, id DESC)`);
    await q.query(`
      CREATE TABLE pool_members (
        pool_id uuid NOT NULL REFERENCES pools(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        PRIMARY KEY (pool_id, user_id)
      )`);
    await q.query(`CREATE INDEX ix_pool_members_user ON pool_members (user_id)`);
    // records a user currently holds because they claimed them from a pool (the claim limit counts these)
    await q.query(`
      CREATE TABLE pool_claims (
        entity_type varchar(20) NOT NULL,
        entity_id uuid NOT NULL,
        pool_id uuid NOT NULL REFERENCES pools(id),
        user_id uuid NOT NULL REFERENCES users(id),
        claimed_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (entity_type, entity_id)
      )`);
    await q.query(`CREATE INDEX ix_pool_claims_pool_user ON pool_claims (pool_id, user_id)`);

    await q.query(`
      CREATE TABLE accounts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name varchar(200) NOT NULL,
        type varchar(20) NOT NULL DEFAULT 'company',
        industry varchar(50),
        size varchar(20),
        source varchar(30),
        level varchar(1),
        lifecycle_stage varchar(20) NOT NULL DEFAULT 'prospect',
        phone varchar(20),
        email varchar(254),
        website varchar(300),
        province varchar(50),
        city varchar(50),
        district varchar(50),
        street varchar(200),
        tags text[] NOT NULL DEFAULT '{}',
        parent_id uuid REFERENCES accounts(id),
        owner_id uuid REFERENCES users(id),
        department_id uuid REFERENCES departments(id),
        pool_id uuid REFERENCES pools(id),
        claimed_at timestamptz(3),
        next_follow_up_at timestamptz(3),
        last_activity_at timestamptz(3),
        search_text text GENERATED ALWAYS AS (name || ' ' || coalesce(phone, '') || ' ' || coalesce(email, '')) STORED,
        ${BASE}
      )`);
    await q.query(`CREATE INDEX ix_accounts_owner_created ON accounts (owner_id, created_at DESC, id DESC) WHERE deleted_at IS NULL`);
    await q.query(`CREATE INDEX ix_accounts_dept_created ON accounts (department_id, created_at DESC, id DESC) WHERE deleted_at IS NULL`);
    await q.query(`CREATE INDEX ix_accounts_created ON accounts (created_at DESC, id DESC) WHERE deleted_at IS NULL`);
    await q.query(`CREATE INDEX ix_accounts_name ON accounts (name, id) WHERE deleted_at IS NULL`);
    await q.query(`CREATE INDEX ix_accounts_owner_name ON accounts (owner_id, name, id) WHERE deleted_at IS NULL`);
    await q.query(`CREATE INDEX ix_accounts_pool ON accounts (pool_id, created_at DESC, id DESC) WHERE deleted_at IS NULL AND owner_id IS NULL`);
    await q.query(`CREATE INDEX ix_accounts_parent ON accounts (parent_id) WHERE parent_id IS NOT NULL`);
    await q.query(`CREATE INDEX ix_accounts_search ON accounts USING gin (search_text gin_trgm_ops)`);
    await q.query(`CREATE INDEX ix_accounts_tags ON accounts USING gin (tags)`);
    await q.query(`CREATE INDEX ix_accounts_next_follow_up ON accounts (owner_id, next_follow_up_at) WHERE deleted_at IS NULL`);

    await q.query(`
      CREATE TABLE contacts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        account_id uuid REFERENCES accounts(id),
        name varchar(100) NOT NULL,
        title varchar(100),
        mobile varchar(20),
        work_phone varchar(20),
        email varchar(254),
        wechat varchar(100),
        birthday date,
        gender varchar(10),
        is_primary boolean NOT NULL DEFAULT false,
        preferred_channel varchar(20),
        do_not_call boolean NOT NULL DEFAULT false,
        do_not_email boolean NOT NULL DEFAULT false,
        do_not_sms boolean NOT NULL DEFAULT false,
        notes text,
        owner_id uuid REFERENCES users(id),
        department_id uuid REFERENCES departments(id),
        last_activity_at timestamptz(3),
        search_text text GENERATED ALWAYS AS (
          name || ' ' || coalesce(mobile, '') || ' ' || coalesce(work_phone, '') || ' ' || coalesce(email, '')) STORED,
        ${BASE}
      )`);
    await q.query(`CREATE INDEX ix_contacts_account ON contacts (account_id, created_at DESC, id DESC) WHERE deleted_at IS NULL`);
    await q.query(`CREATE INDEX ix_contacts_owner_created ON contacts (owner_id, created_at DESC, id DESC) WHERE deleted_at IS NULL`);
    await q.query(`CREATE INDEX ix_contacts_dept_created ON contacts (department_id, created_at DESC, id DESC) WHERE deleted_at IS NULL`);
    await q.query(`CREATE INDEX ix_contacts_created ON contacts (created_at DESC, id DESC) WHERE deleted_at IS NULL`);
    await q.query(`CREATE INDEX ix_contacts_name ON contacts (name, id) WHERE deleted_at IS NULL`);
    await q.query(`CREATE INDEX ix_contacts_search ON contacts USING gin (search_text gin_trgm_ops)`);

    await q.query(`
      CREATE TABLE lead_forms (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name varchar(100) NOT NULL,
        key_hash char(64) NOT NULL,
        key_prefix varchar(16) NOT NULL,
        pool_id uuid REFERENCES pools(id),
        source varchar(30) NOT NULL DEFAULT 'web',
        campaign_id uuid,
        active boolean NOT NULL DEFAULT true,
        ${BASE}
      )`);
    await q.query(`CREATE UNIQUE INDEX uq_lead_forms_key_hash ON lead_forms (key_hash)`);
    await q.query(`CREATE INDEX ix_lead_forms_created ON lead_forms (created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX ix_lead_forms_name ON lead_forms (name, id)`);

    await q.query(`
      CREATE TABLE leads (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name varchar(100) NOT NULL,
        company varchar(200),
        title varchar(100),
        phone varchar(20),
        email varchar(254),
        source varchar(30) NOT NULL DEFAULT 'other',
        status varchar(20) NOT NULL DEFAULT 'new',
        score int NOT NULL DEFAULT 0,
        province varchar(50),
        city varchar(50),
        notes text,
        campaign_id uuid,
        form_id uuid REFERENCES lead_forms(id),
        owner_id uuid REFERENCES users(id),
        department_id uuid REFERENCES departments(id),
        pool_id uuid REFERENCES pools(id),
        claimed_at timestamptz(3),
        next_follow_up_at timestamptz(3),
        last_activity_at timestamptz(3),
        converted_at timestamptz(3),
        converted_account_id uuid REFERENCES accounts(id),
        converted_contact_id uuid REFERENCES contacts(id),
        converted_opportunity_id uuid,
        search_text text GENERATED ALWAYS AS (
          name || ' ' || coalesce(company, '') || ' ' || coalesce(phone, '') || ' ' || coalesce(email, '')) STORED,
        ${BASE}
      )`);
    await q.query(`CREATE INDEX ix_leads_owner_created ON leads (owner_id, created_at DESC, id DESC) WHERE deleted_at IS NULL`);
    await q.query(`CREATE INDEX ix_leads_owner_status_created ON leads (owner_id, status, created_at DESC, id DESC) WHERE deleted_at IS NULL`);
    await q.query(`CREATE INDEX ix_leads_dept_created ON leads (department_id, created_at DESC, id DESC) WHERE deleted_at IS NULL`);
    await q.query(`CREATE INDEX ix_leads_status_created ON leads (status, created_at DESC, id DESC) WHERE deleted_at IS NULL`);
    await q.query(`CREATE INDEX ix_leads_created ON leads (created_at DESC, id DESC) WHERE deleted_at IS NULL`);
    await q.query(`CREATE INDEX ix_leads_name ON leads (name, id) WHERE deleted_at IS NULL`);
    await q.query(`CREATE INDEX ix_leads_score ON leads (score DESC, id DESC) WHERE deleted_at IS NULL`);
    await q.query(`CREATE INDEX ix_leads_pool ON leads (pool_id, created_at DESC, id DESC) WHERE deleted_at IS NULL AND owner_id IS NULL`);
    await q.query(`CREATE INDEX ix_leads_search ON leads USING gin (search_text gin_trgm_ops)`);

    await q.query(`
      CREATE TABLE lead_assignment_rules (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name varchar(100) NOT NULL,
        position int NOT NULL DEFAULT 0,
        active boolean NOT NULL DEFAULT true,
        sources text[] NOT NULL DEFAULT '{}',
        provinces text[] NOT NULL DEFAULT '{}',
        cities text[] NOT NULL DEFAULT '{}',
        user_ids uuid[] NOT NULL DEFAULT '{}',
        next_index int NOT NULL DEFAULT 0,
        ${BASE}
      )`);
    await q.query(`CREATE INDEX ix_lead_assignment_rules_position ON lead_assignment_rules (position, id) WHERE deleted_at IS NULL`);
    await q.query(`CREATE INDEX ix_lead_assignment_rules_created ON lead_assignment_rules (created_at DESC, id DESC)`);

    await q.query(`
      CREATE TABLE contact_points (
        entity_type varchar(20) NOT NULL,
        entity_id uuid NOT NULL,
        kind varchar(10) NOT NULL,
        value varchar(254) NOT NULL,
        display_name varchar(200) NOT NULL,
        owner_id uuid,
        department_id uuid,
        PRIMARY KEY (entity_type, entity_id, kind, value)
      )`);
    await q.query(`CREATE INDEX ix_contact_points_value ON contact_points (kind, value)`);

    await q.query(`
      CREATE TABLE notifications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        kind varchar(50) NOT NULL,
        title varchar(200) NOT NULL,
        body text,
        entity_type varchar(50),
        entity_id uuid,
        read_at timestamptz(3),
        created_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX ix_notifications_user ON notifications (user_id, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX ix_notifications_unread ON notifications (user_id) WHERE read_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['notifications', 'contact_points', 'lead_assignment_rules', 'leads', 'lead_forms', 'contacts', 'accounts', 'pool_claims', 'pool_members', 'pools']) {
      await q.query(`DROP TABLE IF EXISTS ${t}`);
    }
  }
}
