import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * "Owners see their own records unmasked" is a per-role choice, the special permission
 * `viewOwnSensitive`: on by default for the sales roles (a rep sees the phones and emails of their own
 * customers, and everyone else's masked). Existing built-in sales roles get it once here; admins may
 * take it away per role afterwards. New databases get it from the built-in role definitions.
 */
export class OwnersSeeOwnUnmasked1764530000000 implements MigrationInterface {
  name = 'OwnersSeeOwnUnmasked1764530000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `UPDATE roles SET special_permissions = array_append(special_permissions, 'viewOwnSensitive'), version = version + 1, updated_at = now()
        WHERE built_in AND key IN ('admin', 'sales_manager', 'sales_rep') AND deleted_at IS NULL
          AND NOT ('viewOwnSensitive' = ANY(special_permissions))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `UPDATE roles SET special_permissions = array_remove(special_permissions, 'viewOwnSensitive'), version = version + 1, updated_at = now()
        WHERE 'viewOwnSensitive' = ANY(special_permissions)`,
    );
  }
}
