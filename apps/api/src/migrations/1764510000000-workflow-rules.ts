import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Committed domain events (an outbox written in the same transaction as the change) and the workflow
 * rules reacting to them, with one run row per (rule, run key): the key is the event id, or
 * `time:<record>:<due>` for time-based rules, so a run happens once whatever the number of instances.
 */
export class WorkflowRules1764510000000 implements MigrationInterface {
  name = 'WorkflowRules1764510000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE outbox_events (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq bigserial NOT NULL,
        name varchar(50) NOT NULL,
        entity_type varchar(50) NOT NULL,
        entity_id uuid NOT NULL,
        actor_id uuid,
        depth int NOT NULL DEFAULT 0,
        payload jsonb NOT NULL DEFAULT '{}'::jsonb,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        dispatched_at timestamptz(3)
      )`);
    // the dispatcher picks undispatched events oldest first; old dispatched ones are pruned by time
    await q.query(`CREATE INDEX idx_outbox_events_pending ON outbox_events (seq) WHERE dispatched_at IS NULL`);
    await q.query(`CREATE INDEX idx_outbox_events_created ON outbox_events (created_at)`);

    await q.query(`
      CREATE TABLE workflow_rules (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name varchar(100) NOT NULL,
        description text,
        entity_type varchar(50) NOT NULL,
        enabled boolean NOT NULL DEFAULT true,
        trigger jsonb NOT NULL,
        conditions jsonb NOT NULL DEFAULT '{"match":"all","conditions":[]}'::jsonb,
        actions jsonb NOT NULL DEFAULT '[]'::jsonb,
        round_robin jsonb NOT NULL DEFAULT '{}'::jsonb,
        scanned_until timestamptz(3),
        created_by_id uuid REFERENCES users(id),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        deleted_at timestamptz(3),
        version int NOT NULL DEFAULT 1
      )`);
    await q.query(`CREATE INDEX idx_workflow_rules_created ON workflow_rules (created_at DESC, id DESC) WHERE deleted_at IS NULL`);
    await q.query(`CREATE INDEX idx_workflow_rules_name ON workflow_rules (name, id) WHERE deleted_at IS NULL`);
    await q.query(`CREATE INDEX idx_workflow_rules_name_trgm ON workflow_rules USING gin (name gin_trgm_ops)`);
    await q.query(`CREATE INDEX idx_workflow_rules_type ON workflow_rules (entity_type, created_at DESC, id DESC) WHERE deleted_at IS NULL`);
    // matching an event: enabled rules of its kind
    await q.query(`CREATE INDEX idx_workflow_rules_kind ON workflow_rules (entity_type) WHERE enabled AND deleted_at IS NULL`);

    await q.query(`
      CREATE TABLE workflow_runs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        rule_id uuid NOT NULL REFERENCES workflow_rules(id),
        run_key varchar(200) NOT NULL,
        event_id uuid,
        entity_type varchar(50) NOT NULL,
        entity_id uuid NOT NULL,
        depth int NOT NULL DEFAULT 0,
        outcome varchar(20) NOT NULL,
        error text,
        actions jsonb NOT NULL DEFAULT '[]'::jsonb,
        started_at timestamptz(3) NOT NULL DEFAULT now(),
        finished_at timestamptz(3),
        duration_ms int
      )`);
    // exactly once per (rule, event or due date): the claim is an INSERT … ON CONFLICT DO NOTHING
    await q.query(`CREATE UNIQUE INDEX uq_workflow_runs_key ON workflow_runs (rule_id, run_key)`);
    await q.query(`CREATE INDEX idx_workflow_runs_rule ON workflow_runs (rule_id, started_at DESC, id DESC)`);
    await q.query(`CREATE INDEX idx_workflow_runs_entity ON workflow_runs (entity_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE workflow_runs`);
    await q.query(`DROP TABLE workflow_rules`);
    await q.query(`DROP TABLE outbox_events`);
  }
}
