import { MigrationInterface, QueryRunner } from 'typeorm';

/** Projects carry custom field values like the other record kinds (migration 1765530000000). */
export class ProjectCustomFields1765650000000 implements MigrationInterface {
  name = 'ProjectCustomFields1765650000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE projects ADD COLUMN custom jsonb NOT NULL DEFAULT '{}'`);
    await q.query(`CREATE INDEX ix_projects_custom ON projects USING gin (custom jsonb_path_ops)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE projects DROP COLUMN custom`);
  }
}
