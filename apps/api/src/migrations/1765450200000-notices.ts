import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Company notices (公司通知): sanitized rich text for an audience (everyone, departments with their
 * sub-departments, roles), published now or at a time, pinned, expiring; one read receipt per reader.
 */
export class Notices1765450200000 implements MigrationInterface {
  name = 'Notices1765450200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notices (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        title varchar(200) NOT NULL,
        body_html text NOT NULL DEFAULT '',
        audience varchar(12) NOT NULL CHECK (audience IN ('everyone', 'departments', 'roles')),
        department_ids uuid[] NOT NULL DEFAULT '{}',
        role_keys varchar(60)[] NOT NULL DEFAULT '{}',
        publish_at timestamptz(3) NOT NULL DEFAULT now(),
        expires_at timestamptz(3) NULL,
        pinned boolean NOT NULL DEFAULT false,
        author_id uuid NULL REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        deleted_at timestamptz(3) NULL,
        version int NOT NULL DEFAULT 1,
        CHECK (expires_at IS NULL OR expires_at > publish_at)
      )`);
    await q.query(`CREATE INDEX ix_notices_feed ON notices (pinned DESC, publish_at DESC, id DESC) WHERE deleted_at IS NULL`);
    await q.query(`CREATE INDEX ix_notices_departments ON notices USING gin (department_ids)`);
    await q.query(`CREATE INDEX ix_notices_roles ON notices USING gin (role_keys)`);
    await q.query(`
      CREATE TABLE notice_reads (
        notice_id uuid NOT NULL REFERENCES notices(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        read_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (notice_id, user_id)
      )`);
    await q.query(`CREATE INDEX ix_notice_reads_user ON notice_reads (user_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE notice_reads`);
    await q.query(`DROP TABLE notices`);
  }
}
