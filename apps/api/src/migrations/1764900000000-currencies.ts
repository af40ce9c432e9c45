import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Currencies (enabled ones and the base, default CNY) and dated exchange rates to the base (issue 14).
 * A rate row keeps the base it was entered against, so a base change never reinterprets old rates.
 */
export class Currencies1764900000000 implements MigrationInterface {
  name = 'Currencies1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE currencies (
        code char(3) PRIMARY KEY,
        id uuid NOT NULL UNIQUE DEFAULT gen_random_uuid(),
        enabled boolean NOT NULL DEFAULT true,
        is_base boolean NOT NULL DEFAULT false,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        version int NOT NULL DEFAULT 1,
        CONSTRAINT ck_currencies_base_enabled CHECK (NOT is_base OR enabled)
      )`);
    // one base currency at most, enforced by the database
    await q.query(`CREATE UNIQUE INDEX uq_currencies_base ON currencies (is_base) WHERE is_base`);
    await q.query(`INSERT INTO currencies (code, enabled, is_base) VALUES ('CNY', true, true)`);

    await q.query(`
      CREATE TABLE exchange_rates (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        currency char(3) NOT NULL,
        base_currency char(3) NOT NULL,
        rate numeric(24,10) NOT NULL CHECK (rate > 0),
        effective_date date NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        deleted_at timestamptz(3) NULL,
        version int NOT NULL DEFAULT 1
      )`);
    // unique (currency, date) per base among live rates; also serves "the rate on a date" (the latest on or before it)
    await q.query(
      `CREATE UNIQUE INDEX uq_exchange_rates_currency_date ON exchange_rates (base_currency, currency, effective_date DESC) WHERE deleted_at IS NULL`,
    );
    // the list: sort by date (default, newest first) or by creation, with the id tiebreaker
    await q.query(`CREATE INDEX idx_exchange_rates_date ON exchange_rates (effective_date DESC, id DESC) WHERE deleted_at IS NULL`);
    await q.query(`CREATE INDEX idx_exchange_rates_created ON exchange_rates (created_at DESC, id DESC) WHERE deleted_at IS NULL`);
    await q.query(`CREATE INDEX idx_exchange_rates_currency_list ON exchange_rates (currency, effective_date DESC, id DESC) WHERE deleted_at IS NULL`);

    // finance maintains the rates (new databases get it from the built-in role definitions)
    await q.query(
      `UPDATE roles SET permissions = permissions || '[{"module":"currencies","actions":["read","create","update","delete","export"],"scope":"all"}]'::jsonb,
              version = version + 1, updated_at = now()
        WHERE key = 'finance' AND built_in AND deleted_at IS NULL AND NOT permissions @> '[{"module":"currencies"}]'::jsonb`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE exchange_rates`);
    await q.query(`DROP TABLE currencies`);
  }
}
