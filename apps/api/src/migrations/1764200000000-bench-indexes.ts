import { MigrationInterface, QueryRunner } from 'typeorm';

/** The columns holding the Chinese text of each searchable table (what `search_text` adds is ASCII). */
const CJK_SOURCES: Record<string, string> = {
  leads: `name || ' ' || coalesce(company, '')`,
  accounts: 'name',
  contacts: 'name',
};

/**
 * Sort indexes that lists of a department scope walk: the scope test (`owner_id = me OR department_id IN
 * (my department and below)`) is a filter on them. With the two columns included, a list's capped count
 * (core/http/keyset.ts) is an index-only scan: 14 ms → 1.3 ms for a manager's `status=new` leads.
 */
const SCOPED_SORT_INDEXES: [table: string, name: string, columns: string][] = [
  ['leads', 'ix_leads_status_created', 'status, created_at DESC, id DESC'],
  ['leads', 'ix_leads_created', 'created_at DESC, id DESC'],
  ['accounts', 'ix_accounts_created', 'created_at DESC, id DESC'],
  ['accounts', 'ix_accounts_name', 'name, id'],
  ['contacts', 'ix_contacts_created', 'created_at DESC, id DESC'],
];

/**
 * Search of short Chinese words at volume (bench/README.md). A trigram index cannot serve a 2-character
 * query (`ILIKE '%云启%'` has no trigram), so every list search for one read all 1M leads (136-378 ms).
 * `search_bigrams` holds the distinct overlapping 2-character pieces of every run of CJK characters of
 * the record's name (and company); a GIN index finds the records holding all pieces of a query, and
 * being a stored column it is cheap to test row by row when the planner walks the sort index instead.
 */
/** Indexes and a search column that the query plans of the benchmark showed were needed (bench/README.md). */
export class BenchIndexes1764200000000 implements MigrationInterface {
  name = 'BenchIndexes1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION cjk_bigrams(t text) RETURNS text[]
      LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
        SELECT coalesce(array_agg(DISTINCT substr(m.r[1], i, 2)), '{}')
          FROM regexp_matches(t, '[\\u3400-\\u9fff\\uf900-\\ufaff]{2,}', 'g') AS m(r),
               generate_series(1, char_length(m.r[1]) - 1) AS i
      $$`);
    for (const [table, name, columns] of SCOPED_SORT_INDEXES) {
      await q.query(`DROP INDEX IF EXISTS ${name}`);
      await q.query(`CREATE INDEX ${name} ON ${table} (${columns}) INCLUDE (owner_id, department_id) WHERE deleted_at IS NULL`);
    }
    for (const [table, source] of Object.entries(CJK_SOURCES)) {
      await q.query(`ALTER TABLE ${table} ADD COLUMN search_bigrams text[] GENERATED ALWAYS AS (cjk_bigrams(${source})) STORED`);
      await q.query(`CREATE INDEX ix_${table}_search_bigrams ON ${table} USING gin (search_bigrams)`);
      // element statistics of the new column, so the planner knows how common a piece is
      await q.query(`ANALYZE ${table}`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of Object.keys(CJK_SOURCES)) await q.query(`ALTER TABLE ${table} DROP COLUMN IF EXISTS search_bigrams`);
    await q.query(`DROP FUNCTION IF EXISTS cjk_bigrams(text)`);
    for (const [table, name, columns] of SCOPED_SORT_INDEXES) {
      await q.query(`DROP INDEX IF EXISTS ${name}`);
      await q.query(`CREATE INDEX ${name} ON ${table} (${columns}) WHERE deleted_at IS NULL`);
    }
  }
}
