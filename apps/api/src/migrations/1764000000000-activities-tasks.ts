import { MigrationInterface, QueryRunner } from 'typeorm';

const BASE = `
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  updated_at timestamptz(3) NOT NULL DEFAULT now(),
  deleted_at timestamptz(3),
  version int NOT NULL DEFAULT 1`;

/**
 * Activities (calls, visits, meetings, notes, emails) and tasks. The related lead/account/contact ids
 * carry no foreign keys on purpose: those records are only soft-deleted, and an import revert may
 * remove rows it created without having to know about activities.
 */
export class ActivitiesTasks1764000000000 implements MigrationInterface {
  name = 'ActivitiesTasks1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE activities (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        type varchar(20) NOT NULL CHECK (type IN ('call', 'visit', 'meeting', 'note', 'email')),
        subject varchar(200),
        content text,
        occurred_at timestamptz(3) NOT NULL DEFAULT now(),
        direction varchar(10) CHECK (direction IN ('inbound', 'outbound')),
        duration_sec int CHECK (duration_sec >= 0),
        outcome varchar(20) CHECK (outcome IN ('connected', 'no_answer', 'busy', 'voicemail', 'wrong_number')),
        caller_phone varchar(20),
        planned_at timestamptz(3),
        location varchar(200),
        status varchar(20) CHECK (status IN ('planned', 'done', 'cancelled')),
        lead_id uuid,
        account_id uuid,
        contact_id uuid,
        owner_id uuid NOT NULL REFERENCES users(id),
        department_id uuid REFERENCES departments(id),
        search_text text GENERATED ALWAYS AS (coalesce(subject, '') || ' ' || coalesce(content, '')) STORED,
        ${BASE},
        CONSTRAINT ck_activities_related CHECK (lead_id IS NOT NULL OR account_id IS NOT NULL OR contact_id IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX ix_activities_occurred ON activities (occurred_at DESC, id DESC) WHERE deleted_at IS NULL`);
    await q.query(`CREATE INDEX ix_activities_created ON activities (created_at DESC, id DESC) WHERE deleted_at IS NULL`);
    await q.query(`CREATE INDEX ix_activities_owner_occurred ON activities (owner_id, occurred_at DESC, id DESC) WHERE deleted_at IS NULL`);
    await q.query(`CREATE INDEX ix_activities_dept_occurred ON activities (department_id, occurred_at DESC, id DESC) WHERE deleted_at IS NULL`);
    await q.query(`CREATE INDEX ix_activities_type_occurred ON activities (type, occurred_at DESC, id DESC) WHERE deleted_at IS NULL`);
    // timelines and the lead score read a record's activities newest first
    await q.query(`CREATE INDEX ix_activities_lead ON activities (lead_id, occurred_at DESC, id DESC) WHERE deleted_at IS NULL AND lead_id IS NOT NULL`);
    await q.query(`CREATE INDEX ix_activities_account ON activities (account_id, occurred_at DESC, id DESC) WHERE deleted_at IS NULL AND account_id IS NOT NULL`);
    await q.query(`CREATE INDEX ix_activities_contact ON activities (contact_id, occurred_at DESC, id DESC) WHERE deleted_at IS NULL AND contact_id IS NOT NULL`);
    // the calendar: one user's visits and meetings by planned time
    await q.query(`CREATE INDEX ix_activities_owner_planned ON activities (owner_id, planned_at) WHERE deleted_at IS NULL AND planned_at IS NOT NULL`);
    await q.query(`CREATE INDEX ix_activities_search ON activities USING gin (search_text gin_trgm_ops)`);

    await q.query(`
      CREATE TABLE tasks (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        title varchar(200) NOT NULL,
        description text,
        due_at timestamptz(3) NOT NULL,
        remind_at timestamptz(3),
        reminded_at timestamptz(3),
        priority varchar(10) NOT NULL DEFAULT 'normal' CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
        status varchar(20) NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in_progress', 'done', 'cancelled')),
        completed_at timestamptz(3),
        assignee_id uuid NOT NULL REFERENCES users(id),
        department_id uuid REFERENCES departments(id),
        created_by_id uuid REFERENCES users(id),
        lead_id uuid,
        account_id uuid,
        contact_id uuid,
        ${BASE}
      )`);
    await q.query(`CREATE INDEX ix_tasks_due ON tasks (due_at, id) WHERE deleted_at IS NULL`);
    await q.query(`CREATE INDEX ix_tasks_created ON tasks (created_at DESC, id DESC) WHERE deleted_at IS NULL`);
    await q.query(`CREATE INDEX ix_tasks_assignee_due ON tasks (assignee_id, due_at, id) WHERE deleted_at IS NULL`);
    await q.query(`CREATE INDEX ix_tasks_dept_due ON tasks (department_id, due_at, id) WHERE deleted_at IS NULL`);
    // "my tasks": the open ones of one assignee by due time
    await q.query(
      `CREATE INDEX ix_tasks_assignee_open ON tasks (assignee_id, due_at, id) WHERE deleted_at IS NULL AND status IN ('open', 'in_progress')`,
    );
    // the reminder job scans only armed reminders
    await q.query(
      `CREATE INDEX ix_tasks_remind ON tasks (remind_at) WHERE deleted_at IS NULL AND reminded_at IS NULL AND remind_at IS NOT NULL AND status IN ('open', 'in_progress')`,
    );
    await q.query(`CREATE INDEX ix_tasks_lead ON tasks (lead_id, created_at DESC, id DESC) WHERE deleted_at IS NULL AND lead_id IS NOT NULL`);
    await q.query(`CREATE INDEX ix_tasks_account ON tasks (account_id, created_at DESC, id DESC) WHERE deleted_at IS NULL AND account_id IS NOT NULL`);
    await q.query(`CREATE INDEX ix_tasks_contact ON tasks (contact_id, created_at DESC, id DESC) WHERE deleted_at IS NULL AND contact_id IS NOT NULL`);
    await q.query(`CREATE INDEX ix_tasks_title ON tasks USING gin (title gin_trgm_ops)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS tasks`);
    await q.query(`DROP TABLE IF EXISTS activities`);
  }
}
