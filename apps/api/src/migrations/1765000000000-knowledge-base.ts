import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Knowledge base (知识中心, issue 15): the category tree, articles with their previous versions and
 * votes, and the Chinese + English search index.
 *
 * Search: `search_vector` is a generated tsvector (`kb_search_vector`, IMMUTABLE SQL): English stems
 * (`to_tsvector('english', …)` of the text with its CJK runs blanked) plus the overlapping 2-character
 * pieces of each CJK run (`cjk_bigrams`, migration 1764200000000) as lexemes (cast from text with a position, so they carry a weight), weighted A (title), B
 * (summary), C (body), GIN-indexed. A 2-character Chinese word is one lexeme, so the index decides it;
 * longer phrases AND their pieces (and the app checks the phrase itself); `'refunds'` becomes `'refund'`.
 * `head_vector` is the same of title and summary only: small enough to stay in the row, so ranking the
 * matches (title hit, then rank within title and summary) never reads the body's large vector from TOAST.
 * Only built-in functions: works on the embedded PostgreSQL (no zhparser / pg_bigm). PostgreSQL recomputes a
 * generated column only when the columns it reads change, so view counts and votes leave it alone.
 */
export class KnowledgeBase1765000000000 implements MigrationInterface {
  name = 'KnowledgeBase1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION kb_lexemes(t text) RETURNS tsvector
      LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT to_tsvector('english'::regconfig, regexp_replace(coalesce(t, ''), '[\\u3400-\\u9fff\\uf900-\\ufaff]+', ' ', 'g'))
               || coalesce((SELECT string_agg('''' || b || ''':1', ' ') FROM unnest(cjk_bigrams(t)) AS b)::tsvector, ''::tsvector)
      $$`);
    await q.query(`
      CREATE OR REPLACE FUNCTION kb_search_vector(title text, summary text, body text) RETURNS tsvector
      LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT setweight(kb_lexemes(title), 'A') || setweight(kb_lexemes(summary), 'B') || setweight(kb_lexemes(body), 'C')
      $$`);

    await q.query(`
      CREATE TABLE kb_categories (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name varchar(100) NOT NULL,
        name_en varchar(100) NULL,
        parent_id uuid NULL REFERENCES kb_categories(id),
        position int NOT NULL DEFAULT 0,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        deleted_at timestamptz(3) NULL,
        version int NOT NULL DEFAULT 1
      )`);
    await q.query(`CREATE INDEX ix_kb_categories_parent ON kb_categories (parent_id, position, name) WHERE deleted_at IS NULL`);

    await q.query(`
      CREATE TABLE kb_articles (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        title varchar(200) NOT NULL,
        summary varchar(1000) NULL,
        body text NOT NULL DEFAULT '',
        tags text[] NOT NULL DEFAULT '{}',
        category_id uuid NULL REFERENCES kb_categories(id),
        status varchar(20) NOT NULL DEFAULT 'draft',
        visibility varchar(20) NOT NULL DEFAULT 'internal',
        author_id uuid NULL,
        revision int NOT NULL DEFAULT 1,
        content_by uuid NULL,
        content_at timestamptz(3) NOT NULL DEFAULT now(),
        view_count bigint NOT NULL DEFAULT 0,
        helpful_count int NOT NULL DEFAULT 0,
        not_helpful_count int NOT NULL DEFAULT 0,
        published_at timestamptz(3) NULL,
        search_vector tsvector GENERATED ALWAYS AS (kb_search_vector(title, summary, body)) STORED,
        head_vector tsvector GENERATED ALWAYS AS (kb_search_vector(title, summary, '')) STORED,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        deleted_at timestamptz(3) NULL,
        version int NOT NULL DEFAULT 1,
        CONSTRAINT ck_kb_articles_status CHECK (status IN ('draft', 'published', 'archived')),
        CONSTRAINT ck_kb_articles_visibility CHECK (visibility IN ('internal', 'public'))
      )`);
    await q.query(`CREATE INDEX ix_kb_articles_search ON kb_articles USING gin (search_vector)`);
    await q.query(`CREATE INDEX ix_kb_articles_tags ON kb_articles USING gin (tags)`);
    // keyset sorts (row comparison on (key, id) in one direction) and the filters beside them
    for (const [name, cols] of [
      ['updated', 'updated_at DESC, id DESC'],
      ['title', 'title, id'],
      ['views', 'view_count DESC, id DESC'],
      ['status_updated', 'status, updated_at DESC, id DESC'],
      ['visibility_updated', 'visibility, updated_at DESC, id DESC'],
      ['category_updated', 'category_id, updated_at DESC, id DESC'],
      ['author_updated', 'author_id, updated_at DESC, id DESC'],
    ]) {
      await q.query(`CREATE INDEX ix_kb_articles_${name} ON kb_articles (${cols}) WHERE deleted_at IS NULL`);
    }
    // the help center's list: published public articles only
    await q.query(`CREATE INDEX ix_kb_articles_public ON kb_articles (updated_at DESC, id DESC) WHERE deleted_at IS NULL AND status = 'published' AND visibility = 'public'`);

    await q.query(`
      CREATE TABLE kb_article_versions (
        article_id uuid NOT NULL REFERENCES kb_articles(id),
        number int NOT NULL,
        title varchar(200) NOT NULL,
        summary varchar(1000) NULL,
        body text NOT NULL,
        edited_by uuid NULL,
        edited_at timestamptz(3) NOT NULL,
        replaced_by uuid NULL,
        replaced_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (article_id, number)
      )`);

    await q.query(`
      CREATE TABLE kb_article_votes (
        article_id uuid NOT NULL REFERENCES kb_articles(id),
        user_id uuid NOT NULL,
        helpful boolean NOT NULL,
        voted_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (article_id, user_id)
      )`);
    await q.query(`ANALYZE kb_articles`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS kb_article_votes`);
    await q.query(`DROP TABLE IF EXISTS kb_article_versions`);
    await q.query(`DROP TABLE IF EXISTS kb_articles`);
    await q.query(`DROP TABLE IF EXISTS kb_categories`);
    await q.query(`DROP FUNCTION IF EXISTS kb_search_vector(text, text, text)`);
    await q.query(`DROP FUNCTION IF EXISTS kb_lexemes(text)`);
  }
}
