import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notifications carry a `kind` and its `params`; readers render the text in their own language
 * (the SPA from its locale files, the API by Accept-Language). Rows written before keep their
 * bilingual text as `params.text` / `params.detail`, which both renderers show as it is.
 */
export class NotificationParams1764440000000 implements MigrationInterface {
  name = 'NotificationParams1764440000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE notifications ADD COLUMN params jsonb NOT NULL DEFAULT '{}'::jsonb`);
    await q.query(`UPDATE notifications SET params = jsonb_strip_nulls(jsonb_build_object('text', title, 'detail', body))`);
    await q.query(`ALTER TABLE notifications DROP COLUMN title, DROP COLUMN body`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE notifications ADD COLUMN title varchar(200) NOT NULL DEFAULT '', ADD COLUMN body text`);
    await q.query(`UPDATE notifications SET title = left(coalesce(params->>'text', kind), 200), body = params->>'detail'`);
    await q.query(`ALTER TABLE notifications DROP COLUMN params`);
  }
}
