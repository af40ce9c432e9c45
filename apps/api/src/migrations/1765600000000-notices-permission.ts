import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notices get their own permission module (`notices`) instead of the `settings` update grant, and the
 * author's department so a publisher's data scope applies to the notices they manage. Every role that
 * could publish before (settings update) keeps publishing: it gets every notices action with its
 * settings scope. Reading the notices addressed to you needs no grant, as before.
 */
export class NoticesPermission1765600000000 implements MigrationInterface {
  name = 'NoticesPermission1765600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE notices ADD COLUMN department_id uuid NULL REFERENCES departments(id) ON DELETE SET NULL`);
    await q.query(`UPDATE notices n SET department_id = u.department_id FROM users u WHERE u.id = n.author_id`);
    await q.query(`CREATE INDEX ix_notices_author ON notices (author_id) WHERE deleted_at IS NULL`);
    await q.query(`CREATE INDEX ix_notices_department ON notices (department_id) WHERE deleted_at IS NULL`);
    await q.query(
      `UPDATE roles r SET permissions = r.permissions || jsonb_build_array(jsonb_build_object(
                'module', 'notices', 'actions', '["read","create","update","delete"]'::jsonb, 'scope', s.p->>'scope')),
              version = r.version + 1, updated_at = now()
         FROM (SELECT id, p FROM roles, jsonb_array_elements(permissions) p WHERE p->>'module' = 'settings' AND p->'actions' ? 'update') s
        WHERE s.id = r.id AND r.deleted_at IS NULL AND NOT r.permissions @> '[{"module":"notices"}]'::jsonb`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE roles SET permissions = (SELECT coalesce(jsonb_agg(p), '[]'::jsonb) FROM jsonb_array_elements(permissions) p WHERE p->>'module' <> 'notices')`);
    await q.query(`DROP INDEX IF EXISTS ix_notices_department`);
    await q.query(`DROP INDEX IF EXISTS ix_notices_author`);
    await q.query(`ALTER TABLE notices DROP COLUMN IF EXISTS department_id`);
  }
}
