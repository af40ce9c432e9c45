import { MigrationInterface, QueryRunner } from 'typeorm';

/** The scan closes runs cut off mid-way (still `running` after 30 minutes): a small index for that look. */
export class WorkflowRunsRunning1764570000000 implements MigrationInterface {
  name = 'WorkflowRunsRunning1764570000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX idx_workflow_runs_running ON workflow_runs (started_at) WHERE outcome = 'running'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX idx_workflow_runs_running`);
  }
}
