import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 13, products and quotes: the shared document-number counters (core/sequences), the product
 * catalogue with its category tree, quotes with their lines and revisions, the quote-discount approval
 * flow, and the products write grant for sales managers.
 */
export class ProductsQuotes1764650000000 implements MigrationInterface {
  name = 'ProductsQuotes1764650000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE sequence_counters (
        name varchar(50) NOT NULL,
        period_key varchar(80) NOT NULL,
        value bigint NOT NULL,
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (name, period_key)
      )`);

    await q.query(`
      CREATE TABLE product_categories (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name varchar(100) NOT NULL,
        name_en varchar(100) NULL,
        parent_id uuid NULL REFERENCES product_categories(id),
        sort_order int NOT NULL DEFAULT 0,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        deleted_at timestamptz(3) NULL,
        version int NOT NULL DEFAULT 1
      )`);
    await q.query(`CREATE INDEX idx_product_categories_parent ON product_categories (parent_id, sort_order, name) WHERE deleted_at IS NULL`);

    await q.query(`
      CREATE TABLE products (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        sku varchar(64) NOT NULL,
        name varchar(200) NOT NULL,
        name_en varchar(200) NULL,
        category_id uuid NULL REFERENCES product_categories(id),
        unit varchar(20) NOT NULL DEFAULT '个',
        list_price numeric(18,2) NOT NULL DEFAULT 0,
        currency char(3) NOT NULL DEFAULT 'CNY',
        cost numeric(18,2) NULL,
        tax_rate numeric(5,2) NOT NULL DEFAULT 13,
        active boolean NOT NULL DEFAULT true,
        description text NULL,
        price_tiers jsonb NOT NULL DEFAULT '[]',
        search_text text GENERATED ALWAYS AS (lower(sku || ' ' || name || ' ' || coalesce(name_en, ''))) STORED,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        deleted_at timestamptz(3) NULL,
        version int NOT NULL DEFAULT 1
      )`);
    // one live product per SKU, whatever the case: parallel creates meet here (409 DUPLICATE, field sku)
    await q.query(`CREATE UNIQUE INDEX uq_products_sku ON products (lower(sku)) WHERE deleted_at IS NULL`);
    await q.query(`CREATE INDEX idx_products_created ON products (created_at DESC, id DESC) WHERE deleted_at IS NULL`);
    await q.query(`CREATE INDEX idx_products_name ON products (name, id) WHERE deleted_at IS NULL`);
    await q.query(`CREATE INDEX idx_products_sku_sort ON products (sku, id) WHERE deleted_at IS NULL`);
    await q.query(`CREATE INDEX idx_products_price ON products (list_price, id) WHERE deleted_at IS NULL`);
    await q.query(`CREATE INDEX idx_products_category ON products (category_id, created_at DESC, id DESC) WHERE deleted_at IS NULL`);
    await q.query(`CREATE INDEX idx_products_active ON products (active, created_at DESC, id DESC) WHERE deleted_at IS NULL`);
    await q.query(`CREATE INDEX idx_products_search ON products USING gin (search_text gin_trgm_ops)`);

    await q.query(`
      CREATE TABLE quotes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        number varchar(40) NOT NULL,
        revision int NOT NULL DEFAULT 1,
        superseded boolean NOT NULL DEFAULT false,
        previous_id uuid NULL REFERENCES quotes(id),
        name varchar(200) NOT NULL,
        status varchar(20) NOT NULL DEFAULT 'draft',
        account_id uuid NOT NULL,
        contact_id uuid NULL,
        opportunity_id uuid NULL,
        currency char(3) NOT NULL DEFAULT 'CNY',
        valid_until date NULL,
        payment_terms varchar(500) NULL,
        notes text NULL,
        tax_included boolean NOT NULL DEFAULT true,
        discount_percent numeric(5,2) NOT NULL DEFAULT 0,
        subtotal numeric(18,2) NOT NULL DEFAULT 0,
        discount_amount numeric(18,2) NOT NULL DEFAULT 0,
        tax_total numeric(18,2) NOT NULL DEFAULT 0,
        net_total numeric(18,2) NOT NULL DEFAULT 0,
        grand_total numeric(18,2) NOT NULL DEFAULT 0,
        max_line_discount numeric(5,2) NOT NULL DEFAULT 0,
        total_discount numeric(5,2) NOT NULL DEFAULT 0,
        sent_at timestamptz(3) NULL,
        decided_at timestamptz(3) NULL,
        owner_id uuid NULL REFERENCES users(id),
        department_id uuid NULL REFERENCES departments(id),
        search_text text GENERATED ALWAYS AS (lower(number || ' ' || name)) STORED,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        deleted_at timestamptz(3) NULL,
        version int NOT NULL DEFAULT 1,
        CONSTRAINT uq_quotes_number_revision UNIQUE (number, revision)
      )`);
    await q.query(`CREATE INDEX idx_quotes_created ON quotes (created_at DESC, id DESC) WHERE deleted_at IS NULL`);
    await q.query(`CREATE INDEX idx_quotes_owner_created ON quotes (owner_id, created_at DESC, id DESC) WHERE deleted_at IS NULL`);
    await q.query(`CREATE INDEX idx_quotes_dept_created ON quotes (department_id, created_at DESC, id DESC) WHERE deleted_at IS NULL`);
    await q.query(`CREATE INDEX idx_quotes_status_created ON quotes (status, created_at DESC, id DESC) WHERE deleted_at IS NULL`);
    await q.query(`CREATE INDEX idx_quotes_account ON quotes (account_id, created_at DESC, id DESC) WHERE deleted_at IS NULL`);
    await q.query(`CREATE INDEX idx_quotes_opportunity ON quotes (opportunity_id) WHERE deleted_at IS NULL AND opportunity_id IS NOT NULL`);
    await q.query(`CREATE INDEX idx_quotes_valid_until ON quotes (valid_until, id) WHERE deleted_at IS NULL`);
    await q.query(`CREATE INDEX idx_quotes_grand_total ON quotes (grand_total, id) WHERE deleted_at IS NULL`);
    await q.query(`CREATE INDEX idx_quotes_number ON quotes (number, revision) WHERE deleted_at IS NULL`);
    // the daily expiry: sent quotes past their validity
    await q.query(`CREATE INDEX idx_quotes_expiry ON quotes (valid_until) WHERE status = 'sent' AND deleted_at IS NULL AND NOT superseded`);
    await q.query(`CREATE INDEX idx_quotes_search ON quotes USING gin (search_text gin_trgm_ops)`);

    await q.query(`
      CREATE TABLE quote_lines (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        quote_id uuid NOT NULL REFERENCES quotes(id) ON DELETE CASCADE,
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
    await q.query(`CREATE UNIQUE INDEX uq_quote_lines_position ON quote_lines (quote_id, position)`);
    await q.query(`CREATE INDEX idx_quote_lines_product ON quote_lines (product_id) WHERE product_id IS NOT NULL`);

    // a quote whose largest line discount or whole-quote discount passes 10 % waits for the submitter's department manager
    const steps = JSON.stringify([{ mode: 'any', approvers: [{ type: 'manager' }] }]);
    const condition = JSON.stringify({
      match: 'any',
      conditions: [
        { field: 'maxLineDiscount', op: 'gt', value: 10 },
        { field: 'totalDiscount', op: 'gt', value: 10 },
      ],
    });
    await q.query(
      `INSERT INTO approval_flows (name, kind, trigger, condition, steps, priority) VALUES ('报价折扣审批 Quote discount', 'quote', 'submit', $1, $2, 1000)`,
      [condition, steps],
    );

    // sales managers maintain the catalogue (new databases get it from the built-in role definitions)
    await q.query(
      `UPDATE roles SET permissions = (
          SELECT jsonb_agg(CASE WHEN e->>'module' = 'products'
                                THEN '{"module":"products","actions":["read","create","update","delete","export"],"scope":"all"}'::jsonb
                                ELSE e END)
            FROM jsonb_array_elements(permissions) e),
          version = version + 1, updated_at = now()
        WHERE built_in AND key = 'sales_manager' AND deleted_at IS NULL
          AND permissions @> '[{"module":"products","actions":["read"]}]'::jsonb`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM approval_flows WHERE kind = 'quote' AND trigger = 'submit' AND name = '报价折扣审批 Quote discount'`);
    await q.query(`DROP TABLE quote_lines`);
    await q.query(`DROP TABLE quotes`);
    await q.query(`DROP TABLE products`);
    await q.query(`DROP TABLE product_categories`);
    await q.query(`DROP TABLE sequence_counters`);
  }
}
