import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Finance (issue 14): a ledger row per contract (the lock every payment and invoice of the contract takes,
 * with its received and invoiced totals), payment plan installments (回款计划), payments (回款记录) with
 * their allocations to installments, invoices (发票记录) and the invoice titles kept per account.
 */
export class Payments1765050000000 implements MigrationInterface {
  name = 'Payments1765050000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE finance_ledgers (
        contract_id uuid PRIMARY KEY,
        account_id uuid NOT NULL,
        contract_number varchar(40) NOT NULL,
        contract_title varchar(200) NOT NULL,
        currency char(3) NOT NULL,
        amount numeric(18,2) NOT NULL,
        received numeric(18,2) NOT NULL DEFAULT 0,
        invoiced numeric(18,2) NOT NULL DEFAULT 0,
        rate_date date NOT NULL,
        owner_id uuid NULL,
        department_id uuid NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        version int NOT NULL DEFAULT 1,
        CONSTRAINT ck_finance_ledgers_received CHECK (received >= 0 AND received <= amount),
        CONSTRAINT ck_finance_ledgers_invoiced CHECK (invoiced >= 0 AND invoiced <= amount)
      )`);
    await q.query(`CREATE INDEX idx_finance_ledgers_owner ON finance_ledgers (owner_id, contract_id)`);
    await q.query(`CREATE INDEX idx_finance_ledgers_department ON finance_ledgers (department_id, contract_id)`);
    await q.query(`CREATE INDEX idx_finance_ledgers_account ON finance_ledgers (account_id)`);
    await q.query(`CREATE INDEX idx_finance_ledgers_created ON finance_ledgers (created_at DESC, contract_id DESC)`);

    await q.query(`
      CREATE TABLE payment_installments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        contract_id uuid NOT NULL REFERENCES finance_ledgers (contract_id),
        position int NOT NULL,
        due_date date NOT NULL,
        amount numeric(18,2) NOT NULL CHECK (amount > 0),
        percent numeric(7,4) NULL,
        received numeric(18,2) NOT NULL DEFAULT 0,
        status varchar(20) NOT NULL DEFAULT 'pending',
        currency char(3) NOT NULL,
        owner_id uuid NULL,
        department_id uuid NULL,
        reminder_task_id uuid NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        deleted_at timestamptz(3) NULL,
        version int NOT NULL DEFAULT 1,
        CONSTRAINT ck_payment_installments_received CHECK (received >= 0 AND received <= amount)
      )`);
    await q.query(`CREATE INDEX idx_payment_installments_contract ON payment_installments (contract_id, due_date, position) WHERE deleted_at IS NULL`);
    await q.query(`CREATE INDEX idx_payment_installments_due ON payment_installments (due_date, id) WHERE deleted_at IS NULL`);
    await q.query(`CREATE INDEX idx_payment_installments_open ON payment_installments (due_date) WHERE deleted_at IS NULL AND status IN ('pending', 'partially_paid', 'overdue')`);
    await q.query(`CREATE INDEX idx_payment_installments_status ON payment_installments (status, due_date, id) WHERE deleted_at IS NULL`);
    await q.query(`CREATE INDEX idx_payment_installments_owner ON payment_installments (owner_id, due_date, id) WHERE deleted_at IS NULL`);

    await q.query(`
      CREATE TABLE payments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        contract_id uuid NOT NULL REFERENCES finance_ledgers (contract_id),
        account_id uuid NOT NULL,
        kind varchar(10) NOT NULL DEFAULT 'payment',
        amount numeric(18,2) NOT NULL,
        currency char(3) NOT NULL,
        received_date date NOT NULL,
        method varchar(20) NOT NULL,
        reference_number varchar(100) NULL,
        payer varchar(200) NULL,
        notes varchar(1000) NULL,
        reverses_id uuid NULL REFERENCES payments (id),
        reversed_by_id uuid NULL REFERENCES payments (id),
        owner_id uuid NULL,
        department_id uuid NULL,
        created_by_id uuid NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        deleted_at timestamptz(3) NULL,
        version int NOT NULL DEFAULT 1,
        CONSTRAINT ck_payments_sign CHECK ((kind = 'payment' AND amount > 0) OR (kind = 'reversal' AND amount < 0 AND reverses_id IS NOT NULL))
      )`);
    // a payment is reversed at most once
    await q.query(`CREATE UNIQUE INDEX uq_payments_reverses ON payments (reverses_id) WHERE reverses_id IS NOT NULL`);
    await q.query(`CREATE INDEX idx_payments_contract ON payments (contract_id, received_date DESC, id DESC) WHERE deleted_at IS NULL`);
    await q.query(`CREATE INDEX idx_payments_created ON payments (created_at DESC, id DESC) WHERE deleted_at IS NULL`);
    await q.query(`CREATE INDEX idx_payments_received ON payments (received_date DESC, id DESC) WHERE deleted_at IS NULL`);
    await q.query(`CREATE INDEX idx_payments_amount ON payments (amount DESC, id DESC) WHERE deleted_at IS NULL`);
    await q.query(`CREATE INDEX idx_payments_account ON payments (account_id, received_date DESC) WHERE deleted_at IS NULL`);
    await q.query(`CREATE INDEX idx_payments_method ON payments (method, received_date DESC) WHERE deleted_at IS NULL`);
    await q.query(`CREATE INDEX idx_payments_owner ON payments (owner_id, received_date DESC) WHERE deleted_at IS NULL`);

    await q.query(`
      CREATE TABLE payment_allocations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        payment_id uuid NOT NULL REFERENCES payments (id),
        installment_id uuid NOT NULL REFERENCES payment_installments (id),
        amount numeric(18,2) NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX idx_payment_allocations_payment ON payment_allocations (payment_id)`);
    await q.query(`CREATE INDEX idx_payment_allocations_installment ON payment_allocations (installment_id)`);

    await q.query(`
      CREATE TABLE invoices (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        number varchar(40) NOT NULL,
        contract_id uuid NOT NULL REFERENCES finance_ledgers (contract_id),
        account_id uuid NOT NULL,
        payment_id uuid NULL REFERENCES payments (id),
        type varchar(20) NOT NULL,
        status varchar(20) NOT NULL DEFAULT 'requested',
        buyer_title varchar(200) NOT NULL,
        buyer_tax_no varchar(18) NULL,
        buyer_address varchar(300) NULL,
        buyer_phone varchar(40) NULL,
        buyer_bank varchar(200) NULL,
        buyer_account varchar(60) NULL,
        currency char(3) NOT NULL,
        amount numeric(18,2) NOT NULL CHECK (amount > 0),
        tax_rate numeric(5,2) NOT NULL,
        tax_amount numeric(18,2) NOT NULL,
        net_amount numeric(18,2) NOT NULL,
        issue_date date NULL,
        notes varchar(1000) NULL,
        void_reason varchar(500) NULL,
        owner_id uuid NULL,
        department_id uuid NULL,
        created_by_id uuid NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        deleted_at timestamptz(3) NULL,
        version int NOT NULL DEFAULT 1
      )`);
    await q.query(`CREATE UNIQUE INDEX uq_invoices_number ON invoices (number)`);
    await q.query(`CREATE INDEX idx_invoices_contract ON invoices (contract_id, created_at DESC, id DESC) WHERE deleted_at IS NULL`);
    await q.query(`CREATE INDEX idx_invoices_created ON invoices (created_at DESC, id DESC) WHERE deleted_at IS NULL`);
    await q.query(`CREATE INDEX idx_invoices_issue ON invoices (issue_date DESC, id DESC) WHERE deleted_at IS NULL`);
    await q.query(`CREATE INDEX idx_invoices_amount ON invoices (amount DESC, id DESC) WHERE deleted_at IS NULL`);
    await q.query(`CREATE INDEX idx_invoices_status ON invoices (status, created_at DESC) WHERE deleted_at IS NULL`);
    await q.query(`CREATE INDEX idx_invoices_type ON invoices (type, created_at DESC) WHERE deleted_at IS NULL`);
    await q.query(`CREATE INDEX idx_invoices_account ON invoices (account_id, created_at DESC) WHERE deleted_at IS NULL`);
    await q.query(`CREATE INDEX idx_invoices_owner ON invoices (owner_id, created_at DESC) WHERE deleted_at IS NULL`);
    await q.query(`CREATE INDEX idx_invoices_payment ON invoices (payment_id) WHERE payment_id IS NOT NULL`);

    await q.query(`
      CREATE TABLE invoice_titles (
        account_id uuid PRIMARY KEY,
        buyer_title varchar(200) NOT NULL,
        buyer_tax_no varchar(18) NULL,
        buyer_address varchar(300) NULL,
        buyer_phone varchar(40) NULL,
        buyer_bank varchar(200) NULL,
        buyer_account varchar(60) NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        version int NOT NULL DEFAULT 1
      )`);

    // sales reps read the finance of their own contracts (new databases get it from the built-in role definitions)
    await q.query(
      `UPDATE roles SET permissions = permissions || '[{"module":"payments","actions":["read"],"scope":"own"}]'::jsonb,
              version = version + 1, updated_at = now()
        WHERE key = 'sales_rep' AND built_in AND deleted_at IS NULL AND NOT permissions @> '[{"module":"payments"}]'::jsonb`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE invoice_titles`);
    await q.query(`DROP TABLE invoices`);
    await q.query(`DROP TABLE payment_allocations`);
    await q.query(`DROP TABLE payments`);
    await q.query(`DROP TABLE payment_installments`);
    await q.query(`DROP TABLE finance_ledgers`);
  }
}
