import { MigrationInterface, QueryRunner } from 'typeorm';

/** Identity, access, audit and the HTTP core's shared state (idempotency, rate limits, refresh tokens). */
export class Foundation1763800000000 implements MigrationInterface {
  name = 'Foundation1763800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(`
      CREATE TABLE departments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name varchar(100) NOT NULL,
        parent_id uuid REFERENCES departments(id),
        path text NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        deleted_at timestamptz(3),
        version int NOT NULL DEFAULT 1
      )`);
    await q.query(`CREATE INDEX ix_departments_parent ON departments (parent_id) WHERE deleted_at IS NULL`);
    await q.query(`CREATE INDEX ix_departments_path ON departments (path text_pattern_ops)`);
    await q.query(`CREATE INDEX ix_departments_name ON departments (name, id)`);
    await q.query(`CREATE INDEX ix_departments_created ON departments (created_at DESC, id DESC)`);
    await q.query(
      `CREATE UNIQUE INDEX uq_departments_name ON departments (coalesce(parent_id, '00000000-0000-0000-0000-000000000000'::uuid), lower(name)) WHERE deleted_at IS NULL`,
    );

    await q.query(`
      CREATE TABLE roles (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        key varchar(50) NOT NULL,
        name varchar(100) NOT NULL,
        description text,
        built_in boolean NOT NULL DEFAULT false,
        permissions jsonb NOT NULL DEFAULT '[]',
        special_permissions text[] NOT NULL DEFAULT '{}',
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        deleted_at timestamptz(3),
        version int NOT NULL DEFAULT 1
      )`);
    await q.query(`CREATE UNIQUE INDEX uq_roles_key ON roles (key) WHERE deleted_at IS NULL`);
    await q.query(`CREATE INDEX ix_roles_name ON roles (name, id)`);
    await q.query(`CREATE INDEX ix_roles_created ON roles (created_at DESC, id DESC)`);

    await q.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email varchar(254) NOT NULL,
        name varchar(100) NOT NULL,
        phone varchar(20),
        password_hash text NOT NULL,
        department_id uuid REFERENCES departments(id),
        active boolean NOT NULL DEFAULT true,
        locale varchar(10),
        failed_login_count int NOT NULL DEFAULT 0,
        locked_until timestamptz(3),
        last_login_at timestamptz(3),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        deleted_at timestamptz(3),
        version int NOT NULL DEFAULT 1
      )`);
    await q.query(`CREATE UNIQUE INDEX uq_users_email ON users (email) WHERE deleted_at IS NULL`);
    await q.query(`CREATE INDEX ix_users_department ON users (department_id, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX ix_users_name ON users (name, id)`);
    await q.query(`CREATE INDEX ix_users_email_sort ON users (email, id)`);
    await q.query(`CREATE INDEX ix_users_created ON users (created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX ix_users_search ON users USING gin ((name || ' ' || email || ' ' || coalesce(phone, '')) gin_trgm_ops)`);

    await q.query(`
      CREATE TABLE user_roles (
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        role_id uuid NOT NULL REFERENCES roles(id) ON DELETE CASCADE,
        PRIMARY KEY (user_id, role_id)
      )`);
    await q.query(`CREATE INDEX ix_user_roles_role ON user_roles (role_id)`);

    await q.query(`
      CREATE TABLE refresh_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        family_id uuid NOT NULL,
        token_hash char(64) NOT NULL,
        expires_at timestamptz(3) NOT NULL,
        used_at timestamptz(3),
        revoked_at timestamptz(3),
        created_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX ix_refresh_tokens_family ON refresh_tokens (family_id)`);
    await q.query(`CREATE INDEX ix_refresh_tokens_user ON refresh_tokens (user_id)`);

    await q.query(`
      CREATE TABLE audit_logs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        actor_id uuid,
        actor_name varchar(100),
        action varchar(30) NOT NULL,
        entity_type varchar(50) NOT NULL,
        entity_id uuid NOT NULL,
        changes jsonb NOT NULL DEFAULT '[]',
        request_id varchar(64),
        created_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX ix_audit_logs_entity ON audit_logs (entity_type, entity_id, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX ix_audit_logs_actor ON audit_logs (actor_id, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX ix_audit_logs_created ON audit_logs (created_at DESC, id DESC)`);

    await q.query(`
      CREATE TABLE idempotency_keys (
        user_key varchar(100) NOT NULL,
        key varchar(255) NOT NULL,
        request_hash char(64) NOT NULL,
        state varchar(10) NOT NULL DEFAULT 'pending',
        status_code int,
        response_body jsonb,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (user_key, key)
      )`);
    await q.query(`CREATE INDEX ix_idempotency_keys_created ON idempotency_keys (created_at)`);

    await q.query(`
      CREATE UNLOGGED TABLE rate_limit_buckets (
        key varchar(200) PRIMARY KEY,
        window_start timestamptz(3) NOT NULL,
        hits int NOT NULL
      )`);

    await q.query(`
      CREATE TABLE system_settings (
        key varchar(100) PRIMARY KEY,
        value jsonb NOT NULL,
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'system_settings',
      'rate_limit_buckets',
      'idempotency_keys',
      'audit_logs',
      'refresh_tokens',
      'user_roles',
      'users',
      'roles',
      'departments',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${t}`);
    }
  }
}
