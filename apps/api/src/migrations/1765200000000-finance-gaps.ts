import { MigrationInterface, QueryRunner } from 'typeorm';

const MONEY: [string, string[]][] = [
  ['finance_ledgers', ['amount', 'received', 'invoiced']],
  ['payment_installments', ['amount', 'received']],
  ['payments', ['amount']],
  ['payment_allocations', ['amount']],
  ['invoices', ['amount', 'tax_amount', 'net_amount']],
];

/**
 * Finance gaps (issue 14):
 * - money columns wide enough for a currency with 3 decimals (KWD, BHD...): numeric(18,2) → numeric(19,3),
 *   the same 16 integer digits; existing values keep their value (the API writes each currency's own decimals);
 * - a red-letter invoice (红冲) is its own record: `kind` 'red_letter', a negative amount, linked both ways
 *   (`reverses_invoice_id` / `reversed_by_invoice_id`), at most one per invoice (unique index);
 * - one currency check for every module: the currencies that were accepted before (the six of the old shared
 *   list, and every currency a record already uses) are enabled unless an admin already decided otherwise.
 */
export class FinanceGaps1765200000000 implements MigrationInterface {
  name = 'FinanceGaps1765200000000';

  async up(q: QueryRunner): Promise<void> {
    for (const [table, columns] of MONEY) {
      await q.query(`ALTER TABLE ${table} ${columns.map((c) => `ALTER COLUMN ${c} TYPE numeric(19,3)`).join(', ')}`);
    }
    await q.query(`ALTER TABLE invoices ADD COLUMN kind varchar(12) NOT NULL DEFAULT 'invoice',
      ADD COLUMN reverses_invoice_id uuid NULL REFERENCES invoices (id),
      ADD COLUMN reversed_by_invoice_id uuid NULL REFERENCES invoices (id)`);
    await q.query(`ALTER TABLE invoices DROP CONSTRAINT IF EXISTS invoices_amount_check`);
    await q.query(`ALTER TABLE invoices ADD CONSTRAINT ck_invoices_sign
      CHECK ((kind = 'invoice' AND amount > 0) OR (kind = 'red_letter' AND amount < 0 AND reverses_invoice_id IS NOT NULL))`);
    await q.query(`CREATE UNIQUE INDEX uq_invoices_reverses ON invoices (reverses_invoice_id) WHERE reverses_invoice_id IS NOT NULL`);
    await q.query(`CREATE INDEX idx_invoices_kind ON invoices (kind, created_at DESC) WHERE deleted_at IS NULL`);

    await q.query(`
      INSERT INTO currencies (code, enabled)
      SELECT DISTINCT code, true FROM (
        SELECT unnest(ARRAY['CNY', 'USD', 'EUR', 'HKD', 'JPY', 'GBP']) AS code
        UNION SELECT currency FROM contracts UNION SELECT currency FROM quotes UNION SELECT currency FROM opportunities
        UNION SELECT currency FROM campaigns UNION SELECT currency FROM products
      ) used WHERE code ~ '^[A-Z]{3}$'
      ON CONFLICT (code) DO NOTHING`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX idx_invoices_kind`);
    await q.query(`DROP INDEX uq_invoices_reverses`);
    await q.query(`DELETE FROM invoices WHERE kind = 'red_letter'`);
    await q.query(`ALTER TABLE invoices DROP CONSTRAINT ck_invoices_sign`);
    await q.query(`ALTER TABLE invoices DROP COLUMN kind, DROP COLUMN reverses_invoice_id, DROP COLUMN reversed_by_invoice_id`);
    await q.query(`ALTER TABLE invoices ADD CONSTRAINT invoices_amount_check CHECK (amount > 0)`);
    for (const [table, columns] of MONEY) {
      await q.query(`ALTER TABLE ${table} ${columns.map((c) => `ALTER COLUMN ${c} TYPE numeric(18,2)`).join(', ')}`);
    }
  }
}
