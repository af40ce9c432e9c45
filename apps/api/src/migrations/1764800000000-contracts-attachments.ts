import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 13, contracts: contracts with their lines (numbered from core/sequences, approved through the
 * approval engine, expired and reminded by a daily job), the shared attachments table of core/files
 * (any record kind; bytes in PostgreSQL or under FILES_DIR), the default contract approval flow
 * (amount ≥ 500,000 → the submitter's department manager) and the contracts write grant for sales reps.
 */
export class ContractsAttachments1764800000000 implements MigrationInterface {
  name = 'ContractsAttachments1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE contracts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        number varchar(40) NOT NULL,
        title varchar(200) NOT NULL,
        status varchar(20) NOT NULL DEFAULT 'draft',
        account_id uuid NOT NULL,
        opportunity_id uuid NULL REFERENCES opportunities(id),
        quote_id uuid NULL REFERENCES quotes(id),
        currency char(3) NOT NULL DEFAULT 'CNY',
        amount numeric(18,2) NOT NULL DEFAULT 0,
        tax_included boolean NOT NULL DEFAULT true,
        discount_percent numeric(5,2) NOT NULL DEFAULT 0,
        subtotal numeric(18,2) NOT NULL DEFAULT 0,
        discount_amount numeric(18,2) NOT NULL DEFAULT 0,
        tax_total numeric(18,2) NOT NULL DEFAULT 0,
        net_total numeric(18,2) NOT NULL DEFAULT 0,
        sign_date date NULL,
        start_date date NULL,
        end_date date NULL,
        payment_terms varchar(500) NULL,
        customer_signer varchar(100) NULL,
        our_signer_id uuid NULL REFERENCES users(id),
        notes text NULL,
        activated_at timestamptz(3) NULL,
        ended_at timestamptz(3) NULL,
        termination_reason varchar(500) NULL,
        renewal_task_id uuid NULL,
        owner_id uuid NULL REFERENCES users(id),
        department_id uuid NULL REFERENCES departments(id),
        search_text text GENERATED ALWAYS AS (lower(number || ' ' || title || ' ' || coalesce(customer_signer, ''))) STORED,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        deleted_at timestamptz(3) NULL,
        version int NOT NULL DEFAULT 1,
        CONSTRAINT uq_contracts_number UNIQUE (number),
        CONSTRAINT ck_contracts_dates CHECK (start_date IS NULL OR end_date IS NULL OR end_date >= start_date)
      )`);
    // lists: every sort and filter with the scope columns in front, in the direction of the ORDER BY (keyset)
    await q.query(`CREATE INDEX idx_contracts_created ON contracts (created_at DESC, id DESC) WHERE deleted_at IS NULL`);
    await q.query(`CREATE INDEX idx_contracts_owner_created ON contracts (owner_id, created_at DESC, id DESC) WHERE deleted_at IS NULL`);
    await q.query(`CREATE INDEX idx_contracts_dept_created ON contracts (department_id, created_at DESC, id DESC) WHERE deleted_at IS NULL`);
    await q.query(`CREATE INDEX idx_contracts_status_created ON contracts (status, created_at DESC, id DESC) WHERE deleted_at IS NULL`);
    await q.query(`CREATE INDEX idx_contracts_account ON contracts (account_id, created_at DESC, id DESC) WHERE deleted_at IS NULL`);
    await q.query(`CREATE INDEX idx_contracts_opportunity ON contracts (opportunity_id) WHERE deleted_at IS NULL AND opportunity_id IS NOT NULL`);
    await q.query(`CREATE INDEX idx_contracts_end_date ON contracts (end_date, id) WHERE deleted_at IS NULL`);
    await q.query(`CREATE INDEX idx_contracts_owner_end_date ON contracts (owner_id, end_date, id) WHERE deleted_at IS NULL`);
    await q.query(`CREATE INDEX idx_contracts_sign_date ON contracts (sign_date, id) WHERE deleted_at IS NULL`);
    await q.query(`CREATE INDEX idx_contracts_amount ON contracts (amount, id) WHERE deleted_at IS NULL`);
    await q.query(`CREATE INDEX idx_contracts_number_sort ON contracts (number, id) WHERE deleted_at IS NULL`);
    // one live contract per quote: two parallel "create from quote" meet here (409)
    await q.query(`CREATE UNIQUE INDEX uq_contracts_quote ON contracts (quote_id) WHERE deleted_at IS NULL AND quote_id IS NOT NULL`);
    // the daily job: active contracts by end date (expiry, renewal reminders not yet made)
    await q.query(`CREATE INDEX idx_contracts_expiry ON contracts (end_date) WHERE status = 'active' AND deleted_at IS NULL`);
    await q.query(`CREATE INDEX idx_contracts_search ON contracts USING gin (search_text gin_trgm_ops)`);

    await q.query(`
      CREATE TABLE contract_lines (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        contract_id uuid NOT NULL REFERENCES contracts(id) ON DELETE CASCADE,
        position int NOT NULL,
        group_name varchar(100) NULL,
        product_id uuid NULL,
        name varchar(200) NOT NULL,
        description varchar(1000) NULL,
        unit varchar(20) NULL,
        quantity numeric(18,4) NOT NULL,
        unit_price numeric(18,4) NOT NULL,
        discount_percent numeric(5,2) NOT NULL DEFAULT 0,
        tax_rate numeric(5,2) NOT NULL DEFAULT 0,
        amount numeric(18,2) NOT NULL,
        tax_amount numeric(18,2) NOT NULL
      )`);
    await q.query(`CREATE UNIQUE INDEX uq_contract_lines_position ON contract_lines (contract_id, position)`);

    // core/files: files attached to any record (record_type + record_id), bytes here or under FILES_DIR
    await q.query(`
      CREATE TABLE attachments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        record_type varchar(40) NOT NULL,
        record_id uuid NOT NULL,
        file_name varchar(255) NOT NULL,
        file_type varchar(10) NOT NULL,
        content_type varchar(100) NOT NULL,
        size_bytes bigint NOT NULL,
        sha256 char(64) NOT NULL,
        storage varchar(10) NOT NULL,
        storage_key varchar(200) NULL,
        content bytea NULL,
        uploaded_by_id uuid NULL REFERENCES users(id),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT ck_attachments_storage CHECK ((storage = 'db' AND content IS NOT NULL) OR (storage = 'dir' AND storage_key IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX idx_attachments_record ON attachments (record_type, record_id, created_at DESC, id DESC)`);

    // contracts of 500,000 or more wait for the submitter's department manager
    const steps = JSON.stringify([{ mode: 'any', approvers: [{ type: 'manager' }] }]);
    const condition = JSON.stringify({ match: 'all', conditions: [{ field: 'amount', op: 'gte', value: 500000 }] });
    await q.query(
      `INSERT INTO approval_flows (name, kind, trigger, condition, steps, priority) VALUES ('合同金额审批 Contract amount', 'contract', 'submit', $1, $2, 1000)`,
      [condition, steps],
    );

    // sales reps write their own contracts (read, create, update), as they do quotes; new databases get it from the built-in roles
    await q.query(
      `UPDATE roles SET permissions = (
          SELECT jsonb_agg(CASE WHEN e->>'module' = 'contracts'
                                THEN '{"module":"contracts","actions":["read","create","update"],"scope":"own"}'::jsonb
                                ELSE e END)
            FROM jsonb_array_elements(permissions) e),
          version = version + 1, updated_at = now()
        WHERE built_in AND key = 'sales_rep' AND deleted_at IS NULL
          AND permissions @> '[{"module":"contracts","actions":["read","create"],"scope":"own"}]'::jsonb
          AND NOT permissions @> '[{"module":"contracts","actions":["update"]}]'::jsonb`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM approval_flows WHERE kind = 'contract' AND trigger = 'submit' AND name = '合同金额审批 Contract amount'`);
    await q.query(`DROP TABLE attachments`);
    await q.query(`DROP TABLE contract_lines`);
    await q.query(`DROP TABLE contracts`);
  }
}
