import type { Pool } from 'pg';
import { CopyWriter } from './copy';
import type { CustomerIds } from './customers';
import { SEED_NOW } from './customers';
import type { Org } from './org';
import { Rng } from './random';

const DAY = 24 * 3600 * 1000;
const CATEGORIES = ['软件订阅', '软件许可', '硬件设备', '专业服务', '培训', '耗材'];
const WORDS = ['智能', '云端', '企业版', '标准版', '专业版', '旗舰版', '收银终端', '扫码枪', '服务器', '实施服务', '培训课程', '数据迁移', '运维服务', '席位', '打印机'];
const UNITS = ['个', '台', '套', '年', '人天', '次'];
const STATUSES = ['draft', 'draft', 'approved', 'sent', 'sent', 'accepted', 'declined', 'expired', 'pending_approval', 'rejected'];

/** Money as exact cents → "123.45". */
const money = (cents: number) => `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;

/**
 * Products (with a small category tree) and quotes with their lines (issue 13), through COPY like the
 * other tables. Totals follow the API's formula for tax-included quotes without an overall discount
 * (line amount = round(qty × price × (1 − d)), tax = round(amount × r / (100 + r))), in integer cents.
 * Quote numbers `Q{yyyyMM}-{seq}` per creation month, and the sequence counters are set past them so
 * creates through the API continue the numbering.
 */
export async function seedSales(
  pool: Pool,
  _org: Org,
  ids: CustomerIds,
  sizes: { products: number; quotes: number; linesPerQuote: number },
  seed: number,
  existing: string[],
  log: (m: string) => void,
): Promise<{ skipped: string[] }> {
  if (!existing.includes('quotes') || !existing.includes('products')) return { skipped: ['products, quotes: the tables do not exist yet (migration 1764650000000)'] };
  const r = new Rng(seed + 7);
  const c = await pool.connect();
  try {
    const t0 = Date.now();
    await c.query('BEGIN');
    await c.query('TRUNCATE quote_lines, quotes, products, product_categories, sequence_counters CASCADE');
    const cats: string[] = [];
    for (const [i, name] of CATEGORIES.entries()) {
      cats.push((await c.query<{ id: string }>(`INSERT INTO product_categories (name, sort_order) VALUES ($1, $2) RETURNING id`, [name, i])).rows[0].id);
    }
    const products: { id: string; name: string; unit: string; price: number; tax: number }[] = [];
    const pw = new CopyWriter(c, 'products', ['id', 'sku', 'name', 'name_en', 'category_id', 'unit', 'list_price', 'currency', 'cost', 'tax_rate', 'active', 'price_tiers', 'created_at', 'updated_at', 'version'], { freeze: true });
    for (let i = 0; i < sizes.products; i++) {
      const id = r.uuid();
      const name = `${r.pick(WORDS)}${r.pick(WORDS)} ${i + 1}`;
      const unit = r.pick(UNITS);
      const price = 100 * (50 + r.int(20000));
      const tax = r.pick([13, 13, 6, 9]);
      products.push({ id, name, unit, price, tax });
      const at = new Date(SEED_NOW - r.int(3 * 365) * DAY).toISOString();
      const p = pw.write([id, `SKU-${String(i + 1).padStart(6, '0')}`, name, `Product ${i + 1}`, r.pick(cats), unit, money(price), 'CNY', money(Math.floor(price * 0.4)), tax, r.next() > 0.05, '[]', at, at, 1]);
      if (p) await p;
    }
    await pw.end();
    await c.query('COMMIT');
    log(`products: ${sizes.products.toLocaleString()} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

    const t1 = Date.now();
    await c.query('BEGIN');
    await c.query('TRUNCATE quote_lines, quotes CASCADE');
    const owned = ids.accounts.filter((a) => a.ownerId);
    const seqs = new Map<string, number>();
    const qw = new CopyWriter(c, 'quotes', [
      'id', 'number', 'revision', 'superseded', 'name', 'status', 'account_id', 'currency', 'valid_until', 'payment_terms', 'tax_included', 'discount_percent',
      'subtotal', 'discount_amount', 'tax_total', 'net_total', 'grand_total', 'max_line_discount', 'total_discount', 'owner_id', 'department_id', 'created_at', 'updated_at', 'version',
    ], { freeze: true });
    const lineRows: unknown[][] = [];
    const flushLines = async (lw: CopyWriter) => {
      for (const row of lineRows.splice(0)) {
        const p = lw.write(row as never);
        if (p) await p;
      }
    };
    // lines go in their own COPY after the quotes (one COPY per connection at a time): kept in batches in memory
    const allLines: unknown[][][] = [];
    for (let i = 0; i < sizes.quotes; i++) {
      const a = owned[r.int(owned.length)];
      const at = Math.max(a.createdAt, SEED_NOW - r.int(2 * 365) * DAY);
      const d = new Date(at);
      const month = `${d.getUTCFullYear()}${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
      const seq = (seqs.get(month) ?? 0) + 1;
      seqs.set(month, seq);
      const id = r.uuid();
      let subtotal = 0;
      let tax = 0;
      let list = 0;
      let maxDisc = 0;
      const lines: unknown[][] = [];
      for (let k = 0; k < sizes.linesPerQuote; k++) {
        const p = products[r.int(products.length)];
        const qty = 1 + r.int(20);
        const disc = r.pick([0, 0, 0, 5, 10, 15]);
        maxDisc = Math.max(maxDisc, disc);
        const gross = qty * p.price;
        const amount = Math.round((gross * (100 - disc)) / 100);
        const lineTax = Math.round((amount * p.tax) / (100 + p.tax));
        list += gross;
        subtotal += amount;
        tax += lineTax;
        lines.push([r.uuid(), id, k + 1, k < 3 ? '产品' : '服务', p.id, p.name, p.unit, qty, money(p.price), disc, p.tax, money(amount), money(lineTax)]);
      }
      allLines.push(lines);
      const totalDisc = list ? Math.round(((list - subtotal) / list) * 10000) / 100 : 0;
      const iso = new Date(at).toISOString();
      const p = qw.write([
        id, `Q${month}-${String(seq).padStart(4, '0')}`, 1, false, `报价 ${i + 1}`, r.pick(STATUSES), a.id, 'CNY', new Date(at + 30 * DAY).toISOString().slice(0, 10), '预付 50%', true, 0,
        money(subtotal), '0.00', money(tax), money(subtotal - tax), money(subtotal), maxDisc, totalDisc, a.ownerId, a.deptId, iso, iso, 1,
      ]);
      if (p) await p;
    }
    await qw.end();
    const lw = new CopyWriter(c, 'quote_lines', ['id', 'quote_id', 'position', 'group_name', 'product_id', 'name', 'unit', 'quantity', 'unit_price', 'discount_percent', 'tax_rate', 'amount', 'tax_amount'], { freeze: true });
    for (const lines of allLines) {
      lineRows.push(...lines);
      if (lineRows.length > 5000) await flushLines(lw);
    }
    await flushLines(lw);
    await lw.end();
    for (const [month, n] of seqs) {
      await c.query(`INSERT INTO sequence_counters (name, period_key, value) VALUES ('quote', $1, $2)`, [`Q${month}-#`, n]);
    }
    await c.query('COMMIT');
    log(`quotes: ${sizes.quotes.toLocaleString()} with ${(sizes.quotes * sizes.linesPerQuote).toLocaleString()} lines in ${((Date.now() - t1) / 1000).toFixed(1)} s`);
    return { skipped: [] };
  } catch (e) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    c.release();
  }
}
