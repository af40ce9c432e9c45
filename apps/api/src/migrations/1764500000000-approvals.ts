import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Approval engine (issue 11): departments get a manager; approval flows (per record kind and trigger),
 * approval instances with their per-approver tasks and history, and delegations. The default 撞单
 * (duplicate override) flows for leads and accounts go to the other record's owner's manager.
 */
export class Approvals1764500000000 implements MigrationInterface {
  name = 'Approvals1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE departments ADD COLUMN manager_id uuid NULL REFERENCES users(id)`);
    await q.query(`CREATE INDEX idx_departments_manager ON departments (manager_id) WHERE manager_id IS NOT NULL`);

    await q.query(`
      CREATE TABLE approval_flows (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        deleted_at timestamptz(3) NULL,
        version int NOT NULL DEFAULT 1,
        name varchar(100) NOT NULL,
        kind varchar(50) NOT NULL,
        trigger varchar(50) NOT NULL,
        condition jsonb NULL,
        steps jsonb NOT NULL,
        enabled boolean NOT NULL DEFAULT true,
        priority int NOT NULL DEFAULT 100
      )`);
    await q.query(`CREATE INDEX idx_approval_flows_match ON approval_flows (kind, trigger, priority, created_at) WHERE deleted_at IS NULL`);
    await q.query(`CREATE INDEX idx_approval_flows_list ON approval_flows (created_at DESC, id DESC)`);

    await q.query(`
      CREATE TABLE approvals (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        deleted_at timestamptz(3) NULL,
        version int NOT NULL DEFAULT 1,
        flow_id uuid NOT NULL REFERENCES approval_flows(id),
        flow_name varchar(100) NOT NULL,
        kind varchar(50) NOT NULL,
        trigger varchar(50) NOT NULL,
        record_id uuid NOT NULL,
        record_name varchar(200) NOT NULL,
        record jsonb NOT NULL,
        submitter_id uuid NOT NULL REFERENCES users(id),
        status varchar(20) NOT NULL DEFAULT 'pending',
        current_step int NOT NULL DEFAULT 0,
        steps jsonb NOT NULL,
        decided_at timestamptz(3) NULL
      )`);
    // one pending approval per record: the lock modules check
    await q.query(`CREATE UNIQUE INDEX uq_approvals_pending ON approvals (kind, record_id) WHERE status = 'pending'`);
    await q.query(`CREATE INDEX idx_approvals_record ON approvals (kind, record_id, created_at DESC)`);
    await q.query(`CREATE INDEX idx_approvals_submitter ON approvals (submitter_id, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX idx_approvals_created ON approvals (created_at DESC, id DESC)`);

    await q.query(`
      CREATE TABLE approval_tasks (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        approval_id uuid NOT NULL REFERENCES approvals(id),
        step int NOT NULL,
        user_id uuid NOT NULL REFERENCES users(id),
        status varchar(20) NOT NULL DEFAULT 'pending',
        acted_by_id uuid NULL REFERENCES users(id),
        acted_at timestamptz(3) NULL
      )`);
    await q.query(`CREATE INDEX idx_approval_tasks_user ON approval_tasks (user_id, status)`);
    await q.query(`CREATE INDEX idx_approval_tasks_acted_by ON approval_tasks (acted_by_id) WHERE acted_by_id IS NOT NULL`);
    await q.query(`CREATE INDEX idx_approval_tasks_approval ON approval_tasks (approval_id, step)`);

    await q.query(`
      CREATE TABLE approval_events (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        created_at timestamptz(3) NOT NULL DEFAULT clock_timestamp(),
        approval_id uuid NOT NULL REFERENCES approvals(id),
        step int NULL,
        action varchar(20) NOT NULL,
        actor_id uuid NULL REFERENCES users(id),
        on_behalf_of_id uuid NULL REFERENCES users(id),
        target_id uuid NULL REFERENCES users(id),
        comment text NULL
      )`);
    await q.query(`CREATE INDEX idx_approval_events_approval ON approval_events (approval_id, created_at, id)`);
    await q.query(`CREATE INDEX idx_approval_events_actor ON approval_events (actor_id, action)`);

    await q.query(`
      CREATE TABLE approval_delegations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        user_id uuid NOT NULL REFERENCES users(id),
        delegate_id uuid NOT NULL REFERENCES users(id),
        starts_at timestamptz(3) NOT NULL,
        ends_at timestamptz(3) NOT NULL,
        deleted_at timestamptz(3) NULL,
        CHECK (ends_at > starts_at),
        CHECK (user_id <> delegate_id)
      )`);
    await q.query(`CREATE INDEX idx_approval_delegations_delegate ON approval_delegations (delegate_id, starts_at, ends_at) WHERE deleted_at IS NULL`);
    await q.query(`CREATE INDEX idx_approval_delegations_user ON approval_delegations (user_id, starts_at DESC) WHERE deleted_at IS NULL`);

    // 撞单: "Save anyway" on a duplicate of someone else's lead or account asks that owner's manager
    const steps = JSON.stringify([{ mode: 'any', approvers: [{ type: 'manager', of: 'duplicateOwnerId' }] }]);
    await q.query(
      `INSERT INTO approval_flows (name, kind, trigger, steps, priority)
       VALUES ('撞单审批 Duplicate lead', 'lead', 'duplicate_override', $1, 1000),
              ('撞单审批 Duplicate account', 'account', 'duplicate_override', $1, 1000)`,
      [steps],
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE approval_delegations`);
    await q.query(`DROP TABLE approval_events`);
    await q.query(`DROP TABLE approval_tasks`);
    await q.query(`DROP TABLE approvals`);
    await q.query(`DROP TABLE approval_flows`);
    await q.query(`ALTER TABLE departments DROP COLUMN manager_id`);
  }
}
