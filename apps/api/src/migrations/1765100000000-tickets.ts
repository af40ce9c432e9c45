import { MigrationInterface, QueryRunner } from 'typeorm';

const base = `
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        deleted_at timestamptz(3),
        version int NOT NULL DEFAULT 1`;

/**
 * Service tickets (工单): teams of agents with round-robin assignment, SLA policies per priority (and
 * optionally account level) in working minutes of a business calendar, tickets with their due times, pause
 * intervals and breach flags, comments (public replies and internal notes), web forms with their own keys,
 * satisfaction surveys; return visits (回访) and warranty records (保修). Default SLA policies per priority.
 * A service manager built-in role (tickets across the department).
 */
export class Tickets1765100000000 implements MigrationInterface {
  name = 'Tickets1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE ticket_teams (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name varchar(100) NOT NULL,
        description varchar(500),
        lead_id uuid,
        auto_assign boolean NOT NULL DEFAULT true,
        ${base}
      )`);
    await q.query(`CREATE UNIQUE INDEX uq_ticket_teams_name ON ticket_teams (lower(name)) WHERE deleted_at IS NULL`);
    await q.query(`
      CREATE TABLE ticket_team_members (
        team_id uuid NOT NULL REFERENCES ticket_teams (id) ON DELETE CASCADE,
        user_id uuid NOT NULL,
        active boolean NOT NULL DEFAULT true,
        last_assigned_at timestamptz(3),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (team_id, user_id)
      )`);
    await q.query(`CREATE INDEX idx_ticket_team_members_user ON ticket_team_members (user_id)`);
    await q.query(`
      CREATE TABLE sla_policies (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name varchar(100) NOT NULL,
        priority varchar(10) NOT NULL,
        account_level varchar(20),
        calendar_id uuid,
        first_response_minutes int NOT NULL,
        next_response_minutes int,
        resolution_minutes int NOT NULL,
        pause_statuses text[] NOT NULL DEFAULT '{pending}',
        raise_priority boolean NOT NULL DEFAULT false,
        active boolean NOT NULL DEFAULT true,
        ${base}
      )`);
    await q.query(`CREATE UNIQUE INDEX uq_sla_policies_target ON sla_policies (priority, coalesce(account_level, '')) WHERE deleted_at IS NULL`);
    await q.query(`
      CREATE TABLE tickets (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        number varchar(40) NOT NULL,
        subject varchar(200) NOT NULL,
        description text,
        type varchar(20) NOT NULL DEFAULT 'question',
        channel varchar(20) NOT NULL DEFAULT 'web',
        priority varchar(10) NOT NULL DEFAULT 'normal',
        status varchar(10) NOT NULL DEFAULT 'new',
        account_id uuid,
        contact_id uuid,
        product_id uuid,
        contract_id uuid,
        service_record_id uuid,
        team_id uuid,
        owner_id uuid,
        department_id uuid,
        tags text[] NOT NULL DEFAULT '{}',
        requester_name varchar(100),
        requester_email varchar(200),
        requester_phone varchar(40),
        public_token varchar(64) NOT NULL,
        parent_ticket_id uuid,
        form_id uuid,
        opened_at timestamptz(3) NOT NULL,
        sla_policy_id uuid,
        calendar_id uuid,
        pauses jsonb NOT NULL DEFAULT '[]',
        first_responded_at timestamptz(3),
        awaiting_since timestamptz(3),
        first_response_due_at timestamptz(3),
        next_response_due_at timestamptz(3),
        resolution_due_at timestamptz(3),
        first_response_breached boolean NOT NULL DEFAULT false,
        next_response_breached boolean NOT NULL DEFAULT false,
        resolution_breached boolean NOT NULL DEFAULT false,
        sla_warned text[] NOT NULL DEFAULT '{}',
        sla_next_due_at timestamptz(3),
        sla_breached boolean NOT NULL DEFAULT false,
        resolved_at timestamptz(3),
        closed_at timestamptz(3),
        survey_token varchar(64),
        survey_rating smallint,
        survey_comment varchar(1000),
        surveyed_at timestamptz(3),
        search_text text GENERATED ALWAYS AS (lower(number || ' ' || subject || ' ' || coalesce(requester_name, '') || ' ' || coalesce(requester_email, ''))) STORED,
        ${base},
        CONSTRAINT ck_tickets_rating CHECK (survey_rating IS NULL OR survey_rating BETWEEN 1 AND 5)
      )`);
    await q.query(`CREATE UNIQUE INDEX uq_tickets_number ON tickets (number)`);
    await q.query(`CREATE UNIQUE INDEX uq_tickets_public_token ON tickets (public_token)`);
    await q.query(`CREATE UNIQUE INDEX uq_tickets_survey_token ON tickets (survey_token) WHERE survey_token IS NOT NULL`);
    await q.query(`CREATE INDEX idx_tickets_created ON tickets (created_at DESC, id DESC) WHERE deleted_at IS NULL`);
    await q.query(`CREATE INDEX idx_tickets_owner_created ON tickets (owner_id, created_at DESC, id DESC) WHERE deleted_at IS NULL`);
    await q.query(`CREATE INDEX idx_tickets_dept_created ON tickets (department_id, created_at DESC, id DESC) WHERE deleted_at IS NULL`);
    await q.query(`CREATE INDEX idx_tickets_team_created ON tickets (team_id, created_at DESC, id DESC) WHERE deleted_at IS NULL`);
    await q.query(`CREATE INDEX idx_tickets_owner_due ON tickets (owner_id, sla_next_due_at, id) WHERE deleted_at IS NULL AND sla_next_due_at IS NOT NULL`);
    await q.query(`CREATE INDEX idx_tickets_due ON tickets (sla_next_due_at, id) WHERE deleted_at IS NULL AND sla_next_due_at IS NOT NULL`);
    await q.query(`CREATE INDEX idx_tickets_open_owner ON tickets (owner_id) WHERE deleted_at IS NULL AND status IN ('new', 'open', 'pending', 'reopened')`);
    await q.query(`CREATE INDEX idx_tickets_breached ON tickets (owner_id, created_at DESC, id DESC) WHERE deleted_at IS NULL AND sla_breached`);
    await q.query(`CREATE INDEX idx_tickets_status ON tickets (status, created_at DESC, id DESC) WHERE deleted_at IS NULL`);
    await q.query(`CREATE INDEX idx_tickets_account ON tickets (account_id, created_at DESC) WHERE deleted_at IS NULL`);
    await q.query(`CREATE INDEX idx_tickets_service_record ON tickets (service_record_id) WHERE service_record_id IS NOT NULL`);
    await q.query(`CREATE INDEX idx_tickets_parent ON tickets (parent_ticket_id) WHERE parent_ticket_id IS NOT NULL`);
    await q.query(`CREATE INDEX idx_tickets_search ON tickets USING gin (search_text gin_trgm_ops)`);
    await q.query(`
      CREATE TABLE ticket_comments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        ticket_id uuid NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
        visibility varchar(10) NOT NULL CHECK (visibility IN ('public', 'internal')),
        from_customer boolean NOT NULL DEFAULT false,
        author_id uuid,
        author_name varchar(100),
        body text NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX idx_ticket_comments_ticket ON ticket_comments (ticket_id, created_at, id)`);
    await q.query(`
      CREATE TABLE ticket_forms (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name varchar(100) NOT NULL,
        key_hash char(64) NOT NULL,
        key_prefix varchar(16) NOT NULL,
        team_id uuid,
        type varchar(20) NOT NULL DEFAULT 'question',
        priority varchar(10) NOT NULL DEFAULT 'normal',
        active boolean NOT NULL DEFAULT true,
        ${base}
      )`);
    await q.query(`CREATE UNIQUE INDEX uq_ticket_forms_key ON ticket_forms (key_hash)`);
    await q.query(`
      CREATE TABLE return_visits (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        subject varchar(200) NOT NULL,
        account_id uuid NOT NULL,
        ticket_id uuid,
        contract_id uuid,
        planned_date date NOT NULL,
        method varchar(20) NOT NULL DEFAULT 'phone',
        status varchar(10) NOT NULL DEFAULT 'planned',
        outcome varchar(1000),
        satisfaction smallint CHECK (satisfaction IS NULL OR satisfaction BETWEEN 1 AND 5),
        notes text,
        done_at timestamptz(3),
        owner_id uuid,
        department_id uuid,
        search_text text GENERATED ALWAYS AS (lower(subject)) STORED,
        ${base}
      )`);
    await q.query(`CREATE INDEX idx_return_visits_owner_planned ON return_visits (owner_id, planned_date, id) WHERE deleted_at IS NULL`);
    await q.query(`CREATE INDEX idx_return_visits_planned ON return_visits (planned_date, id) WHERE deleted_at IS NULL`);
    await q.query(`CREATE INDEX idx_return_visits_created ON return_visits (created_at DESC, id DESC) WHERE deleted_at IS NULL`);
    await q.query(`CREATE INDEX idx_return_visits_account ON return_visits (account_id) WHERE deleted_at IS NULL`);
    await q.query(`CREATE INDEX idx_return_visits_search ON return_visits USING gin (search_text gin_trgm_ops)`);
    await q.query(`
      CREATE TABLE service_records (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        account_id uuid NOT NULL,
        product_id uuid,
        product_name varchar(200),
        serial_number varchar(100) NOT NULL,
        purchase_date date,
        warranty_end date,
        history jsonb NOT NULL DEFAULT '[]',
        notes text,
        owner_id uuid,
        department_id uuid,
        search_text text GENERATED ALWAYS AS (lower(serial_number || ' ' || coalesce(product_name, ''))) STORED,
        ${base}
      )`);
    await q.query(`CREATE UNIQUE INDEX uq_service_records_serial ON service_records (lower(serial_number)) WHERE deleted_at IS NULL`);
    await q.query(`CREATE INDEX idx_service_records_created ON service_records (created_at DESC, id DESC) WHERE deleted_at IS NULL`);
    await q.query(`CREATE INDEX idx_service_records_warranty ON service_records (warranty_end, id) WHERE deleted_at IS NULL`);
    await q.query(`CREATE INDEX idx_service_records_account ON service_records (account_id) WHERE deleted_at IS NULL`);
    await q.query(`CREATE INDEX idx_service_records_search ON service_records USING gin (search_text gin_trgm_ops)`);

    // default service levels per priority, on the default business calendar (working minutes)
    for (const [priority, name, first, next, resolution] of [
      ['urgent', '紧急 Urgent', 30, 60, 240],
      ['high', '高 High', 60, 120, 480],
      ['normal', '普通 Normal', 240, 480, 1440],
      ['low', '低 Low', 480, 960, 2880],
    ] as const) {
      await q.query(
        `INSERT INTO sla_policies (name, priority, first_response_minutes, next_response_minutes, resolution_minutes) VALUES ($1, $2, $3, $4, $5)`,
        [name, priority, first, next, resolution],
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['service_records', 'return_visits', 'ticket_forms', 'ticket_comments', 'tickets', 'sla_policies', 'ticket_team_members', 'ticket_teams']) {
      await q.query(`DROP TABLE ${t}`);
    }
  }
}
