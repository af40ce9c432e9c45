import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The network drive (我的文档): folders and files in one tree, each with an owner and a sharing scope
 * (private, named users, departments with their sub-departments, roles, everyone); file versions whose bytes
 * are core attachments (`record_type = 'document'`); links from a document to any record; a trash kept 30
 * days. The `documents` permission joins the role matrix of the built-in roles.
 */
export class Documents1765500000000 implements MigrationInterface {
  name = 'Documents1765500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE documents (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind varchar(6) NOT NULL CHECK (kind IN ('folder', 'file')),
        parent_id uuid NULL REFERENCES documents(id) ON DELETE CASCADE,
        name varchar(255) NOT NULL,
        tags varchar(40)[] NOT NULL DEFAULT '{}',
        owner_id uuid NOT NULL REFERENCES users(id),
        department_id uuid NULL REFERENCES departments(id) ON DELETE SET NULL,
        share_scope varchar(12) NOT NULL DEFAULT 'private' CHECK (share_scope IN ('private', 'users', 'departments', 'roles', 'everyone')),
        share_user_ids uuid[] NOT NULL DEFAULT '{}',
        share_department_ids uuid[] NOT NULL DEFAULT '{}',
        share_role_keys varchar(60)[] NOT NULL DEFAULT '{}',
        head_version_id uuid NULL,
        version_count int NOT NULL DEFAULT 0,
        size_bytes bigint NULL,
        file_type varchar(10) NULL,
        content_type varchar(100) NULL,
        search_text text NOT NULL DEFAULT '',
        search_bigrams text[] NOT NULL DEFAULT '{}',
        trashed_by_id uuid NULL REFERENCES users(id) ON DELETE SET NULL,
        trash_root_id uuid NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        deleted_at timestamptz(3) NULL,
        version int NOT NULL DEFAULT 1,
        CHECK (parent_id IS NULL OR parent_id <> id)
      )`);
    // a folder's content, folders first then by name (the default sort), and the root level
    await q.query(`CREATE INDEX ix_documents_parent ON documents (parent_id, kind DESC, name, id) WHERE deleted_at IS NULL`);
    await q.query(`CREATE INDEX ix_documents_owner ON documents (owner_id, updated_at DESC, id DESC) WHERE deleted_at IS NULL`);
    await q.query(`CREATE INDEX ix_documents_department ON documents (department_id) WHERE deleted_at IS NULL`);
    await q.query(`CREATE INDEX ix_documents_search ON documents USING gin (search_text gin_trgm_ops)`);
    await q.query(`CREATE INDEX ix_documents_bigrams ON documents USING gin (search_bigrams)`);
    await q.query(`CREATE INDEX ix_documents_tags ON documents USING gin (tags)`);
    await q.query(`CREATE INDEX ix_documents_share_users ON documents USING gin (share_user_ids)`);
    await q.query(`CREATE INDEX ix_documents_share_departments ON documents USING gin (share_department_ids)`);
    await q.query(`CREATE INDEX ix_documents_share_roles ON documents USING gin (share_role_keys)`);
    await q.query(`CREATE INDEX ix_documents_trash ON documents (deleted_at, id) WHERE deleted_at IS NOT NULL`);
    await q.query(`CREATE INDEX ix_documents_trash_root ON documents (trash_root_id) WHERE trash_root_id IS NOT NULL`);
    await q.query(`
      CREATE TABLE document_versions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        document_id uuid NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        number int NOT NULL,
        attachment_id uuid NOT NULL REFERENCES attachments(id),
        restored_from int NULL,
        note varchar(500) NULL,
        created_by_id uuid NULL REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        UNIQUE (document_id, number)
      )`);
    await q.query(`CREATE INDEX ix_document_versions_attachment ON document_versions (attachment_id)`);
    await q.query(`ALTER TABLE documents ADD CONSTRAINT fk_documents_head FOREIGN KEY (head_version_id) REFERENCES document_versions(id) DEFERRABLE INITIALLY DEFERRED`);
    await q.query(`
      CREATE TABLE document_links (
        document_id uuid NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        record_type varchar(30) NOT NULL,
        record_id uuid NOT NULL,
        created_by_id uuid NULL REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (document_id, record_type, record_id)
      )`);
    await q.query(`CREATE INDEX ix_document_links_record ON document_links (record_type, record_id)`);
    for (const [key, scope] of [
      ['sales_manager', 'department'],
      ['sales_rep', 'own'],
      ['service_agent', 'own'],
      ['service_manager', 'department'],
      ['finance', 'own'],
      ['marketing', 'own'],
    ]) {
      await q.query(
        `UPDATE roles SET permissions = permissions || jsonb_build_array(jsonb_build_object('module', 'documents', 'actions', '["read","create","update","delete"]'::jsonb, 'scope', $2::text)),
                version = version + 1, updated_at = now()
          WHERE key = $1 AND built_in AND deleted_at IS NULL AND NOT permissions @> '[{"module":"documents"}]'::jsonb`,
        [key, scope],
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE roles SET permissions = (SELECT coalesce(jsonb_agg(p), '[]'::jsonb) FROM jsonb_array_elements(permissions) p WHERE p->>'module' <> 'documents')`);
    await q.query(`DROP TABLE document_links`);
    await q.query(`ALTER TABLE documents DROP CONSTRAINT fk_documents_head`);
    await q.query(`DROP TABLE document_versions`);
    await q.query(`DROP TABLE documents`);
  }
}
