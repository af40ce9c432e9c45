import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Activities and tasks can be about an opportunity (a call about the deal, "send the revised quote"):
 * the opportunity's timeline reads them newest first, and the lists filter by it.
 */
export class OpportunityActivitiesTasks1764950000000 implements MigrationInterface {
  name = 'OpportunityActivitiesTasks1764950000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE activities ADD COLUMN opportunity_id uuid REFERENCES opportunities (id)`);
    await q.query(`ALTER TABLE tasks ADD COLUMN opportunity_id uuid REFERENCES opportunities (id)`);
    await q.query(
      `CREATE INDEX ix_activities_opportunity ON activities (opportunity_id, occurred_at DESC, id DESC) WHERE deleted_at IS NULL AND opportunity_id IS NOT NULL`,
    );
    await q.query(`CREATE INDEX ix_tasks_opportunity ON tasks (opportunity_id, created_at DESC, id DESC) WHERE deleted_at IS NULL AND opportunity_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE tasks DROP COLUMN opportunity_id`);
    await q.query(`ALTER TABLE activities DROP COLUMN opportunity_id`);
  }
}
