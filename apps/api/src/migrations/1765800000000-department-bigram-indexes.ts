import { MigrationInterface, QueryRunner } from 'typeorm';

const TABLES = ['leads', 'accounts', 'contacts'];

/**
 * A 2-character Chinese search inside a department scope (a manager): the scope is now
 * `owner_id = me OR department_id = ANY(<the scope's department ids>)` (core/access/data-scope.ts), and one
 * GIN index over (department_id, search_bigrams) per table (btree_gin gives GIN the uuid equality) turns the
 * department side into exact index scans, one per department id, OR-ed in a bitmap with the owner side
 * (`ix_*_owner_bigrams`, migration 1765540100000): PostgreSQL reads only the matches inside the scope instead
 * of every bigram hit's heap row (bench/results/manager-search-2026-12-01.md). Built CONCURRENTLY (outside a
 * transaction) so a deploy on a large table does not block writes.
 */
export class DepartmentBigramIndexes1765800000000 implements MigrationInterface {
  name = 'DepartmentBigramIndexes1765800000000';
  transaction = false;

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS btree_gin`);
    for (const t of TABLES) {
      // a concurrent build that failed or was cancelled leaves an invalid index that IF NOT EXISTS would keep
      const [bad] = await q.query(
        `SELECT 1 FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relname = $1 AND NOT i.indisvalid`,
        [`ix_${t}_department_bigrams`],
      );
      if (bad) await q.query(`DROP INDEX CONCURRENTLY IF EXISTS ix_${t}_department_bigrams`);
      await q.query(
        `CREATE INDEX CONCURRENTLY IF NOT EXISTS ix_${t}_department_bigrams ON ${t} USING gin (department_id, search_bigrams) WHERE deleted_at IS NULL`,
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of TABLES) await q.query(`DROP INDEX CONCURRENTLY IF EXISTS ix_${t}_department_bigrams`);
  }
}
