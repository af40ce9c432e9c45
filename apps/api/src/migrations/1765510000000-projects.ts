import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Projects (我的项目): a project of an account and/or a contract with an owner, members, dates, status and
 * ordered milestones; tasks get an optional `project_id` (the tasks module keeps owning its table).
 */
export class Projects1765510000000 implements MigrationInterface {
  name = 'Projects1765510000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE projects (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        number varchar(40) NOT NULL,
        name varchar(200) NOT NULL,
        description text NULL,
        status varchar(20) NOT NULL DEFAULT 'planning' CHECK (status IN ('planning', 'active', 'on_hold', 'completed', 'cancelled')),
        account_id uuid NULL,
        contract_id uuid NULL,
        start_date date NULL,
        end_date date NULL,
        member_ids uuid[] NOT NULL DEFAULT '{}',
        owner_id uuid NULL REFERENCES users(id) ON DELETE SET NULL,
        department_id uuid NULL,
        search_text text GENERATED ALWAYS AS (lower(number || ' ' || name)) STORED,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        deleted_at timestamptz(3) NULL,
        version int NOT NULL DEFAULT 1,
        CHECK (end_date IS NULL OR start_date IS NULL OR end_date >= start_date)
      )`);
    await q.query(`CREATE UNIQUE INDEX ux_projects_number ON projects (number)`);
    await q.query(`CREATE INDEX ix_projects_owner_created ON projects (owner_id, created_at DESC, id DESC) WHERE deleted_at IS NULL`);
    await q.query(`CREATE INDEX ix_projects_department ON projects (department_id) WHERE deleted_at IS NULL`);
    await q.query(`CREATE INDEX ix_projects_created ON projects (created_at DESC, id DESC) WHERE deleted_at IS NULL`);
    await q.query(`CREATE INDEX ix_projects_end_date ON projects (end_date, id) WHERE deleted_at IS NULL`);
    await q.query(`CREATE INDEX ix_projects_status ON projects (status, created_at DESC, id DESC) WHERE deleted_at IS NULL`);
    await q.query(`CREATE INDEX ix_projects_account ON projects (account_id) WHERE deleted_at IS NULL AND account_id IS NOT NULL`);
    await q.query(`CREATE INDEX ix_projects_contract ON projects (contract_id) WHERE deleted_at IS NULL AND contract_id IS NOT NULL`);
    await q.query(`CREATE INDEX ix_projects_members ON projects USING gin (member_ids)`);
    await q.query(`CREATE INDEX ix_projects_search ON projects USING gin (search_text gin_trgm_ops)`);
    await q.query(`
      CREATE TABLE project_milestones (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        project_id uuid NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        name varchar(200) NOT NULL,
        due_date date NULL,
        done boolean NOT NULL DEFAULT false,
        done_at timestamptz(3) NULL,
        position int NOT NULL DEFAULT 0,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX ix_project_milestones_project ON project_milestones (project_id, position, id)`);
    // tasks of a project (the tasks module owns the column; projects ask TasksService for counts)
    await q.query(`ALTER TABLE tasks ADD COLUMN project_id uuid NULL`);
    await q.query(`CREATE INDEX ix_tasks_project ON tasks (project_id, created_at DESC, id DESC) WHERE deleted_at IS NULL AND project_id IS NOT NULL`);
    // sales roles run projects (new databases get it from the built-in role definitions)
    for (const [key, actions, scope] of [
      ['sales_rep', '["read","create","update"]', 'own'],
      ['sales_manager', '["read","create","update","delete","export"]', 'department'],
    ]) {
      await q.query(
        `UPDATE roles SET permissions = permissions || jsonb_build_array(jsonb_build_object('module', 'projects', 'actions', $2::jsonb, 'scope', $3::text)),
                version = version + 1, updated_at = now()
          WHERE key = $1 AND built_in AND deleted_at IS NULL AND NOT permissions @> '[{"module":"projects"}]'::jsonb`,
        [key, actions, scope],
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS ix_tasks_project`);
    await q.query(`ALTER TABLE tasks DROP COLUMN IF EXISTS project_id`);
    await q.query(`DROP TABLE IF EXISTS project_milestones`);
    await q.query(`DROP TABLE IF EXISTS projects`);
  }
}
